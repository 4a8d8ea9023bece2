// What the record says about each centre now: its hub's presence, its latest live summary and its
// open integrity alerts, read in one query for the overview, a centre's page and the public API.
import { CENTRAL_STALE_SECONDS, type CentralLive, type CentreRow, centralLiveSchema } from '@vikno/shared';
import type { Pool } from 'pg';
import { type Scope, scopeSites } from '../users/users.js';

/**
 * A live summary without its services: they are most of its bytes (every service's names in every
 * language) and no page lists them per centre, so they stay in PostgreSQL (see `servicesOf`).
 */
export type LiveNow = Omit<CentralLive, 'services'>;
const liveNowSchema = centralLiveSchema.omit({ services: true });

export interface CentreNow {
  row: CentreRow;
  live: LiveNow | null;
  /** Whether its summary lists the service asked for (`offering`); null when none was asked. */
  offersService: boolean | null;
}

interface Row {
  id: string;
  online: boolean;
  offline_since: Date | null;
  live_at: Date | null;
  summary: unknown;
  offers_service: boolean | null;
  catalogue_version: string | null;
  region_catalogue: string | null;
  alerts: { id: number; kind: string; seq: string | null; detail: string; raised_at: string }[];
}

/** A site with no summary yet is shown under its id, in the region's time zone. */
const DEFAULT_TIMEZONE = 'Europe/Kyiv';

export async function centresNow(
  pool: Pool,
  scope: Scope | null,
  now: number,
  { site, offering }: { site?: string; offering?: string } = {},
): Promise<CentreNow[]> {
  const { rows } = await pool.query<Row>(
    `SELECT s.id, s.online, s.offline_since, l.at AS live_at, l.summary - 'services' AS summary, s.catalogue_version,
       (SELECT version FROM catalogues ORDER BY published_at DESC LIMIT 1) AS region_catalogue,
       CASE WHEN $3::text IS NULL THEN NULL ELSE coalesce(l.summary->'services' @> jsonb_build_array(jsonb_build_object('id', $3::text)), false) END AS offers_service,
       coalesce((SELECT json_agg(json_build_object('id', a.id, 'kind', a.kind, 'seq', a.seq, 'detail', a.detail, 'raised_at', a.raised_at) ORDER BY a.raised_at)
                 FROM alerts a WHERE a.site_id = s.id AND a.cleared_at IS NULL), '[]') AS alerts
     FROM sites s LEFT JOIN live l ON l.site_id = s.id
     WHERE ($1::text[] IS NULL OR s.id = ANY($1)) AND ($2::text IS NULL OR s.id = $2)
     ORDER BY s.id`,
    [scope ? scopeSites(scope) : null, site ?? null, offering ?? null],
  );
  return rows.map((r) => centreNow(r, now));
}

/** Every service some centre's summary lists, once each (the first centre by id names it). */
export async function servicesOf(
  pool: Pool,
  scope: Scope | null,
): Promise<{ id: string; group: string | null; name: Record<string, string> }[]> {
  const { rows } = await pool.query<{ id: string; grp: string | null; name: Record<string, string> }>(
    `SELECT DISTINCT ON (s->>'id') s->>'id' AS id, s->>'group' AS grp, s->'name' AS name
     FROM live l, jsonb_array_elements(l.summary->'services') s
     WHERE $1::text[] IS NULL OR l.site_id = ANY($1)
     ORDER BY s->>'id', l.site_id`,
    [scope ? scopeSites(scope) : null],
  );
  return rows.map((r) => ({ id: r.id, group: r.grp, name: r.name }));
}

function centreNow(r: Row, now: number): CentreNow {
  const parsed = r.summary === null ? null : liveNowSchema.safeParse(r.summary);
  const live = parsed?.success ? parsed.data : null;
  const liveAt = r.live_at?.getTime() ?? null;
  const stale = !r.online || live === null || liveAt === null || now - liveAt > CENTRAL_STALE_SECONDS * 1000;
  const timezone = live?.timezone ?? DEFAULT_TIMEZONE;
  const row: CentreRow = {
    site: r.id,
    name: live?.name ?? {},
    timezone,
    online: r.online,
    offlineSince: r.online ? null : (r.offline_since?.getTime() ?? null),
    liveAt,
    stale,
    openNow: live === null ? false : stale ? openAt(live, now) : live.openNow,
    waiting: live?.groups.reduce((n, g) => n + g.waiting, 0) ?? 0,
    longestWaitSeconds: live?.groups.reduce((m, g) => Math.max(m, g.longestWaitSeconds), 0) ?? 0,
    withinTargetShare: live && live.today.called > 0 ? live.today.withinTarget / live.today.called : null,
    called: live?.today.called ?? 0,
    issued: live?.today.issued ?? 0,
    targetMinutes: live?.today.targetMinutes ?? 15,
    windowsOpen: live?.windowsOpen ?? 0,
    windowsTotal: live?.windowsTotal ?? 0,
    deviceAlerts: live?.deviceAlerts ?? [],
    integrityAlerts: r.alerts.map((a) => ({
      id: Number(a.id),
      kind: a.kind,
      seq: a.seq === null ? null : Number(a.seq),
      detail: a.detail,
      raisedAt: Date.parse(a.raised_at),
    })),
    catalogueVersion: r.catalogue_version,
    catalogueBehind: r.catalogue_version !== null && r.region_catalogue !== null && r.catalogue_version !== r.region_catalogue,
  };
  return { row, live, offersService: r.offers_service };
}

/** The centre's local day ("2026-12-07") at `at`. */
export function localDay(at: number, timezone: string): string {
  return new Intl.DateTimeFormat('sv', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function localTime(at: number, timezone: string): string {
  return new Intl.DateTimeFormat('sv', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/**
 * Whether a centre whose summary is stale is open now by the hours that summary gave: only on the
 * summary's own day — a summary from yesterday says nothing of today's hours.
 */
function openAt(live: LiveNow, now: number): boolean {
  if (!live.hours || localDay(live.at, live.timezone) !== localDay(now, live.timezone)) return false;
  const time = localTime(now, live.timezone);
  return live.hours.opens <= time && time < live.hours.closes;
}
