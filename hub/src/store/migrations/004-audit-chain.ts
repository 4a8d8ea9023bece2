import { type ChainedRow, GENESIS_HASH, rowHash } from '../../audit/chain.js';
import type { Migration } from './types.js';

/**
 * Hash-chains the event log (hub/src/audit/chain.ts). Rows already recorded are chained here, in
 * order; the store chains every row it appends from then on. The append-only triggers are lifted
 * only for this one pass, inside the migration's transaction.
 */
export const auditChain: Migration = {
  version: 4,
  name: 'audit-chain',
  up: (db) => {
    db.exec(`
      ALTER TABLE events ADD COLUMN prev_hash TEXT;
      ALTER TABLE events ADD COLUMN hash TEXT;
      DROP TRIGGER events_no_update;
    `);
    const rows = db.prepare<[], ChainedRow>('SELECT seq, day, at, type, ticket_id, counter_id, data FROM events ORDER BY seq').all();
    const set = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?');
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const hash = rowHash(row, prev);
      set.run(prev, hash, row.seq);
      prev = hash;
    }
    db.exec(`CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;`);
  },
};
