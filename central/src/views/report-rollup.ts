// Folding changed days into the report rollups (migration 003): the (site, day) pairs marked dirty
// are read, their rows in report_by_service and report_by_hour made again from their tickets, and
// their marks cleared — only the marks seen, so a day changed meanwhile stays marked and is read from
// its tickets until the next fold. Central's HTTP server folds every minute.
import { REGION_TARGET_MINUTES } from '@vikno/shared';
import type { Pool } from 'pg';

/** A wait of this many minutes or more shares the last bucket. */
export const LAST_BUCKET = 600;

/** The wait's bucket of ticket `t`: its whole minute, capped; null when never called (least() alone skips nulls). */
export const BUCKET = `CASE WHEN t.called_at IS NOT NULL THEN least(floor(extract(epoch FROM t.called_at - t.issued_at) / 60), ${LAST_BUCKET})::int END`;

/**
 * The time zone of the centre `d.site_id`, from its live summary: a column of the (site, day) pairs,
 * looked up once per pair, since a summary is ~10 kB of TOASTed JSON read whole for each lookup.
 */
export const TIMEZONE = `coalesce((SELECT l.summary->>'timezone' FROM live l WHERE l.site_id = d.site_id), 'Europe/Kyiv')`;

/** The local hour ticket `t` arrived at, in its centre's time zone `d.tz` (TIMEZONE). */
export const HOUR = 'extract(hour FROM t.issued_at AT TIME ZONE d.tz)::int';

/** The figures a report adds up, over tickets `t` grouped by a key and BUCKET. */
export const MEASURES = `count(*) AS issued,
  count(*) FILTER (WHERE t.status = 'finished') AS served,
  count(*) FILTER (WHERE t.status = 'no_show') AS no_shows,
  sum(extract(epoch FROM t.called_at - t.issued_at))::float8 AS wait_sum,
  count(*) FILTER (WHERE t.called_at - t.issued_at <= interval '${REGION_TARGET_MINUTES} minutes') AS within,
  sum(extract(epoch FROM t.finished_at - t.called_at)) FILTER (WHERE t.status = 'finished')::float8 AS service_sum,
  count(t.finished_at) FILTER (WHERE t.status = 'finished' AND t.called_at IS NOT NULL) AS service_n`;

const COLUMNS = 'bucket, issued, served, no_shows, wait_sum, within, service_sum, service_n';

/** Folds up to `limit` dirty days; the number folded. */
export async function foldReportDays(pool: Pool, limit = 500): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ site_id: string; day: string; marked_at: string }>(
      // The mark as text: a Date would lose its microseconds and never match again.
      `SELECT site_id, day::text AS day, marked_at::text AS marked_at FROM report_dirty ORDER BY day, site_id LIMIT $1`,
      [limit],
    );
    if (rows.length === 0) {
      await client.query('COMMIT');
      return 0;
    }
    const days = [rows.map((r) => r.site_id), rows.map((r) => r.day)];
    // Each day's tickets through the (day, site) index (LATERAL below): a join could scan them all.
    const pairs = 'unnest($1::text[], $2::date[]) AS d (site_id, day)';
    for (const table of ['report_by_service', 'report_by_hour'])
      await client.query(`DELETE FROM ${table} r USING ${pairs} WHERE r.site_id = d.site_id AND r.day = d.day`, days);
    await client.query(
      `INSERT INTO report_by_service (site_id, day, service, service_group, ${COLUMNS})
       SELECT t.site_id, t.day, t.service, t.service_group, ${BUCKET}, ${MEASURES}
       FROM ${pairs} CROSS JOIN LATERAL (SELECT * FROM tickets x WHERE x.day = d.day AND x.site_id = d.site_id) t
       GROUP BY 1, 2, 3, 4, 5`,
      days,
    );
    await client.query(
      // MATERIALIZED: each pair's time zone once, not once per ticket.
      `WITH d AS MATERIALIZED (SELECT d.site_id, d.day, ${TIMEZONE} AS tz FROM ${pairs})
       INSERT INTO report_by_hour (site_id, day, hour, ${COLUMNS})
       SELECT t.site_id, t.day, ${HOUR}, ${BUCKET}, ${MEASURES}
       FROM d CROSS JOIN LATERAL (SELECT * FROM tickets x WHERE x.day = d.day AND x.site_id = d.site_id) t
       GROUP BY 1, 2, 3, 4`,
      days,
    );
    await client.query(
      `DELETE FROM report_dirty r USING unnest($1::text[], $2::date[], $3::timestamptz[]) AS d (site_id, day, marked_at)
       WHERE r.site_id = d.site_id AND r.day = d.day AND r.marked_at = d.marked_at`,
      [...days, rows.map((r) => r.marked_at)],
    );
    await client.query('COMMIT');
    return rows.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Folds the dirty days in batches until a batch is not full (days marked again meanwhile wait for the next time). */
export async function foldAllReportDays(pool: Pool, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await foldReportDays(pool, batch);
    total += n;
    if (n < batch) return total;
  }
}
