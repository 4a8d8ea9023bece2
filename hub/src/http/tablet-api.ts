// The feedback tablet at a counter's window: it signs each request with its device credentials (HTTP
// Basic, as the browser-mode printer does), learns of the visit just finished at its counter by polling,
// and records the visitor's rating through the same engine path as the tracking page — so a ticket is
// rated once, whichever page asks. Answers carry the ticket's number and service, never its token.
import { httpApi, routeOf, type Ticket } from '@vikno/shared';
import { EngineError, type QueueEngine } from '../engine/engine.js';
import type { Hub } from '../service/hub.js';
import type { HttpApp, HttpDeps } from './deps.js';
import { signedInDevices } from './device-auth.js';
import { HttpError } from './errors.js';

/**
 * How long after a visit ends the tablet asks about it: the visitor is at the window or leaving. Longer,
 * the next visitor could rate someone else's visit. The tablet page keeps the question no longer either.
 */
export const RATING_WINDOW_MS = 60_000;
/** A score tapped near the end of the window reaches the hub a few seconds later (the page waits for a change of mind). */
const LATE_TAP_MS = 10_000;

type Visit = Ticket & { finishedAt: number };

/** The visit that ended last at the counter, if it ended within `windowMs`: rated or not. */
function lastVisit(engine: QueueEngine, counter: string, windowMs: number): Visit | null {
  let last: Visit | null = null;
  for (const t of engine.tickets()) {
    if (t.counter !== counter || t.status !== 'finished' || t.finishedAt === null) continue;
    if (!last || t.finishedAt > last.finishedAt) last = { ...t, finishedAt: t.finishedAt };
  }
  return last && engine.now() - last.finishedAt <= windowMs ? last : null;
}

/** The counter has called someone since `visit` ended: the person in front of the tablet is the next visitor. */
function nextCalled(engine: QueueEngine, counter: string, visit: Visit): boolean {
  for (const t of engine.tickets()) if (t.counter === counter && t.calledAt !== null && t.calledAt > visit.finishedAt) return true;
  return false;
}

function running(deps: Pick<HttpDeps, 'hub'>): Hub {
  const hub = deps.hub();
  if (!hub) throw new HttpError(503, 'the hub is starting');
  return hub;
}

export function tabletApi(app: HttpApp, deps: Pick<HttpDeps, 'auth' | 'hub' | 'config' | 'admin'>): void {
  app.register(async (scope: HttpApp) => {
    const counterOf = signedInDevices(scope, deps, (who) => {
      // No `Basic` challenge, unlike the printer API: the tablet page's own fetch would make the browser open
      // its sign-in dialog over the page (or wait for ever, headless) instead of showing the refusal.
      if (!who) throw new HttpError(401, 'sign in with the tablet device id and secret');
      const counter = deps.config.devices.find((d) => d.id === who.device && d.role === 'tablet')?.counter;
      if (!counter) throw new HttpError(403, `${who.device} is not a feedback tablet`);
      return counter;
    });
    scope.route({
      ...routeOf(httpApi.tablet),
      handler: async (request) => {
        const counter = counterOf(request);
        const hub = running(deps);
        const last = lastVisit(hub.state, counter, RATING_WINDOW_MS);
        const t = last && !hub.state.hasFeedback(last.id) && !nextCalled(hub.state, counter, last) ? last : null;
        return {
          counter,
          window: deps.config.counters.find((c) => c.id === counter)?.window ?? null,
          ticket: t && { number: t.number, service: t.service, finishedAt: t.finishedAt },
        };
      },
    });
    scope.route({
      ...routeOf(httpApi.tabletFeedback),
      handler: async (request) => {
        const counter = counterOf(request);
        const { number, score, comment } = request.body;
        await running(deps).perform((engine) => {
          // A score tapped before the next call still counts when it arrives just after it.
          const t = lastVisit(engine, counter, RATING_WINDOW_MS + LATE_TAP_MS);
          if (t?.number !== number)
            throw new EngineError('unknown_ticket', `ticket ${number} is no longer the visit to rate at this window`);
          // Rated already, here or on the tracking page: the engine refuses it with feedback_given.
          return { events: engine.feedback(t.id, score, comment ?? null), result: () => undefined };
        });
        return { ok: true as const };
      },
    });
  });
}
