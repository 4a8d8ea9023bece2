// The audit log's hash chain: each event row carries the hash of the row before it and its own hash
// over a canonical form of its columns and that previous hash. Editing, deleting or reordering a row
// breaks the chain from that row on, so `verify-audit` can point at it.
import { createHash } from 'node:crypto';

/** The `prev_hash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The columns of an events row that the hash covers: all of them but the hashes. */
export interface ChainedRow {
  seq: number;
  day: string;
  at: number;
  type: string;
  ticket_id: string | null;
  counter_id: string | null;
  data: string;
}

/** A JSON array in a fixed column order: no key order or whitespace to disagree about. */
export function canonicalRow(r: ChainedRow): string {
  return JSON.stringify([r.seq, r.day, r.at, r.type, r.ticket_id, r.counter_id, r.data]);
}

export function rowHash(row: ChainedRow, prevHash: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalRow(row)).digest('hex');
}
