import type { DomainEvent } from '@vikno/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../store.js';
import {
  columns,
  indexColumns,
  indexList,
  insertEventRow,
  insertTicketRow,
  issued,
  objectNames,
  type TempDb,
  tempDb,
  ticket,
  userVersion,
  withStatus,
} from '../test-fixtures.js';
import { migrations } from './index.js';

// The query Store.unfinishedDaysBefore runs (hub/src/store/store.ts); the partial index exists for it.
const UNFINISHED_DAYS_SQL =
  "SELECT DISTINCT day FROM tickets WHERE day < ? AND status IN ('waiting', 'called', 'serving', 'parked') ORDER BY day";

describe('migration 001: events and tickets', () => {
  let t: TempDb;
  beforeEach(() => {
    t = tempDb();
    expect(migrate(t.db, migrations.slice(0, 0))).toBe(0);
    expect(migrations[0]?.version).toBe(1);
    expect(migrate(t.db, migrations.slice(0, 1))).toBe(1);
  });
  afterEach(() => t.dispose());

  it('sets user_version to 1 and creates the tables, indexes and triggers', () => {
    expect(userVersion(t.db)).toBe(1);
    expect(objectNames(t.db, 'table')).toEqual(['events', 'tickets']);
    expect(objectNames(t.db, 'index')).toEqual(['events_day', 'events_ticket', 'tickets_day_service', 'tickets_open']);
    expect(objectNames(t.db, 'trigger')).toEqual(['events_no_delete', 'events_no_update']);
    expect(columns(t.db, 'events')).toEqual(['seq', 'day', 'at', 'type', 'ticket_id', 'counter_id', 'data']);
    expect(columns(t.db, 'tickets')).toEqual([
      'id',
      'day',
      'number',
      'service',
      'status',
      'token',
      'issued_at',
      'called_at',
      'finished_at',
      'counter_id',
      'data',
    ]);
    expect(indexColumns(t.db, 'events_day')).toEqual(['day', 'seq']);
    expect(indexColumns(t.db, 'tickets_open')).toEqual(['day']);

    const tickets = indexList(t.db, 'tickets');
    expect(tickets.find((i) => i.name === 'tickets_open')).toMatchObject({ unique: 0, partial: 1 });
    expect(tickets.find((i) => i.name === 'tickets_day_service')).toMatchObject({ unique: 0, partial: 0 });
    // The primary key and the two UNIQUE constraints: (id), (token) and (day, number).
    const uniques = tickets.filter((i) => i.unique === 1).map((i) => indexColumns(t.db, i.name).join(','));
    expect(uniques.sort()).toEqual(['day,number', 'id', 'token']);
    expect(indexList(t.db, 'events').find((i) => i.name === 'events_ticket')).toMatchObject({ partial: 1 });
  });

  it('numbers events in insertion order by their rowid, with no sqlite_sequence to write', () => {
    const a = ticket('2026-03-02', 1);
    const b = ticket('2026-03-02', 2);
    const first = insertEventRow(t.db, issued(a));
    const second = insertEventRow(t.db, issued(b));
    expect(second).toBeGreaterThan(first);
    const row = t.db.prepare<[], { ticket_id: string; type: string }>('SELECT ticket_id, type FROM events ORDER BY seq LIMIT 1').get();
    expect(row).toEqual({ ticket_id: a.id, type: 'ticket.issued' });
    expect(objectNames(t.db, 'table')).not.toContain('sqlite_sequence');
  });

  it('keeps events append-only: UPDATE and DELETE are refused by the database', () => {
    const a = ticket('2026-03-02', 1);
    insertEventRow(t.db, issued(a));
    const called: DomainEvent = {
      type: 'ticket.called',
      at: a.issuedAt + 1000,
      day: a.day,
      ticketId: a.id,
      counter: 'w1',
      operator: 'olena',
      rule: 'normal',
    };
    insertEventRow(t.db, called);

    expect(() => t.db.prepare("UPDATE events SET type = 'ticket.finished' WHERE seq = 1").run()).toThrow('events are append-only');
    expect(() => t.db.prepare('UPDATE events SET data = ?').run('{}')).toThrow('events are append-only');
    expect(() => t.db.prepare('DELETE FROM events WHERE seq = 2').run()).toThrow('events are append-only');
    expect(() => t.db.prepare('DELETE FROM events').run()).toThrow('events are append-only');

    const rows = t.db.prepare<[], { type: string }>('SELECT type FROM events ORDER BY seq').all();
    expect(rows.map((r) => r.type)).toEqual(['ticket.issued', 'ticket.called']);
  });

  it('refuses two tickets with the same number on the same day, but not on another day', () => {
    const a = ticket('2026-03-02', 7);
    insertTicketRow(t.db, a, 'tok-1');
    const sameNumber = { ...ticket('2026-03-02', 7), id: 'other-id' };
    expect(() => insertTicketRow(t.db, sameNumber, 'tok-2')).toThrow(/UNIQUE constraint failed: tickets\.day, tickets\.number/);
    insertTicketRow(t.db, ticket('2026-03-03', 7), 'tok-3');
    expect(t.db.prepare('SELECT count(*) FROM tickets').pluck().get()).toBe(2);
  });

  it('refuses two tickets with the same token', () => {
    insertTicketRow(t.db, ticket('2026-03-02', 1), 'same-token');
    expect(() => insertTicketRow(t.db, ticket('2026-03-02', 2), 'same-token')).toThrow(/UNIQUE constraint failed: tickets\.token/);
    const sameId = { ...ticket('2026-03-09', 9), id: ticket('2026-03-02', 1).id };
    expect(() => insertTicketRow(t.db, sameId, 'fresh-token')).toThrow(/UNIQUE constraint failed: tickets\.id/);
    expect(t.db.prepare('SELECT token FROM tickets').pluck().all()).toEqual(['same-token']);
  });

  it('refuses missing required values', () => {
    expect(() => t.db.prepare("INSERT INTO events (day, at, type, data) VALUES ('2026-03-02', NULL, 'ticket.issued', '{}')").run()).toThrow(
      /NOT NULL constraint failed: events\.at/,
    );
    expect(() =>
      t.db
        .prepare(
          "INSERT INTO tickets (id, day, number, service, status, token, issued_at, data) VALUES ('x', '2026-03-02', 'A-1', 's', 'waiting', NULL, 1, '{}')",
        )
        .run(),
    ).toThrow(/NOT NULL constraint failed: tickets\.token/);
  });

  it('answers the unfinished-days query from the partial index tickets_open', () => {
    const plan = t.db
      .prepare<[string], { detail: string }>(`EXPLAIN QUERY PLAN ${UNFINISHED_DAYS_SQL}`)
      .all('2026-03-05')
      .map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/USING (COVERING )?INDEX tickets_open\b/);
    // Neither a scan of the table nor a temporary sort for DISTINCT/ORDER BY.
    expect(plan.join('\n')).not.toMatch(/SCAN tickets\b(?! USING)/);
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);

    // The index answers correctly: only earlier days, only open tickets.
    insertTicketRow(t.db, ticket('2026-03-01', 1));
    insertTicketRow(t.db, withStatus(ticket('2026-03-02', 1), 'finished'));
    insertTicketRow(t.db, withStatus(ticket('2026-03-03', 1), 'parked'));
    insertTicketRow(t.db, withStatus(ticket('2026-03-03', 2), 'serving'));
    insertTicketRow(t.db, withStatus(ticket('2026-03-04', 1), 'no_show'));
    insertTicketRow(t.db, ticket('2026-03-05', 1));
    const days = t.db
      .prepare<[string], { day: string }>(UNFINISHED_DAYS_SQL)
      .all('2026-03-05')
      .map((r) => r.day);
    expect(days).toEqual(['2026-03-01', '2026-03-03']);
  });
});
