// The contract between a centre's hub and the region's central service (central/), over the region's
// MQTT broker, all under `vikno-central/v1/<site>/…`. The hub pushes outbound; central answers with
// acknowledgements and the catalogue. docs/central.md describes each with an example.
import { z } from 'zod';
import { checkServices, languageSchema, serviceGroupSchema, serviceSchema } from './config.js';

export const CENTRAL_ROOT = 'vikno-central/v1';

export const centralTopics = {
  /** QoS 1, from the hub: a batch of its event log rows, in seq order. */
  events: (site: string) => `${CENTRAL_ROOT}/${site}/events`,
  /** Retained, QoS 1, from central: the highest contiguous seq it has stored and checked. */
  ack: (site: string) => `${CENTRAL_ROOT}/${site}/ack`,
  /** Retained, from the hub, cleared to offline by its last will. */
  presence: (site: string) => `${CENTRAL_ROOT}/${site}/presence`,
  /** Retained, from the hub, rate-limited: what the hall looks like now. */
  live: (site: string) => `${CENTRAL_ROOT}/${site}/live`,
  /** Retained, from central: the region's catalogue of services for hubs that take it. */
  catalogue: (site: string) => `${CENTRAL_ROOT}/${site}/catalogue`,
} as const;

/** One row of a hub's event log as its hash chain covers it (hub/src/audit/chain.ts), plus the hashes. */
export const centralEventSchema = z.object({
  seq: z.number().int().positive(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  at: z.number().int(),
  type: z.string().min(1),
  ticketId: z.string().nullable(),
  counterId: z.string().nullable(),
  /** The hub's JSON text as stored: the hash covers these exact characters. */
  data: z.string(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CentralEvent = z.infer<typeof centralEventSchema>;

export const centralEventBatchSchema = z.object({
  site: z.string().min(1),
  events: z.array(centralEventSchema).min(1),
});
export type CentralEventBatch = z.infer<typeof centralEventBatchSchema>;

export const centralAckSchema = z.object({
  site: z.string().min(1),
  /** Everything up to and including this seq is stored; 0 when nothing is. */
  seq: z.number().int().nonnegative(),
  /** That row's hash (64 zeros for 0), so a hub restored from an old backup can tell. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CentralAck = z.infer<typeof centralAckSchema>;

export const centralPresenceSchema = z.object({
  online: z.boolean(),
  /** When the hub said so (ms); the last will carries the time the hub connected. */
  at: z.number().int(),
  /**
   * Online only: the last row of the hub's log when it connected. A log that ends below what central
   * has acknowledged was restored from an older copy (central raises `cursor_backwards`).
   */
  log: z.object({ seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
});
export type CentralPresence = z.infer<typeof centralPresenceSchema>;

const namesSchema = z.record(z.string(), z.string());

/** A site's hall now, as its hub sees it. Times in ms since the epoch; durations in seconds. */
export const centralLiveSchema = z.object({
  site: z.string().min(1),
  at: z.number().int(),
  name: namesSchema,
  timezone: z.string(),
  /** Today's opening hours in the site's local time ("08:00"), absent when closed all day. */
  hours: z.object({ opens: z.string(), closes: z.string() }).nullable(),
  openNow: z.boolean(),
  catalogueVersion: z.string().nullable(),
  windowsOpen: z.number().int().nonnegative(),
  windowsTotal: z.number().int().nonnegative(),
  /** Today so far: visitors called, and of them those called within the target. */
  today: z.object({
    issued: z.number().int().nonnegative(),
    called: z.number().int().nonnegative(),
    withinTarget: z.number().int().nonnegative(),
    targetMinutes: z.number().positive(),
  }),
  groups: z.array(
    z.object({
      id: z.string(),
      name: namesSchema,
      waiting: z.number().int().nonnegative(),
      longestWaitSeconds: z.number().nonnegative(),
      estimatedWaitMinutes: z.number().nonnegative().nullable(),
      windowsOpen: z.number().int().nonnegative(),
    }),
  ),
  services: z.array(
    z.object({
      id: z.string(),
      group: z.string().nullable(),
      name: namesSchema,
      waiting: z.number().int().nonnegative(),
      longestWaitSeconds: z.number().nonnegative(),
    }),
  ),
  deviceAlerts: z.array(z.object({ device: z.string(), kind: z.string(), since: z.number().int() })),
});
export type CentralLive = z.infer<typeof centralLiveSchema>;

/**
 * The region's catalogue: its service groups and services — names and search words in each of its
 * `languages` — in the same shapes as a hub's config, checked by the same rules (ids once, groups that
 * exist, one service per ticket prefix, every name in every language). docs/central.md, "The catalogue".
 */
export const catalogueSchema = z
  .object({
    /** Every name is given in each of these: a hub whose own languages are not among them refuses the catalogue. */
    languages: z.array(languageSchema).min(1),
    serviceGroups: z.array(serviceGroupSchema).min(1),
    services: z.array(serviceSchema).min(1),
  })
  .strict()
  .superRefine((c, ctx) => {
    checkServices(c, c.languages, (path, message, params = {}) => ctx.addIssue({ code: 'custom', path, message, params }));
  });
export type Catalogue = z.infer<typeof catalogueSchema>;

/** Retained on `…/<site>/catalogue`, from central. */
export const centralCatalogueSchema = z.object({
  /** A hash of the content (shared/src/node.ts, `catalogueVersion`): the same catalogue has the same version. */
  version: z.string().regex(/^[0-9a-f]{12}$/),
  /** When the region published this content first (ms). */
  publishedAt: z.number().int(),
  catalogue: catalogueSchema,
});
export type CentralCatalogue = z.infer<typeof centralCatalogueSchema>;
