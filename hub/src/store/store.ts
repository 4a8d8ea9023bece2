// The hub's record: one SQLite file (better-sqlite3), WAL.
//
// Durable before acknowledged: a commit is answered only once the log is synced (wal-sync.ts), so a
// committed ticket survives a power cut, not only a crash of the hub process. The connection runs
// synchronous=NORMAL and the store does the sync that FULL would do at every commit, either before
// `commit` returns or, for the command loop's group commits (`commitAll`), on a thread of libuv's
// pool while the hub goes on deciding. The cost of a durable single-row commit here (3,000–5,000/s,
// docs/performance.md) is far above a centre's few commands a second, and the commands that arrive
// together share one sync.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Appointment, DomainEvent, Ticket } from '@vikno/shared';
import Database from 'better-sqlite3';
import { GENESIS_HASH, rowHash } from '../audit/chain.js';
import { type ChainBreak, chainBreaks, checkChainAtStart } from '../audit/start-check.js';
import type { Decision } from '../engine/decision.js';
import type { DeviceCredentialRow, PairingCodeRow, PairingRecord } from '../security/pairing.js';
import type { PinAttemptRecord } from '../security/pin-attempts.js';
import { BACKSTOP_PAGES, Checkpointer } from './checkpointer.js';
import { migrations as allMigrations, type Migration } from './migrations/index.js';
import { type Fdatasync, WalSync } from './wal-sync.js';

export const PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON', 'busy_timeout = 5000'] as const;

export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  for (const p of PRAGMAS) db.pragma(p);
  return db;
}

/** Applies the migrations the file has not seen yet, each in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = allMigrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

export interface Commit {
  events: readonly DomainEvent[];
  /** Tickets as they stand after the events, to keep the tickets table in step. */
  tickets: readonly Ticket[];
  reply?: { device: string; id: string; day: string; at: number; body: string } | undefined;
  appointments?: Decision['appointments'];
}

/** A ticket as a batch leaves it; `token` when the batch issued it, and its row is still to be made. */
interface TicketRow {
  ticket: Ticket;
  token: string | undefined;
}

const replyKey = (device: string, id: string) => `${device} ${id}`;

export interface StoreOptions {
  /** Checkpoint the WAL from a thread of its own (checkpointer.ts); its errors go here. The hub does. */
  checkpointInBackground?: (error: Error) => void;
  /** How the log is synced (fs.fdatasync); tests hand in one that fails. */
  fdatasync?: Fdatasync;
}

export class Store implements PinAttemptRecord, PairingRecord {
  private readonly db: Database.Database;
  private readonly insertEvent;
  private readonly insertTicket;
  private readonly updateTicket;
  private readonly insertReply;
  private readonly selectReply;
  private readonly checkInAppointment;
  private readonly insertAppointment;
  private readonly chainTail;
  private readonly commitTransaction: (commits: readonly Commit[], answered: Map<string, { row: number; day: string }>) => void;
  /**
   * The answered commands still kept (the hub forgets earlier days'), `device id` → the answer's row
   * and day. The store keeps the key rather than a unique index on disk: command ids are random, so
   * such an index cost a page write in a random place for every command (migration 007).
   */
  private readonly replyRows = new Map<string, { row: number; day: string }>();

  private readonly checkpointer: Checkpointer | undefined;
  /** Absent for an in-memory database, which has no log to sync. */
  private readonly walSync: WalSync | undefined;

  constructor(file: string, options: StoreOptions = {}) {
    this.db = openDatabase(file);
    migrate(this.db);
    this.walSync = file === ':memory:' ? undefined : new WalSync(`${file}-wal`, options.fdatasync);
    const onError = options.checkpointInBackground;
    if (onError && file !== ':memory:') {
      this.db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
      this.checkpointer = new Checkpointer(file, (error) => {
        // Once the store is closed the thread's end is no one's concern (its files may be gone).
        if (!this.db.open) return;
        // Back to SQLite's own checkpoints in the commits, so that the log does not grow without end.
        this.db.pragma('wal_autocheckpoint = 1000');
        onError(error);
      });
    }
    this.insertEvent = this.db.prepare(
      `INSERT INTO events (seq, day, at, type, ticket_id, counter_id, data, prev_hash, hash)
       VALUES (@seq, @day, @at, @type, @ticket_id, @counter_id, @data, @prev_hash, @hash)`,
    );
    this.chainTail = this.db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1');
    this.insertTicket = this.db.prepare(`
      INSERT INTO tickets (id, day, number, service, status, token, issued_at, called_at, finished_at, counter_id, data)
      VALUES (@id, @day, @number, @service, @status, @token, @issuedAt, @calledAt, @finishedAt, @counter, @data)`);
    this.updateTicket = this.db.prepare(`
      UPDATE tickets SET service = @service, status = @status, called_at = @calledAt, finished_at = @finishedAt,
        counter_id = @counter, data = @data WHERE id = @id`);
    this.insertReply = this.db.prepare('INSERT INTO command_replies (device, id, day, at, reply) VALUES (?, ?, ?, ?, ?)');
    this.selectReply = this.db.prepare<[number], { reply: string }>('SELECT reply FROM command_replies WHERE rowid = ?');
    this.checkInAppointment = this.db.prepare("UPDATE appointments SET status = 'checked_in', ticket_id = ? WHERE id = ?");
    this.insertAppointment = this.db.prepare(
      'INSERT INTO appointments (id, code, service, at, status, ticket_id, created_at, phone_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.commitTransaction = this.db.transaction((commits: readonly Commit[], answered: Map<string, { row: number; day: string }>) => {
      // The audit chain (hub/src/audit/chain.ts) continues from the last row on disk.
      const tail = this.chainTail.get() ?? { seq: 0, hash: GENESIS_HASH };
      // Each ticket's row is written once, as the batch's last command left it: no one reads a row
      // half-way through a transaction, and a ticket is often called and started in the same batch.
      const tickets = new Map<string, TicketRow>();
      for (const c of commits) this.writeOne(c, tail, answered, tickets);
      for (const { ticket, token } of tickets.values()) {
        // The row is made by the ticket's issue event; later commits only change it.
        if (token !== undefined) this.insertTicket.run({ ...ticket, token, data: JSON.stringify(ticket) });
        else if (this.updateTicket.run({ ...ticket, data: JSON.stringify(ticket) }).changes === 0)
          throw new Error(`ticket ${ticket.id} has no issue event`);
      }
    });
    for (const r of this.db
      .prepare<[], { row: number; device: string; id: string; day: string }>('SELECT rowid AS row, device, id, day FROM command_replies')
      .iterate())
      this.replyRows.set(replyKey(r.device, r.id), { row: r.row, day: r.day });
  }

  private writeOne(
    c: Commit,
    tail: { seq: number; hash: string },
    answered: Map<string, { row: number; day: string }>,
    tickets: Map<string, TicketRow>,
  ): void {
    const tokens = new Map<string, string>();
    for (const e of c.events) {
      const row = {
        seq: tail.seq + 1,
        day: e.day,
        at: e.at,
        type: e.type,
        ticket_id: 'ticketId' in e ? e.ticketId : e.type === 'ticket.issued' ? e.ticket.id : null,
        counter_id: 'counter' in e ? e.counter : null,
        data: JSON.stringify(e),
      };
      const hash = rowHash(row, tail.hash);
      this.insertEvent.run({ ...row, prev_hash: tail.hash, hash });
      tail.seq = row.seq;
      tail.hash = hash;
      if (e.type === 'ticket.issued') {
        tokens.set(e.ticket.id, e.token);
        if (e.ticket.appointmentId) this.checkInAppointment.run(e.ticket.id, e.ticket.appointmentId);
      }
    }
    for (const t of c.tickets) tickets.set(t.id, { ticket: t, token: tokens.get(t.id) ?? tickets.get(t.id)?.token });
    for (const a of c.appointments ?? [])
      this.insertAppointment.run(a.id, a.code, a.service, a.at, a.status, a.ticketId, Date.now(), a.phoneHash ?? null);
    if (c.reply) {
      const key = replyKey(c.reply.device, c.reply.id);
      if (this.replyRows.has(key) || answered.has(key)) throw new Error(`command ${c.reply.id} of ${c.reply.device} was already answered`);
      const { lastInsertRowid } = this.insertReply.run(c.reply.device, c.reply.id, c.reply.day, c.reply.at, c.reply.body);
      answered.set(key, { row: Number(lastInsertRowid), day: c.reply.day });
    }
  }

  /** Everything the commits changed, in one transaction, on disk when this returns: all of it, or none of it. */
  commit(...commits: Commit[]): void {
    this.write(commits);
    this.walSync?.syncNow();
  }

  /**
   * Several commands in one transaction, in order (group commit), written when this returns (a
   * failure throws) and on disk when the promise resolves; commits made while a sync runs share the
   * next one. Until then nothing of them may be acknowledged; a rejection means the disk did not
   * confirm them.
   */
  commitAll(commits: readonly Commit[]): Promise<void> {
    this.write(commits);
    return this.walSync?.synced() ?? Promise.resolve();
  }

  private write(commits: readonly Commit[]): void {
    const answered = new Map<string, { row: number; day: string }>();
    this.commitTransaction(commits, answered);
    for (const [key, reply] of answered) this.replyRows.set(key, reply);
  }

  /** The committed answer to a command already seen, if any. */
  reply(device: string, id: string): string | undefined {
    const kept = this.replyRows.get(replyKey(device, id));
    return kept && this.selectReply.get(kept.row)?.reply;
  }

  eventsOfDay(day: string): DomainEvent[] {
    return this.db
      .prepare<[string], { data: string }>('SELECT data FROM events WHERE day = ? ORDER BY seq')
      .all(day)
      .map((r) => JSON.parse(r.data) as DomainEvent);
  }

  /**
   * Earlier days that still have open tickets: the hub was not running at their midnight. (Counters
   * left logged in need no closing: each day starts with every counter closed.)
   */
  unfinishedDaysBefore(day: string): string[] {
    return this.db
      .prepare<[string], { day: string }>(
        "SELECT DISTINCT day FROM tickets WHERE day < ? AND status IN ('waiting', 'called', 'serving', 'parked') ORDER BY day",
      )
      .all(day)
      .map((r) => r.day);
  }

  /** The audit chain's check at start (hub/src/audit/start-check.ts): the breaks found now. */
  checkAuditChain(today: string, now: number): ChainBreak[] {
    return checkChainAtStart(this.db, today, now);
  }

  /** Every break the checks at start have found. */
  auditBreaks(): ChainBreak[] {
    return chainBreaks(this.db);
  }

  /** The latest day before `day` that has events, if any. */
  lastDayBefore(day: string): string | undefined {
    return this.db.prepare<[string], string | null>('SELECT max(day) FROM events WHERE day < ?').pluck().get(day) ?? undefined;
  }

  /** Replies of earlier days can no longer be repeated usefully: command ids are made fresh each day. */
  forgetRepliesBefore(day: string): void {
    this.db.prepare('DELETE FROM command_replies WHERE day < ?').run(day);
    for (const [key, kept] of this.replyRows) if (kept.day < day) this.replyRows.delete(key);
  }

  appointmentByCode(code: string): Appointment | undefined {
    const row = this.db
      .prepare<
        [string],
        { id: string; code: string; service: string; at: number; status: Appointment['status']; ticket_id: string | null }
      >('SELECT id, code, service, at, status, ticket_id FROM appointments WHERE code = ?')
      .get(code);
    return row && { id: row.id, code: row.code, service: row.service, at: row.at, status: row.status, ticketId: row.ticket_id };
  }

  /** Bookings not cancelled of a service in [from, to), counted per slot start. */
  bookingsPerSlot(service: string, from: number, to: number): Map<number, number> {
    const rows = this.db
      .prepare<[string, number, number], { at: number; n: number }>(
        "SELECT at, count(*) AS n FROM appointments WHERE service = ? AND at >= ? AND at < ? AND status != 'cancelled' GROUP BY at",
      )
      .all(service, from, to);
    return new Map(rows.map((r) => [r.at, r.n]));
  }

  /** Bookings not cancelled made with one (hashed) phone number for a service in [from, to). */
  bookingsOfPhone(phoneHash: string, service: string, from: number, to: number): number {
    return this.db
      .prepare<[string, string, number, number], number>(
        "SELECT count(*) FROM appointments WHERE phone_hash = ? AND service = ? AND at >= ? AND at < ? AND status != 'cancelled'",
      )
      .pluck()
      .get(phoneHash, service, from, to) as number;
  }

  pinAttemptsSince(since: number): { username: string; at: number }[] {
    return this.db
      .prepare<[number], { username: string; at: number }>('SELECT username, at FROM pin_attempts WHERE at > ? ORDER BY at')
      .all(since);
  }

  /** Outside the command loop's group commit: an attempt is counted before its PIN is checked, whatever the loop is doing. */
  addPinAttempt(username: string, at: number, forgetBefore: number): void {
    this.db.prepare('DELETE FROM pin_attempts WHERE at <= ?').run(forgetBefore);
    this.db.prepare('INSERT INTO pin_attempts (username, at) VALUES (?, ?)').run(username, at);
  }

  forgetPinAttempts(username: string): void {
    this.db.prepare('DELETE FROM pin_attempts WHERE username = ?').run(username);
  }

  pairingKey(): Buffer {
    return this.secret('pairing');
  }

  addPairingCode(codeHash: string, device: string, createdAt: number, expiresAt: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM pairing_codes WHERE device = ? OR expires_at <= ?').run(device, createdAt);
      this.db
        .prepare('INSERT INTO pairing_codes (code_hash, device, created_at, expires_at) VALUES (?, ?, ?, ?)')
        .run(codeHash, device, createdAt, expiresAt);
    })();
    this.walSync?.syncNow();
  }

  takePairingCode(codeHash: string, now: number): PairingCodeRow | undefined {
    const row = this.db
      .prepare<[string], PairingCodeRow>(
        'DELETE FROM pairing_codes WHERE code_hash = ? RETURNING code_hash AS codeHash, device, created_at AS createdAt, expires_at AS expiresAt',
      )
      .get(codeHash);
    this.walSync?.syncNow();
    return row && row.expiresAt > now ? row : undefined;
  }

  returnPairingCode(code: PairingCodeRow): void {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO pairing_codes (code_hash, device, created_at, expires_at) VALUES (@codeHash, @device, @createdAt, @expiresAt)',
      )
      .run(code);
    this.walSync?.syncNow();
  }

  deviceCredentialRows(): DeviceCredentialRow[] {
    return this.db
      .prepare<[], DeviceCredentialRow>(
        'SELECT device, secret_hash AS secretHash, paired_at AS pairedAt, revoked_at AS revokedAt FROM device_credentials ORDER BY device',
      )
      .all();
  }

  /** On disk when this returns: a revoked device must stay revoked after a crash. */
  setDeviceCredential(row: DeviceCredentialRow): void {
    this.db
      .prepare(
        `INSERT INTO device_credentials (device, secret_hash, paired_at, revoked_at) VALUES (@device, @secretHash, @pairedAt, @revokedAt)
         ON CONFLICT (device) DO UPDATE SET secret_hash = excluded.secret_hash, paired_at = excluded.paired_at, revoked_at = excluded.revoked_at`,
      )
      .run(row);
    this.walSync?.syncNow();
  }

  /** A key made once per database (migration 005), e.g. to hash phone numbers with. */
  secret(name: string): Buffer {
    const value = this.findSecret(name);
    if (!value) throw new Error(`no secret "${name}" in the database`);
    return value;
  }

  findSecret(name: string): Buffer | undefined {
    return this.db.prepare<[string], Buffer>('SELECT value FROM secrets WHERE name = ?').pluck().get(name);
  }

  /** Kept once: a second secret of the same name is refused, never a replacement. On disk when this returns. */
  addSecret(name: string, value: Buffer): void {
    this.db.prepare('INSERT INTO secrets (name, value) VALUES (?, ?)').run(name, value);
    this.walSync?.syncNow();
  }

  /** The region's catalogue as last applied (migration 012): the message as it came, and every id the region has sent. */
  appliedCatalogue(): { message: string; regionIds: string; appliedAt: number } | undefined {
    return this.db
      .prepare<[], { message: string; regionIds: string; appliedAt: number }>(
        'SELECT message, region_ids AS regionIds, applied_at AS appliedAt FROM central_catalogue WHERE id = 1',
      )
      .get();
  }

  /** Replaces the applied catalogue; on disk when this returns. */
  keepCatalogue(version: string, message: string, regionIds: string, appliedAt: number): void {
    this.db
      .prepare(
        `INSERT INTO central_catalogue (id, version, message, region_ids, applied_at) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, message = excluded.message,
           region_ids = excluded.region_ids, applied_at = excluded.applied_at`,
      )
      .run(version, message, regionIds, appliedAt);
    this.walSync?.syncNow();
  }

  close(): void {
    if (this.checkpointer) {
      this.checkpointer.stop();
      // SQLite leaves the last checkpoint to the last connection to close, which may be a reader's (the
      // reports'): done here, the database file alone holds the whole record once the hub has stopped.
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    }
    this.walSync?.close();
    this.db.close();
  }
}
