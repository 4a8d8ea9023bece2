// The audit chain checked each time the hub starts, fast on a record of a million tickets: the rows
// written since the last start's check, from the hash that check ended on (which the row must still
// carry: a log rewritten and re-hashed up to it shows there), and every row of today, whose events the
// hub is about to serve from. A break does not stop the hub — a hall must not stop — but it is
// logged with its row, kept in `audit_breaks` (migration 010), shown on the admin monitor, and its
// day is marked "record under question" in the reports. `vikno-hub verify-audit` checks everything.
import type Database from 'better-sqlite3';
import { GENESIS_HASH } from './chain.js';
import { checkRow, type StoredRow } from './verify.js';

export interface ChainBreak {
  seq: number;
  day: string;
  problem: string;
  foundAt: number;
}

const COLUMNS = 'seq, day, at, type, ticket_id, counter_id, data, prev_hash, hash';

/** Checks what changed since the last check, and today; records the breaks and the new checkpoint; returns the breaks found now. */
export function checkChainAtStart(db: Database.Database, today: string, now: number): ChainBreak[] {
  const found: ChainBreak[] = [];
  const note = (row: { seq: number; day: string }, problem: string) => found.push({ seq: row.seq, day: row.day, problem, foundAt: now });
  const rowAt = db.prepare<[number], StoredRow>(`SELECT ${COLUMNS} FROM events WHERE seq = ?`);
  const checkpoint = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_checkpoint WHERE id = 1').get();

  let prev = GENESIS_HASH;
  let previousSeq: number | null = null;
  if (checkpoint) {
    const row = rowAt.get(checkpoint.seq);
    if (!row) {
      const next = db.prepare<[number], string>('SELECT day FROM events WHERE seq > ? ORDER BY seq LIMIT 1').pluck().get(checkpoint.seq);
      note({ seq: checkpoint.seq, day: next ?? today }, 'the row last verified at a start is gone: the log was cut back');
    } else if (row.hash !== checkpoint.hash) {
      note(row, `the row last verified at a start no longer carries the hash it had then: the log up to it was rewritten`);
    }
    // Go on from the row as it stands, so one rewrite is reported once.
    prev = row?.hash ?? checkpoint.hash;
    previousSeq = checkpoint.seq;
  }
  for (const row of db.prepare<[number], StoredRow>(`SELECT ${COLUMNS} FROM events WHERE seq > ? ORDER BY seq`).iterate(previousSeq ?? 0)) {
    const problem = checkRow(row, prev, previousSeq);
    if (problem) note(row, problem);
    // On from the row as stored: the next break, if any, is found too.
    prev = row.hash ?? '';
    previousSeq = row.seq;
  }
  if (checkpoint) {
    const hashAt = db.prepare<[number], string | null>('SELECT hash FROM events WHERE seq = ?').pluck();
    const earlierToday = db.prepare<[string, number], StoredRow>(`SELECT ${COLUMNS} FROM events WHERE day = ? AND seq <= ? ORDER BY seq`);
    for (const row of earlierToday.iterate(today, checkpoint.seq)) {
      const before = row.seq === 1 ? GENESIS_HASH : (hashAt.get(row.seq - 1) ?? '');
      const problem = checkRow(row, before, row.seq - 1);
      if (problem) note(row, problem);
    }
  }

  const tail = db.prepare<[], { seq: number; hash: string | null }>('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get();
  const addBreak = db.prepare('INSERT OR IGNORE INTO audit_breaks (seq, day, found_at, problem) VALUES (?, ?, ?, ?)');
  const setCheckpoint = db.prepare(
    'INSERT INTO audit_checkpoint (id, seq, hash, at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, at = excluded.at',
  );
  db.transaction(() => {
    for (const b of found) addBreak.run(b.seq, b.day, b.foundAt, b.problem);
    if (tail?.hash) setCheckpoint.run(tail.seq, tail.hash, now);
  })();
  return found;
}

/** Every break a check at start has found, in log order. */
export function chainBreaks(db: Database.Database): ChainBreak[] {
  return db.prepare<[], ChainBreak>('SELECT seq, day, problem, found_at AS foundAt FROM audit_breaks ORDER BY seq').all();
}

/** The days of [from, to] whose record is under question: a break of the chain was found in them. */
export function daysUnderQuestion(db: Database.Database, from: string, to: string): string[] {
  return db
    .prepare<[string, string], string>('SELECT DISTINCT day FROM audit_breaks WHERE day BETWEEN ? AND ? ORDER BY day')
    .pluck()
    .all(from, to);
}
