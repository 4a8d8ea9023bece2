import type { Migration } from './types.js';

/**
 * The people who sign in to the region's pages. A user sees either the whole region (`region`) or
 * only the centres listed in `sites` — a district supervisor, say. The password is kept as a scrypt
 * hash (users/passwords.ts), never as typed.
 */
export const users: Migration = {
  version: 2,
  name: 'users',
  up: async (db) => {
    await db.query(`
      CREATE TABLE users (
        username text PRIMARY KEY CHECK (username ~ '^[a-z0-9._-]{1,64}$'),
        name text NOT NULL,
        password_hash text NOT NULL,
        region boolean NOT NULL DEFAULT false,
        sites text[] NOT NULL DEFAULT '{}',
        added_at timestamptz NOT NULL DEFAULT now(),
        CHECK (region OR cardinality(sites) > 0)
      );
    `);
  },
};
