// Helpers for the store and migration tests (and the store's benchmark rows): a real SQLite file in a
// fresh folder, and domain records built by hand (shared/src/domain.ts) so the tests do not depend on
// the engine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainEvent, Ticket, TicketStatus } from '@vikno/shared';
import type Database from 'better-sqlite3';
import { newTicket } from '../engine/engine.js';
import { openDatabase } from './store.js';

export interface TempDb {
  db: Database.Database;
  file: string;
  dir: string;
  /** Closes the database (if still open) and removes the folder. */
  dispose(): void;
}

export function tempDbFile(): { file: string; dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'vikno-store-'));
  return { dir, file: join(dir, 'vikno.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function tempDb(): TempDb {
  const { dir, file, remove } = tempDbFile();
  const db = openDatabase(file);
  return {
    db,
    file,
    dir,
    dispose() {
      if (db.open) db.close();
      remove();
    },
  };
}

export const DAY_MS = 86_400_000;
const EPOCH_OF = (day: string) => Date.parse(`${day}T08:00:00Z`);

export function ticket(day: string, n: number, over: Partial<Ticket> = {}): Ticket {
  const at = EPOCH_OF(day) + n * 60_000;
  const number = `A-${String(n).padStart(3, '0')}`;
  return {
    ...newTicket({
      id: `${day}/${number}`,
      day,
      number,
      service: 'passport',
      channel: 'kiosk',
      priority: null,
      language: 'uk',
      issuedAt: at,
      appointmentAt: null,
      appointmentId: null,
    }),
    ...over,
  };
}

export function issued(t: Ticket, token = `token-${t.id}`): DomainEvent {
  return { type: 'ticket.issued', at: t.issuedAt, day: t.day, ticket: t, token };
}

export function withStatus(t: Ticket, status: TicketStatus, at = t.issuedAt + 60_000): Ticket {
  const counter = status === 'waiting' ? null : (t.counter ?? 'w1');
  return {
    ...t,
    status,
    counter,
    calledAt: status === 'waiting' ? null : (t.calledAt ?? at),
    finishedAt: status === 'finished' || status === 'no_show' || status === 'expired' ? at : null,
  };
}

/** Inserts a row into `tickets` the way Store.commit does (v1 schema). */
export function insertTicketRow(db: Database.Database, t: Ticket, token = `token-${t.id}`): void {
  db.prepare(
    `INSERT INTO tickets (id, day, number, service, status, token, issued_at, called_at, finished_at, counter_id, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(t.id, t.day, t.number, t.service, t.status, token, t.issuedAt, t.calledAt, t.finishedAt, t.counter, JSON.stringify(t));
}

/** Inserts a row into `events` the way Store.commit does (v1 schema). */
export function insertEventRow(db: Database.Database, e: DomainEvent): number {
  const ticketId = 'ticketId' in e ? e.ticketId : e.type === 'ticket.issued' ? e.ticket.id : null;
  const counterId = 'counter' in e ? e.counter : null;
  const info = db
    .prepare('INSERT INTO events (day, at, type, ticket_id, counter_id, data) VALUES (?, ?, ?, ?, ?, ?)')
    .run(e.day, e.at, e.type, ticketId, counterId, JSON.stringify(e));
  return Number(info.lastInsertRowid);
}

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function objectNames(db: Database.Database, type: 'table' | 'index' | 'trigger'): string[] {
  return db
    .prepare<[string], { name: string }>("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all(type)
    .map((r) => r.name);
}

export interface IndexInfo {
  seq: number;
  name: string;
  unique: number;
  origin: string;
  partial: number;
}

export function indexList(db: Database.Database, table: string): IndexInfo[] {
  return db.pragma(`index_list(${table})`) as IndexInfo[];
}

export function indexColumns(db: Database.Database, index: string): string[] {
  return (db.pragma(`index_info(${index})`) as { name: string }[]).map((c) => c.name);
}

export function columns(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
}

/** The whole schema as SQLite stores it, to compare before and after. */
export function schemaDump(db: Database.Database): { type: string; name: string; sql: string | null }[] {
  return db
    .prepare<[], { type: string; name: string; sql: string | null }>('SELECT type, name, sql FROM sqlite_master ORDER BY type, name')
    .all();
}
