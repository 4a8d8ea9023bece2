import type { Migration } from './types.js';

/**
 * The region's record. `events` holds each site's event log as its hub recorded it — the columns its
 * hash covers kept exactly as sent (`at` in ms, `data` as the hub's JSON text, not jsonb, which would
 * reorder keys) so the chain can be checked again at any time. `tickets` is kept current from the
 * events, so reports read one row per visit. `live` is each site's latest retained summary.
 */
export const record: Migration = {
  version: 1,
  name: 'record',
  up: async (db) => {
    await db.query(`
      CREATE TABLE sites (
        id text PRIMARY KEY,
        added_at timestamptz NOT NULL DEFAULT now(),
        online boolean NOT NULL DEFAULT false,
        -- Set when the site's presence goes offline (its last will), cleared when it comes back.
        offline_since timestamptz,
        last_seen timestamptz,
        -- The highest contiguous seq stored and checked, and that row's hash: what is acknowledged.
        acked_seq bigint NOT NULL DEFAULT 0,
        acked_hash text NOT NULL DEFAULT repeat('0', 64),
        catalogue_version text
      );
      CREATE TABLE events (
        site_id text NOT NULL REFERENCES sites (id),
        seq bigint NOT NULL,
        day text NOT NULL,
        at bigint NOT NULL,
        type text NOT NULL,
        ticket_id text,
        counter_id text,
        data text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        PRIMARY KEY (site_id, seq)
      );
      CREATE TABLE tickets (
        site_id text NOT NULL REFERENCES sites (id),
        id text NOT NULL,
        day date NOT NULL,
        number text NOT NULL,
        service text NOT NULL,
        service_group text,
        status text NOT NULL,
        issued_at timestamptz NOT NULL,
        called_at timestamptz,
        finished_at timestamptz,
        counter_id text,
        PRIMARY KEY (site_id, id)
      );
      CREATE INDEX tickets_day_site ON tickets (day, site_id);
      CREATE TABLE live (
        site_id text PRIMARY KEY REFERENCES sites (id),
        at timestamptz NOT NULL,
        summary jsonb NOT NULL
      );
      CREATE TABLE alerts (
        id bigserial PRIMARY KEY,
        site_id text NOT NULL REFERENCES sites (id),
        -- chain_broken | row_changed | cursor_backwards
        kind text NOT NULL,
        seq bigint,
        detail text NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        cleared_at timestamptz
      );
      -- One open alert per site, kind and row: a batch sent again raises nothing new.
      CREATE UNIQUE INDEX alerts_open ON alerts (site_id, kind, seq) WHERE cleared_at IS NULL;
    `);
  },
};
