// One centre's page: its row of the overview, its groups now, and today hour by hour from its tickets.
import type { CentreDetail } from '@vikno/shared';
import type { Pool } from 'pg';
import { regionCatalogue } from '../catalogue/catalogue.js';
import type { Scope } from '../users/users.js';
import { alertHistory } from './alerts.js';
import { centresNow, localDay } from './centres.js';

/** Null when the site is unknown or outside the scope (the caller tells the two apart). */
export async function centreDetail(pool: Pool, scope: Scope, site: string, now: number): Promise<CentreDetail | null> {
  const [centre] = await centresNow(pool, scope, now, { site });
  if (!centre) return null;
  const { row, live } = centre;
  const day = localDay(now, row.timezone);
  const { rows } = await pool.query<{ hour: number; issued: string; called: string; mean_wait: number | null }>(
    `SELECT extract(hour FROM issued_at AT TIME ZONE $3)::int AS hour, count(*) AS issued, count(called_at) AS called,
       avg(extract(epoch FROM called_at - issued_at))::float8 AS mean_wait
     FROM tickets WHERE site_id = $1 AND day = $2 GROUP BY 1 ORDER BY 1`,
    [site, day, row.timezone],
  );
  return {
    centre: row,
    catalogue: await regionCatalogue(pool),
    day,
    groups: live?.groups ?? [],
    hours: rows.map((r) => ({
      hour: r.hour,
      issued: Number(r.issued),
      called: Number(r.called),
      meanWaitSeconds: r.mean_wait === null ? null : Math.round(r.mean_wait),
    })),
    alertHistory: await alertHistory(pool, site),
  };
}
