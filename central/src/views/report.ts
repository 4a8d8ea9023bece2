// Reports across centres for a date range, by centre, service, group or local hour of arrival, from
// the rollups (report-rollup.ts) and the tickets of the days not folded yet, grouped by the row's key
// and the wait's whole minute: the counts and sums add up per row, and the minute histogram gives the
// median and the 90th percentile to within a minute without sorting millions of waits.
import { type CentralReport, type CentralReportDimension, type CentralReportRow, REGION_TARGET_MINUTES } from '@vikno/shared';
import type { Pool } from 'pg';
import { type Scope, scopeSites } from '../users/users.js';
import { centresNow, servicesOf } from './centres.js';
import { type Catalogue, catalogueOf } from './names.js';
import { BUCKET, HOUR, MEASURES } from './report-rollup.js';

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
  // One statement, one snapshot: the days folded from the rollup, the others (marked dirty) from their tickets.
  const { rows } = await pool.query<Bucketed>(
    `WITH dirty AS (
       SELECT site_id, day FROM report_dirty WHERE day BETWEEN $1 AND $2 AND ($3::text[] IS NULL OR site_id = ANY($3))
     )
     SELECT key, bucket, sum(issued) AS issued, sum(served) AS served, sum(no_shows) AS no_shows, sum(wait_sum)::float8 AS wait_sum,
       sum(service_sum)::float8 AS service_sum, sum(service_n) AS service_n, sum(within) AS within
     FROM (
       SELECT ${key.rollup} AS key, r.bucket, r.issued, r.served, r.no_shows, r.wait_sum, r.within, r.service_sum, r.service_n
       FROM ${key.table} r
       WHERE r.day BETWEEN $1 AND $2 AND ($3::text[] IS NULL OR r.site_id = ANY($3))
         AND NOT EXISTS (SELECT 1 FROM dirty d WHERE d.site_id = r.site_id AND d.day = r.day)
       UNION ALL
       SELECT * FROM (
         -- LATERAL: each dirty day through the (day, site) index; a join could let the planner scan every ticket.
         SELECT ${key.raw} AS key, ${BUCKET} AS bucket, ${MEASURES}
         FROM dirty d CROSS JOIN LATERAL (SELECT * FROM tickets x WHERE x.day = d.day AND x.site_id = d.site_id) t
         GROUP BY 1, 2
       ) fresh
     ) x
     GROUP BY key, bucket`,
    [q.from, q.to, scopeSites(scope)],
  );
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
