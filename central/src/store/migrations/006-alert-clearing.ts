import type { Migration } from './types.js';

/**
 * Clearing an integrity alert from the region's pages: who cleared it (their username, and their name
 * as it was, since a user may later be removed) and the note they had to write. A cleared alert is
 * kept, with them, as the centre's alert history. `alerts_cleared` finds, for a site's ingest, the
 * breaks a supervisor has accepted (ingest/record.ts).
 */
export const alertClearing: Migration = {
  version: 6,
  name: 'alert clearing',
  up: async (db) => {
    await db.query(`
      ALTER TABLE alerts
        ADD COLUMN cleared_by text,
        ADD COLUMN cleared_by_name text,
        ADD COLUMN clear_note text,
        -- Alerts cleared before this migration (by SQL, as the docs said then) have no note.
        ADD CONSTRAINT alerts_cleared_note CHECK (clear_note IS NULL OR (cleared_at IS NOT NULL AND cleared_by IS NOT NULL AND length(btrim(clear_note)) > 0));
      CREATE INDEX alerts_cleared ON alerts (site_id, seq) WHERE cleared_at IS NOT NULL;
    `);
  },
};
