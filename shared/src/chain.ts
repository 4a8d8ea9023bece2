// The canonical form of an event log row that the hub's hash chain covers (hub/src/audit/chain.ts)
// and that the region's central service checks again (central/src/ingest/): one form, here, so the
// two can never disagree. The hashing itself is in node.ts (node:crypto), for the Node sides only.

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
