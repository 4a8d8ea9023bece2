import type { Migration } from './types.js';

/**
 * What the cross-centre reports read: each centre's day folded, once, into rows per service and per
 * local hour of arrival, each by the wait's whole minute (views/report-rollup.ts) — a month of fifty
 * regional offices is 5 million tickets, and a report must not read them all. `report_dirty` holds
 * the (site, day) pairs whose tickets changed since they were folded: a statement-level trigger marks
 * them as the ingest writes (one row per pair a statement touches, not per ticket), and a report reads
 * those days from `tickets` directly, so it is never behind the record.
 */
export const reportRollups: Migration = {
  version: 3,
  name: 'report rollups',
  up: async (db) => {
    const measures = `
        -- The wait's whole minute, at most 600; null for a visitor never called.
        bucket int,
        issued int NOT NULL,
        served int NOT NULL,
        no_shows int NOT NULL,
        wait_sum float8,
        within int NOT NULL,
        service_sum float8,
        service_n int NOT NULL`;
    await db.query(`
      CREATE TABLE report_dirty (
        site_id text NOT NULL,
        day date NOT NULL,
        -- When last marked: the fold clears only a mark it has seen, so a change made meanwhile stays marked.
        marked_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (site_id, day)
      );
      CREATE TABLE report_by_service (
        site_id text NOT NULL,
        day date NOT NULL,
        service text NOT NULL,
        service_group text,${measures}
      );
      CREATE INDEX report_by_service_day ON report_by_service (day, site_id);
      CREATE TABLE report_by_hour (
        site_id text NOT NULL,
        day date NOT NULL,
        hour int NOT NULL,${measures}
      );
      CREATE INDEX report_by_hour_day ON report_by_hour (day, site_id);
      CREATE FUNCTION report_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_dirty (site_id, day) SELECT DISTINCT site_id, day FROM changed
          ON CONFLICT (site_id, day) DO UPDATE SET marked_at = clock_timestamp();
        RETURN NULL;
      END $$;
      CREATE TRIGGER tickets_mark_report_insert AFTER INSERT ON tickets
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_mark_dirty();
      CREATE TRIGGER tickets_mark_report_update AFTER UPDATE ON tickets
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_mark_dirty();
      INSERT INTO report_dirty (site_id, day) SELECT DISTINCT site_id, day FROM tickets;
    `);
  },
};
