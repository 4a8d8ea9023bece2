// The visitors' side of the hub, no login: the JSON API of the public web app (ticket tracking at
// /t/<token>, the queue status at /status, booking at /book). Nothing here reveals personal data: a
// ticket is reached only by its unguessable token, and answers carry no token, comment or phone.
import {
  type BookingInfo,
  type CentreStatus,
  type Config,
  httpApi,
  localized,
  routeOf,
  type Ticket,
  type Tracking,
  weekdays,
} from '@vikno/shared';
import { book, bookableDays, freeSlots } from '../appointments/booking.js';
import { dayOf } from '../engine/day.js';
import { EngineError, type QueueEngine } from '../engine/engine.js';
import type { RateLimiter } from '../security/rate-limit.js';
import type { Hub } from '../service/hub.js';
import { clientAddress } from './client-address.js';
import type { HttpApp, HttpDeps } from './deps.js';
import { HttpError } from './errors.js';

/** `bookings` counts the public bookings of each address, refused or not, over an hour. */
export function publicApi(app: HttpApp, deps: Pick<HttpDeps, 'config' | 'hub'>, bookings: RateLimiter): void {
  const running = (): Hub => {
    const hub = deps.hub();
    if (!hub) throw new HttpError(503, 'the hub is starting');
    return hub;
  };
  app.route({ ...routeOf(httpApi.track), handler: async (request) => tracking(deps.config, running().state, request.params.token) });
  app.route({
    ...routeOf(httpApi.trackFeedback),
    handler: async (request) => {
      const { score, comment } = request.body;
      await running().perform((engine) => {
        const events = engine.feedback(ticketOf(engine, request.params.token).id, score, comment ?? null);
        return { events, result: () => undefined };
      });
      return { ok: true as const };
    },
  });
  app.route({ ...routeOf(httpApi.publicStatus), handler: async () => status(deps.config, running().state) });
  app.route({ ...routeOf(httpApi.publicBooking), handler: async () => bookingInfo(deps.config, running().state.now()) });
  app.route({
    ...routeOf(httpApi.publicSlots),
    handler: async (request) => {
      const { service, day } = request.query;
      const hub = running();
      if (!deps.config.appointments.services.includes(service))
        throw new EngineError('unknown_service', `service "${service}" cannot be booked`);
      return { slots: freeSlots(deps.config, hub.record, service, day, hub.state.now()) };
    },
  });
  app.route({
    ...routeOf(httpApi.publicBook),
    // Counted before the body is checked, as every attempt is: a script gains nothing by sending nonsense.
    preValidation: async (request, reply) => {
      running();
      const wait = bookings.take(clientAddress(request.raw, deps.config.http.trustProxy), deps.config.appointments.publicBookingsPerHour);
      if (wait <= 0) return;
      reply.header('retry-after', String(Math.ceil(wait / 1000)));
      const minutes = Math.ceil(wait / 60_000);
      throw new HttpError(429, `too many bookings from this address: try again in ${minutes} min`, { code: 'rate_limited' });
    },
    handler: async (request) => {
      const config = deps.config;
      const { appointment } = await running().perform((engine, store) =>
        book(config, store, { ...request.body, channel: 'public' }, engine.now()),
      );
      return { appointment: { code: appointment.code, service: appointment.service, at: appointment.at } };
    },
  });
}

function ticketOf(engine: QueueEngine, token: string): Ticket {
  const t = engine.ticketByToken(token);
  if (!t) throw new EngineError('unknown_ticket', 'no ticket with this link today');
  return t;
}

/** What the tracking page shows: the ticket's place in its line and, once called, the window. */
export function tracking(config: Config, engine: QueueEngine, token: string): Tracking {
  const t = ticketOf(engine, token);
  const estimate = engine.estimate(t.id);
  const window = t.counter ? (config.counters.find((c) => c.id === t.counter)?.window ?? null) : null;
  return {
    number: t.number,
    service: t.service,
    status: t.status,
    ahead: estimate?.ahead ?? null,
    estimatedWaitMinutes: estimate?.minutes ?? null,
    estimatedWaitRange: estimate && { low: estimate.low, high: estimate.high },
    window,
    transferredTo: engine.transferTarget(t),
    feedback: t.status !== 'finished' ? 'none' : engine.hasFeedback(t.id) ? 'given' : 'open',
    // A back-office case in processing: who decides it is never said here.
    inProcessing: engine.hasOpenCase(t.id),
    at: engine.now(),
  };
}

/** Queue figures per top-level service group (with its services), open counters and hours. */
export function status(config: Config, engine: QueueEngine): CentreStatus {
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
          const { waiting, estimatedWaitMinutes, estimatedWaitRange, openCounters } = q;
          return { id: s.id, waiting, estimatedWaitMinutes, estimatedWaitRange, openCounters, ...engine.serviceTickets(s.id) };
        });
      return {
        id: g.id,
        waiting: services.reduce((n, s) => n + s.waiting, 0),
        estimatedWaitMinutes: Math.max(0, ...services.map((s) => s.estimatedWaitMinutes)),
        estimatedWaitRange: {
          low: Math.max(0, ...services.map((s) => s.estimatedWaitRange.low)),
          high: Math.max(0, ...services.map((s) => s.estimatedWaitRange.high)),
        },
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

function bookingInfo(config: Config, now: number): BookingInfo {
  return { services: config.appointments.services, days: bookableDays(config, now), slotMinutes: config.appointments.slotMinutes };
}
