// The hub's HTTP API, described once: each route's method, path, and the zod schemas of what it takes
// (path parameters, query, JSON body) and of what it answers with 200. The hub registers its routes from
// these and checks both directions with them (hub/src/http/); the pages call them through `callApi`
// (http-client.ts), which parses every answer with the same schema instead of trusting a cast.
// Refusals answer `apiErrorSchema` with a 4xx or 5xx status. Browser-safe: zod and the contract only.
import { z } from 'zod';
import { errorCodeSchema } from './commands.js';
import {
  announcementsSchema,
  configMessage,
  counterSchema,
  deviceRoleSchema,
  deviceSchema,
  idSchema,
  kioskSettingsSchema,
  operatorRoleSchema,
  operatorSchema,
  publicConfigSchema,
  queueRulesSchema,
  serviceGroupSchema,
  serviceSchema,
  siteSchema,
  weekdays,
  zoneSchema,
} from './config.js';
import type { ConfigProblem } from './config-problems.js';
import { counterStateSchema, daySchema, ticketStatusSchema, transferTargetSchema, waitRangeSchema } from './domain.js';
import { type ConfigMessageKey, configEn } from './messages/config.js';
import { deviceHealthSchema, printerStatusSchema, printResultSchema, ticketPrintSchema } from './printing.js';

const instant = z.number().int().nonnegative();

// ---- every route ----------------------------------------------------------------------------------

const configProblemSchema: z.ZodType<ConfigProblem> = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  key: z.custom<ConfigMessageKey>((key) => typeof key === 'string' && Object.hasOwn(configEn, key)),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

/** A refusal: English for logs and developers; `code` (the catalog has words for it) and `problems` when known. */
export const apiErrorSchema = z.object({
  error: z.string(),
  code: errorCodeSchema.optional(),
  /** What in the request (or in a config change) is wrong, each at its place, as catalog keys. */
  problems: z.array(configProblemSchema).optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export const okSchema = z.object({ ok: z.literal(true) });

// ---- the hub --------------------------------------------------------------------------------------

/**
 * 200 when the hub runs and can publish to its broker; the same shape with 503 otherwise: `starting`
 * before the hub runs, `cannot_publish` when its messages do not reach the broker (connected or not).
 */
export const healthSchema = z.object({
  status: z.enum(['ok', 'starting', 'cannot_publish']),
  site: z.string(),
  day: daySchema.nullable(),
  broker: z.enum(['embedded', 'external']),
  mqttConnected: z.boolean(),
  mqttCanPublish: z.boolean(),
  /** Messages handed to the broker and not yet acknowledged, and how long the oldest has waited. */
  mqttWaiting: z.number().int().nonnegative(),
  mqttOldestWaitingMs: z.number().nonnegative(),
  /** The last publish that failed, or null. */
  mqttLastFailure: z.object({ at: z.number(), error: z.string() }).nullable(),
  uptimeSeconds: z.number().int().nonnegative(),
});
export type Health = z.infer<typeof healthSchema>;

/** `GET /voice-pack/`: every audio file of each language folder, `{ "uk": ["талон.wav", …] }`. */
export const voicePackListingSchema = z.record(z.string(), z.array(z.string()));

// ---- the visitors' pages (no login, no personal data) ----------------------------------------------

export const trackingSchema = z.object({
  number: z.string(),
  service: idSchema,
  status: ticketStatusSchema,
  /** While waiting: the tickets the windows serving it would call first; null otherwise. */
  ahead: z.number().int().nonnegative().nullable(),
  estimatedWaitMinutes: z.number().nonnegative().nullable(),
  estimatedWaitRange: waitRangeSchema.nullable(),
  /** The window it was called to; null until called. */
  window: z.number().int().nullable(),
  /** While it waits after a transfer: where it was sent; null otherwise. */
  transferredTo: transferTargetSchema.nullable(),
  feedback: z.enum(['none', 'open', 'given']),
  /** The visit opened a back-office case not decided yet: "in processing", never who decides it. */
  inProcessing: z.boolean(),
  at: instant,
});
export type Tracking = z.infer<typeof trackingSchema>;

const ticketToken = z.object({ token: z.string().regex(/^[\w-]{1,64}$/, 'a ticket link') });

const comment = z.string().max(500);
export const feedbackRequestSchema = z.object({ score: z.number().int().min(1).max(5), comment: comment.optional() }).strict();

export const serviceStatusSchema = z.object({
  id: idSchema,
  waiting: z.number().int().nonnegative(),
  /** For a ticket taken now. */
  estimatedWaitMinutes: z.number().nonnegative(),
  estimatedWaitRange: waitRangeSchema,
  openCounters: z.number().int().nonnegative(),
  /** Whether the kiosk gives a ticket for it now (hub/src/engine/opening.ts). */
  tickets: z.enum(['open', 'closed', 'full']),
  /** `HH:MM` of today's last ticket; null when the centre publishes no hours or is closed today. */
  lastTicketAt: z.string().nullable(),
});
export type ServiceStatus = z.infer<typeof serviceStatusSchema>;

export const centreStatusSchema = z.object({
  site: z.string(),
  day: daySchema,
  openNow: z.boolean(),
  /** The kiosks issue tickets now: open, or in the early window before an opening. */
  ticketsNow: z.boolean(),
  /** The current opening's end (`HH:MM`), or null. */
  closesAt: z.string().nullable(),
  /** When closed (or open only for tickets): the next opening, or null if none within a week. */
  next: z.object({ day: daySchema, weekday: z.enum(weekdays), opens: z.string(), ticketsFrom: z.string() }).nullable(),
  hours: z.array(z.object({ day: z.enum(weekdays), intervals: z.array(z.tuple([z.string(), z.string()])) })),
  openCounters: z.number().int().nonnegative(),
  /** Per top-level service group (its nested groups included), active services only. */
  groups: z.array(
    z.object({
      id: idSchema,
      waiting: z.number().int().nonnegative(),
      /** The group's longest service wait. */
      estimatedWaitMinutes: z.number().nonnegative(),
      estimatedWaitRange: waitRangeSchema,
      services: z.array(serviceStatusSchema),
    }),
  ),
  at: instant,
});
export type CentreStatus = z.infer<typeof centreStatusSchema>;

export const bookingInfoSchema = z.object({
  services: z.array(idSchema),
  days: z.array(daySchema),
  slotMinutes: z.number().int().positive(),
});
export type BookingInfo = z.infer<typeof bookingInfoSchema>;

export const slotSchema = z.object({ at: instant, time: z.string(), free: z.number().int().nonnegative() });
export type Slot = z.infer<typeof slotSchema>;

export const bookingRequestSchema = z
  .object({ service: z.string().min(1).max(64), at: instant, phone: z.string().min(1).max(32) })
  .strict();

export const bookedSchema = z.object({ appointment: z.object({ code: z.string(), service: idSchema, at: instant }) });
export type Booked = z.infer<typeof bookedSchema>;

// ---- the counter's feedback tablet (HTTP Basic: the tablet device) ---------------------------------

export const tabletViewSchema = z.object({
  counter: idSchema,
  window: z.number().int().nullable(),
  /** The visit that ended last at the counter, while it is recent and unrated. */
  ticket: z.object({ number: z.string(), service: idSchema, finishedAt: instant }).nullable(),
});
export type TabletView = z.infer<typeof tabletViewSchema>;

export const tabletRatingSchema = z
  .object({
    /** The ticket the tablet showed: a newer visit finished in between must not take this rating. */
    number: z.string().min(1).max(16),
    score: z.number().int().min(1).max(5),
    comment: comment.optional(),
  })
  .strict();

// ---- the supervisors' pages (a session cookie) -----------------------------------------------------

export const loginRequestSchema = z.object({ username: z.string().min(1).max(64), pin: z.string().min(1).max(16) });

export const staffSchema = z.object({ username: z.string(), name: z.string(), roles: z.array(operatorRoleSchema) });
export type Staff = z.infer<typeof staffSchema>;

export const monitorAlertSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('wait'), service: idSchema, waitMinutes: z.number().int(), targetMinutes: z.number() }),
  z.object({ kind: z.literal('paper'), device: idSchema, state: z.enum(['out', 'low']) }),
  z.object({ kind: z.literal('printer'), device: idSchema, problem: z.string() }),
  z.object({ kind: z.literal('backup'), error: z.string() }),
  /** Back-office cases waiting with fewer registrars to draw from than `backOffice.minEligible`. */
  z.object({ kind: z.literal('cases'), waiting: z.number().int().positive(), minEligible: z.number().int() }),
  /** The first break found in a day's record, and how many rows of that day broke. */
  z.object({ kind: z.literal('record'), day: daySchema, seq: z.number().int(), problem: z.string(), rows: z.number().int().positive() }),
]);
export type MonitorAlert = z.infer<typeof monitorAlertSchema>;

/** The live monitor's picture of the hall (hub/src/admin/monitor.ts). */
export const monitorSnapshotSchema = z.object({
  at: instant,
  targetWaitMinutes: z.number(),
  counters: z.array(
    counterStateSchema
      .pick({ counter: true, window: true, zone: true, status: true, operator: true, pauseReason: true, since: true })
      .extend({
        ticket: z.object({ number: z.string(), service: idSchema, status: ticketStatusSchema }).nullable(),
        /** Open with no ticket: how long the counter has been idle. */
        idleMs: z.number().nullable(),
      }),
  ),
  queues: z.array(
    z.object({
      service: idSchema,
      waiting: z.number().int().nonnegative(),
      oldestWaitMs: z.number().nullable(),
      openCounters: z.number().int().nonnegative(),
    }),
  ),
  devices: z.array(
    z.object({
      id: idSchema,
      role: deviceRoleSchema,
      /** Null until the device was ever seen: connected over MQTT, or a request over HTTP in the last 30 s. */
      online: z.boolean().nullable(),
      /** Its last contact: when it connected, while connected over MQTT; else its last request or presence change. */
      lastSeen: instant.nullable(),
      /** How it was last in contact: MQTT (presence) or HTTP (a tablet's or a browser printer's requests). */
      via: z.enum(['mqtt', 'http']).nullable(),
      printer: deviceHealthSchema.nullable(),
    }),
  ),
  alerts: z.array(monitorAlertSchema),
  /** Null when the hub makes no backups of its own (`backups.enabled: false`). */
  backup: z.object({ lastCopyAt: instant.nullable() }).nullable(),
  /** The SHA-256 of the secret today's back-office draws come from, committed before any of them. */
  draw: z.object({ day: daySchema, commitment: z.string().nullable() }),
  /** The region's catalogue the hub runs (hub/src/central/catalogue.ts); null when it takes none, or none yet. */
  catalogue: z.object({ version: z.string(), publishedAt: instant, appliedAt: instant }).nullable(),
});
export type MonitorSnapshot = z.infer<typeof monitorSnapshotSchema>;

/** Today replayed for the monitor's charts (hub/src/admin/day-timeline.ts): a point every `stepMinutes` and one now. */
export const monitorDaySchema = z.object({
  day: daySchema,
  stepMinutes: z.number().int().positive(),
  targetWaitMinutes: z.number(),
  /** The top-level service groups, in the config's order: each point's `groups` follows it. */
  groups: z.array(idSchema),
  points: z.array(
    z.object({
      at: instant,
      waiting: z.number().int().nonnegative(),
      /** Counters open to call (logged in, neither paused nor closed). */
      windowsOpen: z.number().int().nonnegative(),
      /** Of today's calls so far, the share whose wait was within the target; null before the first call. */
      withinTargetShare: z.number().min(0).max(1).nullable(),
      groups: z.array(z.object({ waiting: z.number().int().nonnegative(), longestWaitMs: z.number().nonnegative() })),
    }),
  ),
});
export type MonitorDay = z.infer<typeof monitorDaySchema>;

export const reportDimensions = ['service', 'group', 'counter', 'operator', 'hour'] as const;
export type ReportDimension = (typeof reportDimensions)[number];

const reportDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const reportRange = { from: reportDay, to: reportDay, by: z.enum(reportDimensions).default('service') };
const fromBeforeTo = (q: { from: string; to: string }) => q.from <= q.to;
const toAfterFrom = { message: 'the first day must not be after the last', path: ['to'] };
export const reportQuerySchema = z.object(reportRange).refine(fromBeforeTo, toAfterFrom);
export type ReportQuery = z.output<typeof reportQuerySchema>;
/** A CSV's names and headers in `lang` (the centre's first language when absent). */
const csvLanguage = {
  lang: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'a language code such as uk')
    .optional(),
};
export const reportCsvQuerySchema = z.object({ ...reportRange, ...csvLanguage }).refine(fromBeforeTo, toAfterFrom);
/** `format=csv` was the CSV's address before it had its own (`adminReportCsv`): still followed. */
const reportRequestSchema = z.object({ ...reportRange, format: z.enum(['json', 'csv']).optional() }).refine(fromBeforeTo, toAfterFrom);

const spreadSchema = z.object({ meanMinutes: z.number(), p50Minutes: z.number(), p90Minutes: z.number() });
export type Spread = z.infer<typeof spreadSchema>;

export const reportRowSchema = z.object({
  key: z.string(),
  /** Tickets issued (service, group and hour only: a counter or operator issues none). */
  issued: z.number().int().nonnegative(),
  visits: z.number().int().nonnegative(),
  served: z.number().int().nonnegative(),
  noShows: z.number().int().nonnegative(),
  transfers: z.number().int().nonnegative(),
  wait: spreadSchema.nullable(),
  service: spreadSchema.nullable(),
  withinTargetShare: z.number().min(0).max(1).nullable(),
  feedback: z.object({ count: z.number().int().positive(), mean: z.number() }).nullable(),
});
export type ReportRow = z.infer<typeof reportRowSchema>;

/** A report for a date range (hub/src/stats/reports.ts says what each figure counts). */
export const reportSchema = z.object({
  ...reportRange,
  targetWaitMinutes: z.number(),
  /** Days of the period whose record failed the audit chain's check (hub/src/audit/start-check.ts): their figures may be forged. */
  recordUnderQuestion: z.array(daySchema),
  rows: z.array(reportRowSchema),
  total: reportRowSchema,
});
export type Report = z.infer<typeof reportSchema>;

/** The config as the admin pages edit it: the editable sections, without PIN hashes or secret hashes. */
export const editableConfigSchema = z.object({
  site: siteSchema,
  serviceGroups: z.array(serviceGroupSchema),
  services: z.array(serviceSchema),
  zones: z.array(zoneSchema),
  counters: z.array(counterSchema),
  operators: z.array(operatorSchema.omit({ pinHash: true })),
  devices: z.array(deviceSchema.omit({ secretHash: true })),
  queue: queueRulesSchema,
  kiosk: kioskSettingsSchema,
  announcements: announcementsSchema,
});
export type EditableConfig = z.infer<typeof editableConfigSchema>;

export const pinSchema = z.string().regex(/^\d{4,8}$/, configMessage('config.format.pin'));

/** A change from the admin pages; the config itself is checked by the hub as a whole, as a file is. */
export const configEditSchema = z.object({
  config: z.looseObject({
    operators: z.array(z.looseObject({ username: z.string() })),
    devices: z.array(z.looseObject({ id: z.string() })),
  }),
  /** PINs for new operators (or to reset), by username. */
  pins: z.record(z.string(), pinSchema).default({}),
  /** Devices whose secret should be made anew. */
  resetSecrets: z.array(z.string()).default([]),
  /** Only say what the change would do, changing nothing. */
  dryRun: z.boolean().default(false),
  /** The `base` of the dry run the page showed: the save is refused if the file changed since. */
  base: z.string().optional(),
});
export type ConfigEdit = z.input<typeof configEditSchema>;

export const configChangeSchema = z.object({
  /** `services`, `queue.priorityCategories`, `site`… */
  section: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  /** The item of a list, by its id; absent for a section such as `site`. */
  id: z.string().optional(),
  /** The fields that changed: names only, never a secret or a hash. */
  fields: z.array(z.string()),
});

/** A line of the config file in a preview: kept (as context), removed or added, with its numbers before and after. */
export const diffLineSchema = z.object({
  kind: z.enum(['same', 'removed', 'added']),
  before: z.number().int().optional(),
  after: z.number().int().optional(),
  text: z.string(),
});

/** What an edit does to the config file, for the admin page to show before it is saved. */
export const fileDiffSchema = z.object({
  file: z.string(),
  added: z.number().int(),
  removed: z.number().int(),
  /** Each stretch of changed lines with two lines around it. */
  hunks: z.array(z.array(diffLineSchema)),
});
export type FileDiff = z.infer<typeof fileDiffSchema>;
export type DiffLine = z.infer<typeof diffLineSchema>;

/** An applied change (refused: 400 with `problems`); `version` is null when nothing changed. */
export const configSavedSchema = z.object({
  ok: z.literal(true),
  version: z.number().int().nullable(),
  changes: z.array(configChangeSchema),
  /** New device secrets, shown once. */
  secrets: z.record(z.string(), z.string()),
  /** The file's lines the change removes and adds; null without a file or a change. */
  file: fileDiffSchema.nullable(),
  /** The file the dry run was made on, to send back with the save; null otherwise. */
  base: z.string().nullable(),
});
export type ConfigSaved = z.infer<typeof configSavedSchema>;

// ---- the routes -----------------------------------------------------------------------------------

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT';
  /** A path with `:name` parameters, as fastify and `callApi` both read it. */
  url: string;
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  /** The answer with 200 (a string: a file to download, not JSON). */
  response: z.ZodType;
}

const text = z.string();

// ---- the staffing planner (hub/src/planner/) -------------------------------------------------------

const share = z.number().min(0).max(1);
const minutes = z.number().nonnegative();

export const plannedHourSchema = z.object({
  /** Local hour, 0–23. */
  hour: z.number().int().min(0).max(23),
  /** Walk-ins forecast for the group in the hour, and appointments booked. */
  forecast: z.number().nonnegative(),
  booked: z.number().int().nonnegative(),
  /** Windows by Erlang C alone, and the plan's. */
  erlang: z.number().int().nonnegative(),
  windows: z.number().int().nonnegative(),
  /** Share called within the target: by Erlang C for the plan's windows, and in the simulated days. */
  erlangShare: share,
  simulatedShare: share.nullable(),
  p90WaitMinutes: minutes.nullable(),
});
export type PlannedHour = z.infer<typeof plannedHourSchema>;

export const disagreementReasonSchema = z.enum(['carriedLine', 'sharedWindows', 'rules', 'variability']);

const count = z.number().int().nonnegative();

/** The plan's windows as people on the centre's shift patterns (hub/src/planner/roster.ts). */
export const rosterSchema = z.object({
  /** The centre's shift patterns, as the config sets them. */
  shifts: z.array(z.object({ id: idSchema, from: z.string(), to: z.string() })),
  groups: z.array(
    z.object({
      group: idSchema,
      shifts: z.array(z.object({ shift: idSchema, people: count })),
      /** Hours on shift, breaks included. */
      staffHours: z.number().nonnegative(),
      /** Hours the plan opens windows in that no shift reaches. */
      uncovered: z.array(z.number().int().min(0).max(23)),
      peak: count,
      /** Operators allowed at the group's windows; null when the config lists none. */
      eligible: count.nullable(),
    }),
  ),
  people: count,
  staffHours: z.number().nonnegative(),
  peak: count,
  operators: count.nullable(),
  shortOfStaff: z.array(idSchema),
});
export type Roster = z.infer<typeof rosterSchema>;

export const plannedDaySchema = z.object({
  day: daySchema,
  /** The supervisor's own windows (a what-if), simulated as given; else the planner's. */
  given: z.boolean(),
  groups: z.array(z.object({ group: idSchema, hours: z.array(plannedHourSchema) })),
  operatorHours: z.number().int().nonnegative(),
  erlangOperatorHours: z.number().int().nonnegative(),
  meetsTarget: z.boolean(),
  /** Groups that miss the target with every window they have open: the centre needs more windows or staff for them. */
  shortOfWindows: z.array(idSchema),
  turnedAway: z.number().int().nonnegative(),
  /** People per shift for the day's windows; null when the config sets no shift patterns. */
  roster: rosterSchema.nullable(),
  /** Group-hours where the plan and Erlang C differ, and why. */
  disagreements: z.array(
    z.object({
      group: idSchema,
      hour: z.number().int(),
      erlang: z.number().int(),
      windows: z.number().int(),
      simulatedShareAtErlang: share.nullable(),
      reason: disagreementReasonSchema,
    }),
  ),
});
export type PlannedDay = z.infer<typeof plannedDaySchema>;

/** A past day: what the planner would have forecast and predicted for it, against what happened. */
export const lookBackSchema = z.object({
  day: daySchema,
  groups: z.array(
    z.object({
      group: idSchema,
      hours: z.array(
        z.object({
          hour: z.number().int().min(0).max(23),
          forecast: z.number().nonnegative(),
          actual: z.number().int().nonnegative(),
          predictedP90WaitMinutes: minutes.nullable(),
          actualP90WaitMinutes: minutes.nullable(),
        }),
      ),
    }),
  ),
});
export type LookBack = z.infer<typeof lookBackSchema>;

export const weekPlanSchema = z.object({
  from: daySchema,
  targetShare: share,
  targetWaitMinutes: z.number().int().positive(),
  /** The history the forecast rests on: days, whole weeks, and whether a trend was found. */
  basis: z.object({ days: z.number().int().nonnegative(), weeks: z.number().int().nonnegative(), trend: z.boolean() }),
  days: z.array(plannedDaySchema),
  operatorHours: z.number().int().nonnegative(),
  /** The day before `from`, when the record has it. */
  lookBack: lookBackSchema.nullable(),
});
export type WeekPlan = z.infer<typeof weekPlanSchema>;

const hourlyWindows = z.array(z.number().int().min(0).max(1000)).length(24);

export const planningRequestSchema = z
  .object({
    from: daySchema,
    days: z.number().int().min(1).max(14).default(7),
    targetShare: z.number().min(0.5).max(0.99).default(0.9),
    /** A what-if: per day, group → windows open in each local hour; days left out are planned. */
    staffing: z.record(daySchema, z.record(idSchema, hourlyWindows)).optional(),
  })
  .strict();
export type PlanningRequest = z.infer<typeof planningRequestSchema>;

export const planningJobSchema = z.object({
  job: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  /** Days simulated so far, of `total`. */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  plan: weekPlanSchema.nullable(),
  error: z.string().nullable(),
});
export type PlanningJob = z.infer<typeof planningJobSchema>;

const planningJobParams = z.object({ job: z.string().regex(/^[\w-]{1,64}$/, 'a planning job') });

// ---- pairing a device ------------------------------------------------------------------------------

/** What a device sends to pair: the code the admin page shows (any case; spaces and dashes ignored). */
export const pairRequestSchema = z.object({ code: z.string().trim().min(1).max(32) });
/** The device's own credentials, made by the hub as it pairs; kept by the device, sent nowhere else. */
export const pairedSchema = z.object({ device: z.string(), secret: z.string(), role: deviceRoleSchema });
export type Paired = z.infer<typeof pairedSchema>;

/** A pairing code as the admin page shows it, and the text of its QR code (`pairingLink` below). */
export const pairingCodeSchema = z.object({
  device: z.string(),
  code: z.string(),
  expiresAt: instant,
  /** The hub as the admin's browser reached it: the devices of the hall reach it there too. */
  hubUrl: z.string(),
  /** SHA-256 of the hub's own CA certificate (`http.tls: auto`), colon-separated hex; null otherwise. */
  caFingerprint: z.string().nullable(),
  qr: z.string(),
});
export type PairingCode = z.infer<typeof pairingCodeSchema>;

export const pairedDeviceSchema = z.object({
  id: z.string(),
  role: deviceRoleSchema,
  /** `paired`: has its own secret; `revoked`: signs in with nothing; `config`: a secret set in the config; `unpaired`: none yet. */
  state: z.enum(['paired', 'revoked', 'config', 'unpaired']),
  pairedAt: instant.nullable(),
  revokedAt: instant.nullable(),
  /** Its last message or request, as the live monitor saw it. */
  lastContact: instant.nullable(),
});
export type PairedDevice = z.infer<typeof pairedDeviceSchema>;

const deviceParams = z.object({ device: z.string().regex(/^[\w-]{1,64}$/, 'a device id') });

/**
 * The page a device of `role` runs, with the pairing code (and the CA fingerprint to pin) after `#`:
 * a fragment never reaches a server or its logs, and the code works once anyway.
 */
export function pairingLink(hubUrl: string, role: z.infer<typeof deviceRoleSchema>, code: string, caFingerprint: string | null): string {
  const page = { kiosk: '/kiosk/', display: '/display/', counter: '/counter/', tablet: '/rate', admin: '/admin/' }[role];
  const fragment = new URLSearchParams({ pair: code, ...(caFingerprint && { ca: caFingerprint }) });
  return `${hubUrl.replace(/\/$/, '')}${page}#${fragment}`;
}

export const httpApi = {
  health: { method: 'GET', url: '/api/health', response: healthSchema },
  config: { method: 'GET', url: '/api/config', response: publicConfigSchema },
  voicePack: { method: 'GET', url: '/voice-pack/', response: voicePackListingSchema },

  track: { method: 'GET', url: '/api/track/:token', params: ticketToken, response: trackingSchema },
  trackFeedback: {
    method: 'POST',
    url: '/api/track/:token/feedback',
    params: ticketToken,
    body: feedbackRequestSchema,
    response: okSchema,
  },
  publicStatus: { method: 'GET', url: '/api/public/status', response: centreStatusSchema },
  publicBooking: { method: 'GET', url: '/api/public/booking', response: bookingInfoSchema },
  publicSlots: {
    method: 'GET',
    url: '/api/public/slots',
    querystring: z.object({ service: z.string().max(64), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'day must be YYYY-MM-DD') }),
    response: z.object({ slots: z.array(slotSchema) }),
  },
  publicBook: { method: 'POST', url: '/api/public/book', body: bookingRequestSchema, response: bookedSchema },

  tablet: { method: 'GET', url: '/api/tablet', response: tabletViewSchema },
  tabletFeedback: { method: 'POST', url: '/api/tablet/feedback', body: tabletRatingSchema, response: okSchema },

  /** A device pairing with a code from the admin page: its own credentials, once per code. */
  pair: { method: 'POST', url: '/api/pair', body: pairRequestSchema, response: pairedSchema },

  printerStatus: { method: 'GET', url: '/api/printer', response: printerStatusSchema },
  printerPrint: { method: 'POST', url: '/api/printer/print', body: ticketPrintSchema, response: printResultSchema },

  adminLogin: { method: 'POST', url: '/api/admin/login', body: loginRequestSchema, response: staffSchema },
  adminLogout: { method: 'POST', url: '/api/admin/logout', response: okSchema },
  adminSession: { method: 'GET', url: '/api/admin/session', response: staffSchema },
  adminMonitor: { method: 'GET', url: '/api/admin/monitor', response: monitorSnapshotSchema },
  adminMonitorDay: { method: 'GET', url: '/api/admin/monitor/day', response: monitorDaySchema },
  adminDevices: { method: 'GET', url: '/api/admin/devices', response: z.object({ devices: z.array(pairedDeviceSchema) }) },
  /** A new one-time code for the device (a new device, or one replacing it: its earlier code stops working). */
  adminDevicePairing: {
    method: 'POST',
    url: '/api/admin/devices/:device/pairing',
    params: deviceParams,
    body: z.object({}),
    response: pairingCodeSchema,
  },
  /** The device's secret stops counting and its connections close. */
  adminDeviceRevoke: {
    method: 'POST',
    url: '/api/admin/devices/:device/revoke',
    params: deviceParams,
    body: z.object({}),
    response: okSchema,
  },
  adminReport: { method: 'GET', url: '/api/admin/reports', querystring: reportRequestSchema, response: reportSchema },
  /** The same figures as CSV (RFC 4180); `/api/admin/reports?…&format=csv` redirects here. */
  adminReportCsv: { method: 'GET', url: '/api/admin/reports.csv', querystring: reportCsvQuerySchema, response: text },
  adminConfig: { method: 'GET', url: '/api/admin/config', response: editableConfigSchema },
  adminConfigSave: { method: 'PUT', url: '/api/admin/config', body: configEditSchema, response: configSavedSchema },
  adminConfigYaml: { method: 'GET', url: '/api/admin/config.yaml', response: text },
  /** Starts planning in a worker thread: the hall is never slowed by a simulation. */
  adminPlanningStart: { method: 'POST', url: '/api/admin/planning', body: planningRequestSchema, response: planningJobSchema },
  adminPlanning: { method: 'GET', url: '/api/admin/planning/:job', params: planningJobParams, response: planningJobSchema },
  adminPlanningCsv: {
    method: 'GET',
    url: '/api/admin/planning/:job/plan.csv',
    params: planningJobParams,
    querystring: z.object(csvLanguage),
    response: text,
  },
} as const satisfies Record<string, ApiRoute>;
export type HttpApi = typeof httpApi;
