// The visitors' side of the hub, no login: the public web app (ticket tracking at /t/<token>, the
// queue status at /status, booking at /book) and its JSON API. Nothing here reveals personal data:
// a ticket is reached only by its unguessable token, and answers carry no token, comment or phone.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { type Config, localized, type Ticket, weekdays } from '@vikno/shared';
import { z } from 'zod';
import { book, bookableDays, freeSlots } from '../appointments/booking.js';
import { dayOf } from '../engine/day.js';
import { EngineError, type QueueEngine } from '../engine/engine.js';
import type { RateLimiter } from '../security/rate-limit.js';
import type { Hub } from '../service/hub.js';
import { clientAddress } from './client-address.js';
import { HttpError, json, readJsonBody } from './respond.js';

/** Where the public web app's build is, relative to the repository root, and the path it is built for. */
export const PUBLIC_WEB = { dist: 'public-web/dist', base: '/public-web/' } as const;
/** The app's pages (`/rate` is the counter's feedback tablet): each is served the app's index.html, which routes by path. */
const PAGES = [/^\/t\/[\w-]+$/, /^\/status$/, /^\/book$/, /^\/rate$/];

export interface PublicDeps {
  config: Config;
  hub: () => Hub | undefined;
  appsRoot: string;
  serveApp: (res: ServerResponse, root: string, rel: string) => void;
  /** Counts the public bookings of each address, refused or not, over an hour. */
  bookings: RateLimiter;
}

const feedbackSchema = z.object({ score: z.number().int().min(1).max(5), comment: z.string().max(500).optional() }).strict();
const bookingSchema = z
  .object({ service: z.string().min(1).max(64), at: z.number().int().nonnegative(), phone: z.string().min(1).max(32) })
  .strict();

/** Answers the request if it is one of the public routes; false otherwise. */
export async function publicRoute(deps: PublicDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const path = url.pathname;
  const root = resolve(deps.appsRoot, PUBLIC_WEB.dist);
  if (req.method === 'GET' && PAGES.some((p) => p.test(path))) {
    deps.serveApp(res, root, '');
    return true;
  }
  if (req.method === 'GET' && path.startsWith(PUBLIC_WEB.base)) {
    deps.serveApp(res, root, path.slice(PUBLIC_WEB.base.length));
    return true;
  }
  const track = /^\/api\/track\/([\w-]+)(\/feedback)?$/.exec(path);
  if (!track && !path.startsWith('/api/public/')) return false;
  const hub = deps.hub();
  if (!hub) throw new HttpError(503, 'the hub is starting');
  try {
    if (track?.[2] && req.method === 'POST') return done(res, 200, await feedback(hub, track[1]!, await readJsonBody(req)));
    if (track && !track[2] && req.method === 'GET') return done(res, 200, tracking(deps.config, hub.state, track[1]!));
    if (path === '/api/public/status' && req.method === 'GET') return done(res, 200, status(deps.config, hub.state));
    if (path === '/api/public/booking' && req.method === 'GET') return done(res, 200, bookingInfo(deps.config, hub.state.now()));
    if (path === '/api/public/slots' && req.method === 'GET') return done(res, 200, slots(deps.config, hub, url));
    if (path === '/api/public/book' && req.method === 'POST') {
      const wait = deps.bookings.take(clientAddress(req, deps.config.http.trustProxy), deps.config.appointments.publicBookingsPerHour);
      if (wait > 0) {
        res.setHeader('retry-after', String(Math.ceil(wait / 1000)));
        const minutes = Math.ceil(wait / 60_000);
        return done(res, 429, { error: `too many bookings from this address: try again in ${minutes} min`, code: 'rate_limited' });
      }
      return done(res, 200, await booking(deps.config, hub, await readJsonBody(req)));
    }
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    return done(res, refusalStatus(error.code), { error: error.message, code: error.code });
  }
  throw new HttpError(404, `nothing at ${req.method} ${path}`);
}

function done(res: ServerResponse, status: number, body: unknown): true {
  json(res, status, body);
  return true;
}

function refusalStatus(code: string): number {
  if (code.startsWith('unknown_')) return 404;
  if (code === 'bad_request' || code === 'bad_phone') return 400;
  return 409;
}

function ticketOf(engine: QueueEngine, token: string): Ticket {
  const t = engine.ticketByToken(token);
  if (!t) throw new EngineError('unknown_ticket', 'no ticket with this link today');
  return t;
}

/** What the tracking page shows: the ticket's place in its line and, once called, the window. */
export function tracking(config: Config, engine: QueueEngine, token: string) {
  const t = ticketOf(engine, token);
  let ahead: number | null = null;
  if (t.status === 'waiting') {
    // In join order; tickets sent back by a transfer go ahead of the line.
    ahead = engine
      .waitingTickets(t.service)
      .filter(
        (o) => o.id !== t.id && (o.returned ? !t.returned || o.queuedAt < t.queuedAt : !t.returned && o.queuedAt < t.queuedAt),
      ).length;
  }
  const window = t.counter ? (config.counters.find((c) => c.id === t.counter)?.window ?? null) : null;
  return {
    number: t.number,
    service: t.service,
    status: t.status,
    ahead,
    estimatedWaitMinutes: ahead === null ? null : engine.estimateWait(t.service, ahead),
    window,
    feedback: t.status !== 'finished' ? 'none' : engine.hasFeedback(t.id) ? 'given' : 'open',
    // A back-office case in processing: who decides it is never said here.
    inProcessing: engine.hasOpenCase(t.id),
    at: engine.now(),
  };
}

async function feedback(hub: Hub, token: string, body: unknown) {
  const f = feedbackSchema.safeParse(body);
  if (!f.success) throw new HttpError(400, 'a score from 1 to 5 and a comment of at most 500 characters');
  await hub.perform((engine) => {
    const events = engine.feedback(ticketOf(engine, token).id, f.data.score, f.data.comment ?? null);
    return { events, result: () => undefined };
  });
  return { ok: true };
}

/** Queue figures per top-level service group (with its services), open counters and hours. */
export function status(config: Config, engine: QueueEngine) {
  const now = engine.now();
  const parents = new Map(config.serviceGroups.map((g) => [g.id, g.parent]));
  const topOf = (group: string): string => {
    let g = group;
    for (let p = parents.get(g); p; p = parents.get(g)) g = p;
    return g;
  };
  const groups = config.serviceGroups
    .filter((g) => !g.parent)
    .map((g) => {
      const services = config.services
        .filter((s) => s.active && topOf(s.group) === g.id)
        .map((s) => {
          const q = engine.queueSummary(s.id);
          return {
            id: s.id,
            waiting: q.waiting,
            estimatedWaitMinutes: q.estimatedWaitMinutes,
            openCounters: q.openCounters,
            ...engine.serviceTickets(s.id),
          };
        });
      return {
        id: g.id,
        waiting: services.reduce((n, s) => n + s.waiting, 0),
        estimatedWaitMinutes: Math.max(0, ...services.map((s) => s.estimatedWaitMinutes)),
        services,
      };
    })
    .filter((g) => g.services.length);
  const today = dayOf(now, config.site.timezone);
  return {
    site: localized(config.site.name, config.site.languages[0] ?? 'uk'),
    day: today,
    // By the rules the kiosks issue by, so that the two always agree.
    ...engine.opening(),
    hours: weekdays.map((d) => ({ day: d, intervals: config.site.businessHours[d] ?? [] })),
    openCounters: engine.counterIds().filter((c) => engine.counterState(c).status !== 'closed').length,
    groups,
    at: now,
  };
}

function bookingInfo(config: Config, now: number) {
  return { services: config.appointments.services, days: bookableDays(config, now), slotMinutes: config.appointments.slotMinutes };
}

function slots(config: Config, hub: Hub, url: URL) {
  const service = url.searchParams.get('service') ?? '';
  const day = url.searchParams.get('day') ?? '';
  if (!config.appointments.services.includes(service)) throw new EngineError('unknown_service', `service "${service}" cannot be booked`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new HttpError(400, 'day must be YYYY-MM-DD');
  return { slots: freeSlots(config, hub.record, service, day, hub.state.now()) };
}

async function booking(config: Config, hub: Hub, body: unknown) {
  const b = bookingSchema.safeParse(body);
  if (!b.success) throw new HttpError(400, 'service, at (ms since the epoch) and phone are needed');
  const { appointment } = await hub.perform((engine, store) => book(config, store, { ...b.data, channel: 'public' }, engine.now()));
  return { appointment: { code: appointment.code, service: appointment.service, at: appointment.at } };
}
