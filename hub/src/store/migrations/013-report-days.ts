import type { Migration } from './types.js';

/**
 * The report's reading of each closed day (hub/src/stats/reports.ts): the tickets issued and the
 * visits, folded from the day's events once. A day the record has moved past never changes (the
 * log is append-only), so a month's report reads thirty of these rather than half a million events.
 */
export const reportDays: Migration = {
  version: 13,
  name: 'report-days',
  up: (db) => {
    db.exec(`
      -- names: the day's services, counters and operators (JSON); issued and visits: float64 rows
      -- that point into names (reports.ts says which column is which).
      CREATE TABLE report_days (
        day TEXT PRIMARY KEY,
        names TEXT NOT NULL,
        issued BLOB NOT NULL,
        visits BLOB NOT NULL
      );
    `);
  },
};
