// `vikno-hub verify-audit`: walks the event log in order and checks every row's link and hash. The
// first row that does not fit is reported with what differs; everything after it is suspect too.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { type ChainedRow, GENESIS_HASH, rowHash } from './chain.js';

export interface StoredRow extends ChainedRow {
  prev_hash: string | null;
  hash: string | null;
}

export type AuditResult =
  | { ok: true; events: number }
  | {
      ok: false;
      /** The first row that does not fit the chain, and the one before it that did. */
      seq: number;
      previousSeq: number | null;
      problem: string;
    };

export function verifyAuditChain(db: Database.Database): AuditResult {
  const rows = db
    .prepare<[], StoredRow>('SELECT seq, day, at, type, ticket_id, counter_id, data, prev_hash, hash FROM events ORDER BY seq')
    .iterate();
  let prev = GENESIS_HASH;
  let previousSeq: number | null = null;
  let events = 0;
  for (const row of rows) {
    const problem = checkRow(row, prev, previousSeq);
    if (problem) return { ok: false, seq: row.seq, previousSeq, problem };
    prev = row.hash ?? '';
    previousSeq = row.seq;
    events++;
  }
  return { ok: true, events };
}

/** What is wrong with a row that should follow `prev` (the hash of row `previousSeq`), if anything. */
export function checkRow(row: StoredRow, prev: string, previousSeq: number | null): string | undefined {
  if (row.hash === null || row.prev_hash === null) return 'the row has no hash: it was written around the hub';
  if (row.prev_hash !== prev) {
    const after = previousSeq === null ? 'the start of the log' : `row ${previousSeq}`;
    const first = (previousSeq ?? 0) + 1;
    const last = row.seq - 1;
    const gap = last < first ? '' : last === first ? ` (row ${first} is missing)` : ` (rows ${first}–${last} are missing)`;
    return `prev_hash does not match the hash of ${after}: a row before it was deleted, inserted or changed${gap}`;
  }
  const expected = rowHash(row, prev);
  if (row.hash !== expected) {
    const fields = mismatchedColumns(row);
    const what = fields.length ? `; columns that disagree with the recorded event: ${fields.join(', ')}` : '';
    return `the row's content does not match its hash (stored ${row.hash.slice(0, 12)}…, computed ${expected.slice(0, 12)}…)${what}`;
  }
  return undefined;
}

/** The indexed columns are copies of fields of `data`: a change to one but not the other shows where. */
function mismatchedColumns(row: StoredRow): string[] {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(row.data) as Record<string, unknown>;
  } catch {
    return ['data (not JSON)'];
  }
  const ticket = event.ticket as { id?: unknown } | undefined;
  const expected: Record<string, unknown> = {
    day: event.day,
    at: event.at,
    type: event.type,
    ticket_id: event.ticketId ?? ticket?.id ?? null,
    counter_id: event.counter ?? null,
  };
  return Object.entries(expected)
    .filter(([column, value]) => row[column as keyof StoredRow] !== value)
    .map(([column, value]) => `${column} (${JSON.stringify(row[column as keyof StoredRow])}, the event says ${JSON.stringify(value)})`);
}

/**
 * Opens the hub's database read-only and verifies it; the text to print and the exit code. A record
 * older than the chain (not yet opened by a hub of this version) cannot be verified.
 */
export function verifyAuditFile(file: string): { text: string; code: 0 | 1 } {
  if (!existsSync(file)) return { text: `no database at ${file}: is the data folder right?`, code: 1 };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const columns = (db.pragma('table_info(events)') as { name: string }[]).map((c) => c.name);
    if (!columns.includes('hash')) return { text: `${file} has no audit chain yet: start the hub once to migrate it`, code: 1 };
    const result = verifyAuditChain(db);
    if (result.ok) return { text: `audit chain ok: ${result.events} events`, code: 0 };
    return { text: `audit chain broken at event ${result.seq}: ${result.problem}`, code: 1 };
  } finally {
    db.close();
  }
}
