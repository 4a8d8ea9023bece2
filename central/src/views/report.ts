// Reports across centres for a date range, by centre, service, group or local hour of arrival. One
// pass over the tickets, grouped by the row's key and the wait's whole minute: the counts and sums
// add up per row, and the minute histogram gives the median and the 90th percentile to within a
// minute without sorting millions of waits (percentile_cont would).
import { type CentralReport, type CentralReportDimension, type CentralReportRow, REGION_TARGET_MINUTES } from '@vikno/shared';
import type { Pool } from 'pg';
import { type Scope, scopeSites } from '../users/users.js';
import { centresNow, servicesOf } from './centres.js';
import { type Catalogue, catalogueOf } from './names.js';

/** Waits of this many minutes or more share the last bucket (percentiles above it read as it). */
const LAST_BUCKET = 600;

const KEY: Record<CentralReportDimension, string> = {
  centre: 't.site_id',
  service: 't.service',
  group: "coalesce(t.service_group, '')",
  hour: "lpad(extract(hour FROM t.issued_at AT TIME ZONE coalesce(l.summary->>'timezone', 'Europe/Kyiv'))::int::text, 2, '0')",
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
  const target = REGION_TARGET_MINUTES * 60;
  const { rows } = await pool.query<Bucketed>(
    `SELECT ${KEY[q.by]} AS key,
       -- least() skips nulls: a visitor never called would land in the last bucket without the CASE.
       CASE WHEN t.called_at IS NOT NULL THEN least(floor(extract(epoch FROM t.called_at - t.issued_at) / 60), ${LAST_BUCKET})::int END AS bucket,
       count(*) AS issued,
       count(*) FILTER (WHERE t.status = 'finished') AS served,
       count(*) FILTER (WHERE t.status = 'no_show') AS no_shows,
       sum(extract(epoch FROM t.called_at - t.issued_at))::float8 AS wait_sum,
       sum(extract(epoch FROM t.finished_at - t.called_at)) FILTER (WHERE t.status = 'finished')::float8 AS service_sum,
       count(t.finished_at) FILTER (WHERE t.status = 'finished' AND t.called_at IS NOT NULL) AS service_n,
       count(*) FILTER (WHERE t.called_at - t.issued_at <= make_interval(secs => $3)) AS within
     FROM tickets t ${q.by === 'hour' ? 'LEFT JOIN live l ON l.site_id = t.site_id' : ''}
     WHERE t.day BETWEEN $1 AND $2 AND ($4::text[] IS NULL OR t.site_id = ANY($4))
     GROUP BY 1, 2`,
    [q.from, q.to, target, scopeSites(scope)],
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
