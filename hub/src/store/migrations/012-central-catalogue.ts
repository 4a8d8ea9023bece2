import type { Migration } from './types.js';

/**
 * The region's catalogue as this hub last applied it (hub/src/central/catalogue.ts), so that a hub
 * restarted while the region's broker is away runs the same services: one row, the message as it came,
 * and every service and group id the region has ever sent (a copy of a region's service in the hub's
 * own file is the region's, not a local addition, once the region drops it).
 */
export const centralCatalogue: Migration = {
  version: 12,
  name: 'central-catalogue',
  up: (db) => {
    db.exec(`
      CREATE TABLE central_catalogue (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version TEXT NOT NULL,
        message TEXT NOT NULL,
        region_ids TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      );
    `);
  },
};
