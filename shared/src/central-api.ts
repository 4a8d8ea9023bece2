// The region's central service over HTTP (central/src/http): the supervisors' API under
// /api/central (sign-in with a session cookie; each user sees the whole region or some centres) and
// the public API for city websites, /api/public/centres (no sign-in, CORS open, cacheable a few
// seconds). docs/central.md ("The region's pages") describes the public one with an example.
import { z } from 'zod';
import { type ApiRoute, okSchema } from './http-api.js';

const names = z.record(z.string(), z.string());
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

/** A live summary older than this is stale even when the hub says it is online. */
export const CENTRAL_STALE_SECONDS = 120;
/** The region's target for a wait, in minutes, for reports across centres. */
export const REGION_TARGET_MINUTES = 15;

export const centralUserSchema = z.object({
  username: z.string(),
  name: z.string(),
  /** True: every centre; else only `sites`. */
  region: z.boolean(),
  sites: z.array(z.string()),
});
export type CentralUser = z.infer<typeof centralUserSchema>;

export const integrityAlertSchema = z.object({
  id: z.number(),
  kind: z.string(),
  seq: z.number().nullable(),
  detail: z.string(),
  raisedAt: z.number(),
});

/** An integrity alert with what became of it: cleared by whom, when and why; null while open. */
export const alertRecordSchema = integrityAlertSchema.extend({
  cleared: z.object({ at: z.number(), by: z.string(), byName: z.string().nullable(), note: z.string().nullable() }).nullable(),
});
export type AlertRecord = z.infer<typeof alertRecordSchema>;

/** A supervisor's note on clearing an alert: required, so the history says why. */
export const clearAlertSchema = z.object({ note: z.string().trim().min(1, 'say why the alert may be cleared').max(1000) });

/** One centre on the supervisors' overview. Times in ms since the epoch. */
export const centreRowSchema = z.object({
  site: z.string(),
  name: names,
  timezone: z.string(),
  online: z.boolean(),
  /** When the hub went offline; null while it is online. */
  offlineSince: z.number().nullable(),
  /** The live summary's time; null when none has come yet. */
  liveAt: z.number().nullable(),
  /** Offline, or a summary older than CENTRAL_STALE_SECONDS, or none: the figures are not now's. */
  stale: z.boolean(),
  openNow: z.boolean(),
  waiting: z.number(),
  longestWaitSeconds: z.number(),
  /** Today's calls within the target, as a share of today's calls; null before the first call. */
  withinTargetShare: z.number().nullable(),
  called: z.number(),
  issued: z.number(),
  targetMinutes: z.number(),
  windowsOpen: z.number(),
  windowsTotal: z.number(),
  deviceAlerts: z.array(z.object({ device: z.string(), kind: z.string(), since: z.number() })),
  integrityAlerts: z.array(integrityAlertSchema),
  /** The region's catalogue the hub runs, as its summary says; null when it takes none (or has none yet). */
  catalogueVersion: z.string().nullable(),
  /** It runs a catalogue, and not the region's current one. */
  catalogueBehind: z.boolean(),
});
export type CentreRow = z.infer<typeof centreRowSchema>;

/** The region's current catalogue of services (docs/central.md, "The catalogue"); null before any is published. */
export const regionCatalogueSchema = z.object({ version: z.string(), publishedAt: z.number() }).nullable();

export const overviewSchema = z.object({ at: z.number(), centres: z.array(centreRowSchema), catalogue: regionCatalogueSchema });
export type Overview = z.infer<typeof overviewSchema>;

export const centreDetailSchema = z.object({
  centre: centreRowSchema,
  catalogue: regionCatalogueSchema,
  /** The centre's local day the hours are of. */
  day,
  groups: z.array(
    z.object({
      id: z.string(),
      name: names,
      waiting: z.number(),
      longestWaitSeconds: z.number(),
      estimatedWaitMinutes: z.number().nullable(),
      windowsOpen: z.number(),
    }),
  ),
  /** Today per local hour of arrival: visitors who came, those called, their mean wait. */
  hours: z.array(z.object({ hour: z.number().int(), issued: z.number(), called: z.number(), meanWaitSeconds: z.number().nullable() })),
  /** The centre's integrity alerts, open and cleared, newest first (at most ALERT_HISTORY). */
  alertHistory: z.array(alertRecordSchema),
});
export const ALERT_HISTORY = 50;
export type CentreDetail = z.infer<typeof centreDetailSchema>;

export const centralReportDimensions = ['centre', 'service', 'group', 'hour'] as const;
export type CentralReportDimension = (typeof centralReportDimensions)[number];

export const centralReportQuerySchema = z
  .object({ from: day, to: day, by: z.enum(centralReportDimensions) })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });

export const centralReportRowSchema = z.object({
  /** The centre's, service's or group's id; the hour as "09". */
  key: z.string(),
  /** Its names, from the centres' live summaries; empty for an hour or an id no summary names. */
  name: names,
  issued: z.number(),
  called: z.number(),
  served: z.number(),
  noShows: z.number(),
  meanWaitSeconds: z.number().nullable(),
  p50WaitSeconds: z.number().nullable(),
  p90WaitSeconds: z.number().nullable(),
  withinTargetShare: z.number().nullable(),
  meanServiceSeconds: z.number().nullable(),
});
export type CentralReportRow = z.infer<typeof centralReportRowSchema>;

export const centralReportSchema = z.object({
  from: day,
  to: day,
  by: z.enum(centralReportDimensions),
  targetMinutes: z.number(),
  rows: z.array(centralReportRowSchema),
  total: centralReportRowSchema,
});
export type CentralReport = z.infer<typeof centralReportSchema>;

/** One centre for the public: what a visitor needs to choose where to go. */
export const publicCentreSchema = z.object({
  site: z.string(),
  name: names,
  timezone: z.string(),
  /** False: the figures are from `dataAt`, not now (the hub is offline or has not reported lately). */
  live: z.boolean(),
  /** When the figures were true (ms); null when the centre has never reported. */
  dataAt: z.number().nullable(),
  /** Today's opening hours in the centre's time; null when closed all day or unknown. */
  hours: z.object({ opens: z.string(), closes: z.string() }).nullable(),
  openNow: z.boolean(),
  windowsOpen: z.number(),
  groups: z.array(z.object({ id: z.string(), name: names, waiting: z.number(), estimatedWaitMinutes: z.number().nullable() })),
  /** With `group` or `service` asked: that group's (the service's group's) estimated wait here; null when not offered or unknown. */
  estimatedWaitMinutes: z.number().nullable(),
  /** With `group` or `service` asked: whether this centre offers it. */
  offers: z.boolean(),
});
export type PublicCentre = z.infer<typeof publicCentreSchema>;

export const publicCentresQuerySchema = z.object({
  group: z.string().min(1).optional(),
  service: z.string().min(1).optional(),
});

export const publicCentresSchema = z.object({
  at: z.number(),
  staleAfterSeconds: z.number(),
  /** Every group and service some centre offers, to choose from. */
  groups: z.array(z.object({ id: z.string(), name: names })),
  services: z.array(z.object({ id: z.string(), group: z.string().nullable(), name: names })),
  /**
   * Without a choice: open centres first, then by name. With a group or service: the centres offering
   * it that are open and live, by estimated wait (shortest first), then the stale and closed ones,
   * then those that do not offer it.
   */
  centres: z.array(publicCentreSchema),
});
export type PublicCentres = z.infer<typeof publicCentresSchema>;

export const centralApi = {
  login: {
    method: 'POST',
    url: '/api/central/login',
    body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
    response: centralUserSchema,
  },
  logout: { method: 'POST', url: '/api/central/logout', response: okSchema },
  session: { method: 'GET', url: '/api/central/session', response: centralUserSchema },
  overview: { method: 'GET', url: '/api/central/overview', response: overviewSchema },
  centre: { method: 'GET', url: '/api/central/centres/:site', params: z.object({ site: z.string().min(1) }), response: centreDetailSchema },
  /** Region-wide users only: a chain break cleared lets the site's record go on from the row it names. */
  clearAlert: {
    method: 'POST',
    url: '/api/central/centres/:site/alerts/:id/clear',
    params: z.object({ site: z.string().min(1), id: z.coerce.number().int().positive() }),
    body: clearAlertSchema,
    response: alertRecordSchema,
  },
  report: { method: 'GET', url: '/api/central/report', querystring: centralReportQuerySchema, response: centralReportSchema },
  reportCsv: {
    method: 'GET',
    url: '/api/central/report.csv',
    querystring: centralReportQuerySchema.and(z.object({ lang: z.string().min(2).max(8).optional() })),
    response: z.string(),
  },
  publicCentres: { method: 'GET', url: '/api/public/centres', querystring: publicCentresQuerySchema, response: publicCentresSchema },
} as const satisfies Record<string, ApiRoute>;
