// Reports across centres for a date range, by centre, service, group or local hour of arrival, from
// the rollups (report-rollup.ts) and the tickets of the days not folded yet, grouped by the row's key
// and the wait's whole minute: the counts and sums add up per row, and the minute histogram gives the
// median and the 90th percentile to within a minute without sorting millions of waits.
import { type CentralReport, type CentralReportDimension, type CentralReportRow, REGION_TARGET_MINUTES } from '@vikno/shared';
import type { Pool, PoolClient } from 'pg';
import { type Scope, scopeSites } from '../users/users.js';
import { centresNow, servicesOf } from './centres.js';
import { type Catalogue, catalogueOf } from './names.js';
import { BUCKET, HOUR, MEASURES, TIMEZONE } from './report-rollup.js';

/** A row's key over the rollups (r) and over the tickets of days not folded yet (t). */
const KEY: Record<CentralReportDimension, { table: string; rollup: string; raw: string }> = {
  centre: { table: 'report_by_service', rollup: 'r.site_id', raw: 't.site_id' },
  service: { table: 'report_by_service', rollup: 'r.service', raw: 't.service' },
  group: { table: 'report_by_service', rollup: "coalesce(r.service_group, '')", raw: "coalesce(t.service_group, '')" },
  hour: { table: 'report_by_hour', rollup: "lpad(r.hour::text, 2, '0')", raw: `lpad((${HOUR})::text, 2, '0')` },
};

interface Bucketed {
  key: string;
  bucket: number | null;
  issued: string;
  served: string;
  no_shows: string;
  wait_sum: number | null;
  service_sum: number | null;
  service_n: string;
  within: string;
}

interface Acc {
  issued: number;
  called: number;
  served: number;
  noShows: number;
  waitSum: number;
  within: number;
  serviceSum: number;
  serviceN: number;
  minutes: Map<number, number>;
}

export interface ReportQuery {
  from: string;
  to: string;
  by: CentralReportDimension;
}

export async function centralReport(
  pool: Pool,
  scope: Scope,
  q: ReportQuery,
  now: number,
): Promise<CentralReport & { catalogue: Catalogue }> {
  const key = KEY[q.by];
  const rows = await inReadOnly(pool, async (client) => {
    // Without JIT: with dirty days the statement's estimate passes the thresholds at which PostgreSQL
    // compiles its expressions with LLVM, and that took ~0.5 s, longer than adding the rows up. With
    // more memory the sums are grouped in a hash table instead of sorting ~0.4 million rows on disk.
    // (docs/performance.md, "Central pages".)
    await client.query("SET LOCAL jit = off; SET LOCAL work_mem = '32MB'");
    // One statement, one snapshot: the days folded from the rollup, the others (marked dirty) from their tickets.
    const result = await client.query<Bucketed>(
      `WITH dirty AS MATERIALIZED (
         SELECT d.site_id, d.day, ${TIMEZONE} AS tz
         FROM report_dirty d WHERE d.day BETWEEN $1 AND $2 AND ($3::text[] IS NULL OR d.site_id = ANY($3))
       )
       SELECT key, bucket, sum(issued) AS issued, sum(served) AS served, sum(no_shows) AS no_shows, sum(wait_sum)::float8 AS wait_sum,
         sum(service_sum)::float8 AS service_sum, sum(service_n) AS service_n, sum(within) AS within
       FROM (
         SELECT ${key.rollup} AS key, r.bucket, r.issued, r.served, r.no_shows, r.wait_sum, r.within, r.service_sum, r.service_n
         FROM ${key.table} r
         WHERE r.day BETWEEN $1 AND $2 AND ($3::text[] IS NULL OR r.site_id = ANY($3))
           -- NOT IN, hashed: one probe of the few dirty pairs per rollup row (NOT EXISTS ran as a nested loop over them).
           AND (r.site_id, r.day) NOT IN (SELECT site_id, day FROM dirty)
         UNION ALL
         SELECT * FROM (
           -- Each dirty day through the (day, site) index: OFFSET 0 keeps the LATERAL subquery from being
           -- flattened into a join, which the planner ran as a scan of every ticket once ~50 days were dirty.
           SELECT ${key.raw} AS key, ${BUCKET} AS bucket, ${MEASURES}
           FROM dirty d CROSS JOIN LATERAL (SELECT * FROM tickets x WHERE x.day = d.day AND x.site_id = d.site_id OFFSET 0) t
           GROUP BY 1, 2
         ) fresh
       ) x
       GROUP BY key, bucket`,
      [q.from, q.to, scopeSites(scope)],
    );
    return result.rows;
  });
  const byKey = new Map<string, Acc>();
  const total = emptyAcc();
  for (const r of rows) {
    const acc = byKey.get(r.key) ?? emptyAcc();
    byKey.set(r.key, acc);
    for (const a of [acc, total]) add(a, r);
  }
  const catalogue = catalogueOf(
    (await centresNow(pool, scope, now)).map((c) => c.live),
    q.by === 'service' ? await servicesOf(pool, scope) : [],
  );
  const nameOf = (key: string) =>
    (q.by === 'centre'
      ? catalogue.centres.get(key)
      : q.by === 'service'
        ? catalogue.services.get(key)?.name
        : q.by === 'group'
          ? catalogue.groups.get(key)
          : undefined) ?? {};
  return {
    from: q.from,
    to: q.to,
    by: q.by,
    targetMinutes: REGION_TARGET_MINUTES,
    rows: [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, acc]) => rowOf(key, nameOf(key), acc)),
    total: rowOf('', {}, total),
    catalogue,
  };
}

function emptyAcc(): Acc {
  return { issued: 0, called: 0, served: 0, noShows: 0, waitSum: 0, within: 0, serviceSum: 0, serviceN: 0, minutes: new Map() };
}

function add(a: Acc, r: Bucketed): void {
  const n = Number(r.issued);
  a.issued += n;
  a.served += Number(r.served);
  a.noShows += Number(r.no_shows);
  a.within += Number(r.within);
  a.serviceSum += r.service_sum ?? 0;
  a.serviceN += Number(r.service_n);
  if (r.bucket !== null) {
    a.called += n;
    a.waitSum += r.wait_sum ?? 0;
    a.minutes.set(r.bucket, (a.minutes.get(r.bucket) ?? 0) + n);
  }
}

function rowOf(key: string, name: Record<string, string>, a: Acc): CentralReportRow {
  return {
    key,
    name,
    issued: a.issued,
    called: a.called,
    served: a.served,
    noShows: a.noShows,
    meanWaitSeconds: a.called ? Math.round(a.waitSum / a.called) : null,
    p50WaitSeconds: percentile(a.minutes, a.called, 0.5),
    p90WaitSeconds: percentile(a.minutes, a.called, 0.9),
    withinTargetShare: a.called ? a.within / a.called : null,
    meanServiceSeconds: a.serviceN ? Math.round(a.serviceSum / a.serviceN) : null,
  };
}

/** The p-th wait in seconds from whole-minute counts, spread evenly inside its minute. */
export function percentile(minutes: ReadonlyMap<number, number>, n: number, p: number): number | null {
  if (n === 0) return null;
  const rank = p * n;
  let below = 0;
  for (const minute of [...minutes.keys()].sort((a, b) => a - b)) {
    const count = minutes.get(minute) ?? 0;
    if (below + count >= rank) return Math.round((minute + (rank - below) / count) * 60);
    below += count;
  }
  return null;
}

/** `work` in a read-only transaction on one of the pool's connections. */
async function inReadOnly<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    await client.query('BEGIN READ ONLY');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    failure = error as Error;
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    // A connection that failed is dropped from the pool.
    client.release(failure);
  }
}
