// The centre's configuration file, as zod schemas. The hub parses the YAML file with `configSchema`
// at start; the admin pages (later) validate edits with the same schemas.
import { z } from 'zod';
import type { ConfigMessageKey } from './messages/config.js';

/** A key of messages/config.ts as a schema message (config-problems.ts says it in words); the type stops a misspelt one. */
export const configMessage = (key: ConfigMessageKey): string => key;

/** A language tag as used in the catalog and in names: `uk`, `en`, `ru`, `hu`. */
export const languageSchema = z.string().regex(/^[a-z]{2,3}$/, configMessage('config.format.language'));
export type Language = z.infer<typeof languageSchema>;

/** A text in several languages: `{ uk: "Паспорт", en: "Passport" }`. */
export const localizedTextSchema = z.record(languageSchema, z.string().min(1));
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, configMessage('config.format.id'));

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, configMessage('config.format.time'));
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
/**
 * Opening hours per weekday as [open, close] pairs; a missing day is closed. A centre that lists no
 * day at all publishes no hours: its kiosks issue at any time (hub/src/engine/opening.ts).
 */
export const businessHoursSchema = z.partialRecord(z.enum(weekdays), z.array(z.tuple([hhmm, hhmm])));

export const siteSchema = z.object({
  id: idSchema,
  name: localizedTextSchema,
  timezone: z.string().refine(isTimeZone, configMessage('config.format.timeZone')),
  languages: z.array(languageSchema).min(1),
  businessHours: businessHoursSchema.default({}),
  /** Days the centre is closed whatever `businessHours` says (public holidays): kiosks issue nothing, the planner plans nothing. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, configMessage('config.format.day'))).default([]),
});

export const serviceGroupSchema = z.object({
  id: idSchema,
  names: localizedTextSchema,
  /** A group nested inside another group (kiosk navigation). */
  parent: idSchema.optional(),
});
export type ServiceGroup = z.infer<typeof serviceGroupSchema>;

export const serviceSchema = z.object({
  id: idSchema,
  group: idSchema,
  /** Ticket number prefix: one to three capital letters in any script (A, П, SZ). */
  prefix: z.string().regex(/^\p{Lu}{1,3}$/u, configMessage('config.format.prefix')),
  names: localizedTextSchema,
  /**
   * What visitors call the service, and how they misspell it, per language ("прописка", "пашпорт"):
   * the kiosk's search finds the service by these as by its name.
   */
  searchWords: z.record(languageSchema, z.array(z.string().min(1))).optional(),
  averageServiceMinutes: z.number().positive().max(480),
  /**
   * Kiosks give the day's last ticket this long before closing (hub/src/engine/opening.ts); absent:
   * `averageServiceMinutes`, so that the last visitor can still be served before the doors close.
   */
  lastTicketMinutesBeforeClosing: z.number().min(0).max(480).optional(),
  /** Kiosks offer only active services; operators can still issue the others. */
  active: z.boolean().default(true),
  /**
   * A finished visit opens a case drawn among the registrars at work (hub/src/engine/draw.ts): the
   * citizen never picks who decides their request, and no clerk can steer it.
   */
  backOffice: z.boolean().optional(),
  /** The line a back-office case's citizen joins when the case is ready. */
  pickupService: idSchema.optional(),
});
export type Service = z.infer<typeof serviceSchema>;

export const zoneSchema = z.object({ id: idSchema, names: localizedTextSchema });
export type Zone = z.infer<typeof zoneSchema>;

export const counterSchema = z.object({
  id: idSchema,
  /** The number shown over the window and spoken in announcements. */
  window: z.number().int().positive(),
  zone: idSchema,
  /** Services this counter serves; a higher weight is called first. */
  services: z.array(z.object({ service: idSchema, weight: z.number().int().min(1).max(100).default(1) })).min(1),
  /**
   * The window may call the next visitor by itself (hub/src/engine/auto-call.ts) this long after it
   * becomes free — the operator's wrap-up time — once its operator turns auto-call on at the counter
   * terminal. Absent: the window calls only when the operator presses "call next".
   */
  autoCall: z.object({ wrapUpSeconds: z.number().int().min(0).max(600).default(30) }).optional(),
});
export type Counter = z.infer<typeof counterSchema>;

export const operatorRoleSchema = z.enum(['operator', 'supervisor', 'admin', 'registrar']);
export type OperatorRole = z.infer<typeof operatorRoleSchema>;

/** `scrypt$N$r$p$salt$hash` (base64url), made by `vikno-hub hash-pin`. */
export const pinHashSchema = z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/, configMessage('config.format.pinHash'));

export const operatorSchema = z.object({
  username: idSchema,
  name: z.string().min(1),
  pinHash: pinHashSchema,
  roles: z.array(operatorRoleSchema).min(1).default(['operator']),
  /** Counters this operator may open; empty means any. */
  counters: z.array(idSchema).default([]),
  /** For a registrar: the back-office services whose cases they may be given. */
  services: z.array(idSchema).optional(),
});
export type Operator = z.infer<typeof operatorSchema>;

/** `tablet`: the feedback tablet facing the visitor at one counter's window (HTTP only, no commands). */
export const deviceRoleSchema = z.enum(['kiosk', 'display', 'counter', 'admin', 'tablet']);
export type DeviceRole = z.infer<typeof deviceRoleSchema>;

/**
 * Mosquitto's PBKDF2-SHA512 format (`$7$iterations$salt$hash`), so that one hash serves both the
 * embedded broker and a Mosquitto password file. Made by `vikno-hub hash-secret`.
 */
export const secretHashSchema = z.string().regex(/^\$7\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, configMessage('config.format.secretHash'));

export const deviceSchema = z.object({
  /** Also the MQTT username. */
  id: idSchema,
  role: deviceRoleSchema,
  /**
   * A secret set by hand (`vikno-hub hash-secret`), for a device that cannot be paired (a script, a
   * bridge). Without it the device signs in only once paired from the admin page; once paired, only
   * its paired secret counts.
   */
  secretHash: secretHashSchema.optional(),
  /** A counter terminal fixed to one counter (else the operator chooses at login); a tablet's counter (required). */
  counter: idSchema.optional(),
  /** A display or kiosk limited to one zone. */
  zone: idSchema.optional(),
});
export type Device = z.infer<typeof deviceSchema>;

export const priorityCategorySchema = z.object({ id: idSchema, names: localizedTextSchema });
export type PriorityCategory = z.infer<typeof priorityCategorySchema>;

/**
 * Where a transferred ticket goes in the line it joins: ahead of everyone (`first`, rule 2 of
 * hub/src/engine/select.ts), or as if it had joined when the visitor took the ticket (`arrival`).
 */
export const transferPlacementSchema = z.enum(['first', 'arrival']);
export type TransferPlacement = z.infer<typeof transferPlacementSchema>;

export const queueRulesSchema = z.object({
  priorityCategories: z.array(priorityCategorySchema).default([]),
  /** Interleave: call `priority` priority tickets for every `normal` normal ones when both wait. */
  priorityRatio: z.object({ priority: z.number().int().min(1), normal: z.number().int().min(0) }).default({ priority: 1, normal: 2 }),
  /** An appointment is due from this many minutes before its time until this many after. */
  appointmentToleranceMinutes: z.number().int().min(0).max(120).default(10),
  /** Where a ticket transferred to a service goes, unless the operator chooses otherwise at the transfer. */
  transferPlacement: transferPlacementSchema.default('first'),
  /** A ticket waiting this long jumps ahead of every rule but due appointments. */
  maxWaitMinutes: z.number().int().min(1).default(60),
  /** The centre's promise (15 minutes in Ukrainian centres): alerts and reports measure against it. */
  targetWaitMinutes: z.number().int().min(1).default(15),
  /** How many finished visits of a service feed its estimated service time. */
  estimateSampleSize: z.number().int().min(1).default(20),
  recentCallsShown: z.number().int().min(1).max(50).default(10),
  /** Marks an operator may put on a finished visit ("documents accepted", "refused"…). */
  outcomes: z.array(z.object({ id: idSchema, names: localizedTextSchema })).default([]),
});
export type QueueRules = z.infer<typeof queueRulesSchema>;

export const brokerSchema = z.object({
  /** Absent: the embedded broker. `mqtt://host:1883`: an external broker such as Mosquitto. */
  url: z.string().url().optional(),
  /** WebSocket URL the browser pages use with an external broker (`ws://host:8080`). */
  wsUrl: z.string().url().optional(),
  /** The hub's own credentials on an external broker. */
  username: z.string().optional(),
  password: z.string().optional(),
  /** Embedded broker's TCP port. */
  port: z.number().int().min(0).max(65535).default(1883),
  host: z.string().default('0.0.0.0'),
});

/**
 * The region's central service (central/, docs/central.md): the hub connects to the region's broker
 * as a client and sends its event log and a live summary there; it keeps serving its hall alone
 * while that link is down, and catches up from its own record when it is back.
 */
export const centralSchema = z.object({
  /** The region's broker: `mqtt://central.region.example:1883` (`mqtts://` over TLS). */
  url: z.string().url(),
  /** The hub's user on the region's broker; the region's ACL names users by site id, so it must be the site id (the default). */
  username: idSchema.optional(),
  /** That user's password; or the environment's VIKNO_CENTRAL_PASSWORD. */
  password: z.string().min(1).optional(),
  /** The live summary (waiting, windows open, device alerts) goes out at most this often. */
  liveIntervalSeconds: z.number().int().min(1).max(3600).default(10),
  /** Take the region's catalogue of services, groups and translations (kept beside the hub's own). */
  catalogue: z.boolean().default(false),
});
export type CentralSettings = z.infer<typeof centralSchema>;

export const httpSchema = z.object({
  port: z.number().int().min(0).max(65535).default(8080),
  host: z.string().default('0.0.0.0'),
  /** Address printed on tickets and shown in logs, when the hub sits behind a proxy. */
  publicUrl: z.string().url().optional(),
  /**
   * A reverse proxy in front of the hub: a visitor's address is then the last one the proxy adds to
   * X-Forwarded-For (for the public booking limit). Only with a proxy, else anyone could pick theirs.
   */
  trustProxy: z.boolean().default(false),
  /**
   * HTTPS, and WSS for the devices' MQTT: the centre's own certificate and key (PEM files), or `auto`:
   * the hub makes a small CA of its own and a certificate for its host names and addresses, kept in the
   * data folder; the pairing QR carries the CA's fingerprint so that a paired device can pin it.
   */
  tls: z.union([z.literal('auto'), z.object({ cert: z.string().min(1), key: z.string().min(1) }).strict()]).optional(),
});

/** Pairing devices from the admin page (hub/src/security/pairing.ts). */
export const pairingSchema = z.object({
  /** How long a pairing code works, once. */
  codeMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
});

/** How the kiosks behave and what their tickets say. */
export const kioskSettingsSchema = z.object({
  /** Printed under the QR code on every ticket, per language. */
  ticketFooter: localizedTextSchema.default({}),
  /** Back to the language choice after this long without a touch. */
  idleSeconds: z.number().int().min(10).max(600).default(45),
  /** How long the confirmation with the ticket stays on screen. */
  confirmationSeconds: z.number().int().min(5).max(120).default(20),
  /**
   * Kiosks issue tickets from this long before each opening in `site.businessHours` (a centre that
   * lets visitors in early, so that the first windows open to a formed queue); 0: from the opening.
   */
  ticketsBeforeOpeningMinutes: z.number().int().min(0).max(120).default(0),
});

/** Booking a visit ahead (the public /book page and staff booking for a caller). */
export const appointmentsSchema = z.object({
  slotMinutes: z.number().int().min(5).max(240).default(15),
  /** Bookings a slot of one service takes. */
  capacityPerSlot: z.number().int().min(1).max(100).default(2),
  /** How many days after today can be booked. */
  daysAhead: z.number().int().min(1).max(90).default(14),
  /** Services the public page offers; staff may book any service. */
  services: z.array(idSchema).default([]),
  /** Bookings the public page takes from one address in an hour: enough for a family, not for a script. */
  publicBookingsPerHour: z.number().int().min(1).max(1000).default(10),
});
export type AppointmentSettings = z.infer<typeof appointmentsSchema>;

/** Languages a hall display can announce calls in: display/src/voice has a phrase builder for each. */
export const spokenLanguages = ['uk', 'en', 'ru', 'hu'] as const;

/** How the hall displays announce calls, and the line they scroll along the bottom. */
export const announcementsSchema = z.object({
  /** Spoken one after another after the chime; empty: the site's languages that can be spoken. */
  languages: z.array(z.enum(spokenLanguages)).default([]),
  /** 0 (silent) to 1 (full). */
  volume: z.number().min(0).max(1).default(0.8),
  chime: z.boolean().default(true),
  /** [from, to] times of day in the site's time zone without sound; the boards still show the calls. */
  quietHours: z.array(z.tuple([hhmm, hhmm])).default([]),
  /**
   * A folder of recorded clips, `<folder>/<language>/<word>.wav` (display/README.md), spoken instead
   * of the synthesizer for the languages it covers. Relative to the hub's working folder.
   */
  voicePack: z.string().min(1).optional(),
  /** A line scrolling along the bottom of the hall displays, per language. */
  ticker: localizedTextSchema.default({}),
});

/**
 * LED boards over the windows on one serial line from the hub (hardware/docs/led-boards.md): each
 * shows the ticket called at its counter.
 */
export const ledBoardsSchema = z.object({
  /** The serial port of the RS-485 adapter: `/dev/ttyUSB0`, `COM3`. */
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  /** False for boards that never answer ACK: frames are then only written. */
  acknowledged: z.boolean().default(true),
  /** How long a new call or a recall blinks before it shows steadily. */
  blinkSeconds: z.number().int().min(1).max(99).default(5),
  brightness: z.number().int().min(1).max(100).default(100),
  /** Each board's address (set on the board, 1–99) and the counter whose window it hangs over. */
  boards: z.array(z.object({ counter: idSchema, address: z.number().int().min(1).max(99) })).min(1),
});
export type LedBoardsConfig = z.infer<typeof ledBoardsSchema>;

/**
 * How back-office cases are drawn among registrars (hub/src/engine/draw.ts): only among those signed
 * in, not on a break and below the load cap, from a secret the hub commits to each morning.
 */
export const backOfficeSchema = z.object({
  /** A registrar holding this many open cases is given no more until one is ready. */
  maxOpenCases: z.number().int().min(1).max(1000).default(20),
  /**
   * A case is drawn only when at least this many registrars of its service can take it (all of them,
   * if the service has fewer); until then it waits. With one registrar alone at work, anyone who can
   * see the hall knows who gets the next case: set 1 only where one registrar is all there is.
   */
  minEligible: z.number().int().min(1).max(20).default(2),
  /** A registrar signed out or on a break this long gives their cases not yet started back to the draw. */
  returnAfterMinutes: z.number().int().min(1).max(1440).default(30),
});
export type BackOfficeSettings = z.infer<typeof backOfficeSchema>;

/**
 * The centre's shift patterns, for the staffing planner (hub/src/planner/roster.ts): it turns its
 * windows per hour into people per shift, with someone to stand in at each window during breaks.
 */
export const shiftSchema = z.object({
  id: idSchema,
  /** Times of day in the site's time zone; a shift ends the day it starts. */
  from: hhmm,
  to: hhmm,
  /** [from, to] within the shift when its operators are away from their windows. */
  breaks: z.array(z.tuple([hhmm, hhmm])).default([]),
});
export type Shift = z.infer<typeof shiftSchema>;

export const staffingSchema = z.object({
  shifts: z.array(shiftSchema).default([]),
});
export type StaffingSettings = z.infer<typeof staffingSchema>;

/** The hub's own daily copy of its record (hub/src/store/backup-schedule.ts). */
export const backupsSchema = z.object({
  enabled: z.boolean().default(true),
  /** Where the copies go, relative to the data folder: best a disk of its own, mounted there. */
  folder: z.string().min(1).default('backups'),
  /** Time of day in the site's time zone, after closing; a hub started later makes the day's copy at once. */
  at: hhmm.default('22:30'),
  /** Daily copies kept; older ones are deleted. */
  keep: z.number().int().min(1).max(366).default(14),
});
export type BackupSettings = z.infer<typeof backupsSchema>;

const configObjectSchema = z.object({
  site: siteSchema,
  serviceGroups: z.array(serviceGroupSchema).min(1),
  services: z.array(serviceSchema).min(1),
  zones: z.array(zoneSchema).min(1),
  counters: z.array(counterSchema).min(1),
  operators: z.array(operatorSchema).default([]),
  devices: z.array(deviceSchema).default([]),
  queue: queueRulesSchema.default(queueRulesSchema.parse({})),
  kiosk: kioskSettingsSchema.default(kioskSettingsSchema.parse({})),
  appointments: appointmentsSchema.default(appointmentsSchema.parse({})),
  announcements: announcementsSchema.default(announcementsSchema.parse({})),
  broker: brokerSchema.default(brokerSchema.parse({})),
  http: httpSchema.default(httpSchema.parse({})),
  pairing: pairingSchema.default(pairingSchema.parse({})),
  ledBoards: ledBoardsSchema.optional(),
  backups: backupsSchema.default(backupsSchema.parse({})),
  backOffice: backOfficeSchema.default(backOfficeSchema.parse({})),
  staffing: staffingSchema.default(staffingSchema.parse({})),
  central: centralSchema.optional(),
  dataDir: z.string().default('data'),
});
export const configSchema = configObjectSchema.superRefine(checkReferences);
export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Cross-references a schema per field cannot see: unknown ids, duplicates, missing translations. */
function checkReferences(c: z.infer<typeof configObjectSchema>, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], key: ConfigMessageKey, params: Record<string, string | number> = {}) =>
    ctx.addIssue({ code: 'custom', path, message: key, params });
  const { services } = checkServices(c, c.site.languages, issue);
  const unique = (list: { id: string }[] | { username: string }[], key: string) => uniqueIds(list, key, issue);
  const zones = unique(c.zones, 'zones');
  const counters = unique(c.counters, 'counters');
  unique(c.operators, 'operators');
  const devices = unique(c.devices, 'devices');
  if (devices.has('hub')) issue(['devices'], 'config.hubReserved');

  const needsAll = (text: LocalizedText, path: (string | number)[]) => needsLanguages(text, c.site.languages, path, issue);
  needsAll(c.site.name, ['site', 'name']);
  c.zones.forEach((z, i) => {
    needsAll(z.names, ['zones', i, 'names']);
  });
  const windows = new Set<number>();
  c.counters.forEach((k, i) => {
    if (!zones.has(k.zone)) issue(['counters', i, 'zone'], 'config.unknownZone', { id: k.zone });
    if (windows.has(k.window)) issue(['counters', i, 'window'], 'config.windowTaken', { window: k.window });
    windows.add(k.window);
    k.services.forEach((s, j) => {
      if (!services.has(s.service)) issue(['counters', i, 'services', j, 'service'], 'config.unknownService', { id: s.service });
    });
  });
  c.operators.forEach((o, i) => {
    o.counters.forEach((k, j) => {
      if (!counters.has(k)) issue(['operators', i, 'counters', j], 'config.unknownCounter', { id: k });
    });
    o.services?.forEach((s, j) => {
      if (!services.has(s)) issue(['operators', i, 'services', j], 'config.unknownService', { id: s });
    });
    if (o.services?.length && !o.roles.includes('registrar')) issue(['operators', i, 'services'], 'config.registrarOnly');
  });
  c.services.forEach((s, i) => {
    if (!s.backOffice) {
      if (s.pickupService) issue(['services', i, 'pickupService'], 'config.pickupOnlyBackOffice');
      return;
    }
    const pickup = c.services.find((p) => p.id === s.pickupService);
    if (!s.pickupService) issue(['services', i, 'pickupService'], 'config.pickupNeeded');
    else if (!pickup) issue(['services', i, 'pickupService'], 'config.unknownService', { id: s.pickupService });
    else if (pickup.backOffice) issue(['services', i, 'pickupService'], 'config.pickupBackOffice');
    if (!c.operators.some((o) => o.roles.includes('registrar') && o.services?.includes(s.id)))
      issue(['services', i, 'backOffice'], 'config.noRegistrar', { id: s.id });
  });
  c.devices.forEach((d, i) => {
    if (d.counter && !counters.has(d.counter)) issue(['devices', i, 'counter'], 'config.unknownCounter', { id: d.counter });
    if (d.counter && d.role !== 'counter' && d.role !== 'tablet') issue(['devices', i, 'counter'], 'config.counterDeviceOnly');
    if (d.role === 'tablet' && !d.counter) issue(['devices', i, 'counter'], 'config.tabletCounter');
    if (d.zone && !zones.has(d.zone)) issue(['devices', i, 'zone'], 'config.unknownZone', { id: d.zone });
  });
  c.queue.priorityCategories.forEach((p, i) => {
    needsAll(p.names, ['queue', 'priorityCategories', i, 'names']);
  });
  c.appointments.services.forEach((s, i) => {
    if (!services.has(s)) issue(['appointments', 'services', i], 'config.unknownService', { id: s });
  });
  c.queue.outcomes.forEach((o, i) => {
    needsAll(o.names, ['queue', 'outcomes', i, 'names']);
  });
  const shifts = new Set<string>();
  c.staffing.shifts.forEach((shift, i) => {
    if (shifts.has(shift.id)) issue(['staffing', 'shifts', i, 'id'], 'config.duplicate', { section: 'staffing.shifts', id: shift.id });
    shifts.add(shift.id);
    if (shift.to <= shift.from) issue(['staffing', 'shifts', i, 'to'], 'config.shiftEnds');
    shift.breaks.forEach(([from, to], j) => {
      if (to <= from || from < shift.from || to > shift.to) issue(['staffing', 'shifts', i, 'breaks', j], 'config.breakWithin');
    });
  });
  const addresses = new Set<number>();
  c.ledBoards?.boards.forEach((b, i) => {
    if (!counters.has(b.counter)) issue(['ledBoards', 'boards', i, 'counter'], 'config.unknownCounter', { id: b.counter });
    if (addresses.has(b.address)) issue(['ledBoards', 'boards', i, 'address'], 'config.addressTaken', { address: b.address });
    addresses.add(b.address);
  });
  if (c.broker.url && !c.broker.username) issue(['broker', 'username'], 'config.brokerUsername');
  if (c.central?.username !== undefined && c.central.username !== c.site.id)
    issue(['central', 'username'], 'config.centralUsername', { site: c.site.id });
}

type Issue = (path: (string | number)[], key: ConfigMessageKey, params?: Record<string, string | number>) => void;

function uniqueIds(list: { id: string }[] | { username: string }[], key: string, issue: Issue): Set<string> {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const id = 'id' in item ? item.id : item.username;
    if (seen.has(id)) issue([key, i, 'id' in item ? 'id' : 'username'], 'config.duplicate', { section: key, id });
    seen.add(id);
  });
  return seen;
}

function needsLanguages(text: LocalizedText, languages: readonly string[], path: (string | number)[], issue: Issue): void {
  for (const lang of languages) if (!text[lang]) issue(path, 'config.missingText', { lang });
}

/**
 * The rules of the services and their groups alone — ids once, every name in every language, groups
 * that exist, one service per ticket prefix — shared by the hub's config and the region's catalogue
 * (shared/src/central.ts), which is the same two lists.
 */
export function checkServices(
  c: { serviceGroups: readonly ServiceGroup[]; services: readonly Service[] },
  languages: readonly string[],
  issue: Issue,
): { groups: Set<string>; services: Set<string> } {
  const groups = uniqueIds([...c.serviceGroups], 'serviceGroups', issue);
  const services = uniqueIds([...c.services], 'services', issue);
  c.serviceGroups.forEach((g, i) => {
    needsLanguages(g.names, languages, ['serviceGroups', i, 'names'], issue);
    if (g.parent && !groups.has(g.parent)) issue(['serviceGroups', i, 'parent'], 'config.unknownGroup', { id: g.parent });
  });
  const prefixes = new Map<string, string>();
  c.services.forEach((s, i) => {
    needsLanguages(s.names, languages, ['services', i, 'names'], issue);
    if (!groups.has(s.group)) issue(['services', i, 'group'], 'config.unknownGroup', { id: s.group });
    const other = prefixes.get(s.prefix);
    if (other) issue(['services', i, 'prefix'], 'config.prefixTaken', { prefix: s.prefix, service: other });
    prefixes.set(s.prefix, s.id);
  });
  return { groups, services };
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * What the hub's `/api/config` answers (hub/src/http/server.ts, `publicConfig`): the part of the
 * config every app needs to draw itself, without credentials or hashes. The apps validate the
 * answer with this schema, so a hub and an app that disagree fail at once with a clear message.
 */
export const publicConfigSchema = z.object({
  site: siteSchema,
  mqtt: z.object({ url: z.string() }),
  serviceGroups: z.array(serviceGroupSchema),
  services: z.array(serviceSchema),
  zones: z.array(zoneSchema),
  counters: z.array(counterSchema),
  priorityCategories: queueRulesSchema.shape.priorityCategories,
  outcomes: queueRulesSchema.shape.outcomes,
  targetWaitMinutes: queueRulesSchema.shape.targetWaitMinutes,
  appointmentToleranceMinutes: queueRulesSchema.shape.appointmentToleranceMinutes,
  kiosk: kioskSettingsSchema,
  /** The hub serves the voice pack's clips itself (`/voice-pack/`): the apps only learn whether there is one. */
  announcements: announcementsSchema.omit({ voicePack: true }).extend({ voicePack: z.boolean() }),
  /** Which device is which: a display limited to a zone shows and announces only that zone's calls. */
  devices: z.array(deviceSchema.pick({ id: true, role: true, zone: true })),
  /** The address visitors' phones reach the hub at (the QR code on a ticket); null when unknown. */
  publicUrl: z.string().nullable(),
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;
