import type { Migration } from './types.js';

/**
 * The region's catalogue of services (central/src/catalogue/, docs/central.md "The catalogue"): each
 * content published, under its version (a hash of the content). The current one is the one published
 * last; publishing a content again makes it current again, under the same version. Hubs report the
 * version they run in their live summary (`sites.catalogue_version`).
 */
export const catalogue: Migration = {
  version: 4,
  name: 'catalogue',
  up: async (db) => {
    await db.query(`
      CREATE TABLE catalogues (
        version text PRIMARY KEY CHECK (version ~ '^[0-9a-f]{12}$'),
        content jsonb NOT NULL,
        first_published_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX catalogues_published ON catalogues (published_at DESC);
    `);
  },
};
