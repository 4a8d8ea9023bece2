// The feedback tablet at a counter's window: it signs each request with its device credentials (HTTP
// Basic, as the browser-mode printer does), learns of the visit just finished at its counter by polling,
// and records the visitor's rating through the same engine path as the tracking page — so a ticket is
// rated once, whichever page asks. Answers carry the ticket's number and service, never its token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config, Ticket } from '@vikno/shared';
import { z } from 'zod';
import type { BrokerAuth } from '../broker/auth.js';
import { EngineError, type QueueEngine } from '../engine/engine.js';
import type { Hub } from '../service/hub.js';
import { clientAddress } from './client-address.js';
import { HttpError, json, readJsonBody } from './respond.js';

/** How long after a visit ends the tablet still asks about it: the visitor is at the window or leaving. */
export const RATING_WINDOW_MS = 3 * 60_000;

export interface TabletApiDeps {
  /** Read per request: an admin may replace it. */
  config: Config;
  auth: BrokerAuth;
  hub: () => Hub | undefined;
}

const ratingSchema = z
  .object({
    /** The ticket the tablet showed: a newer visit finished in between must not take this rating. */
    number: z.string().min(1).max(16),
    score: z.number().int().min(1).max(5),
    comment: z.string().max(500).optional(),
  })
  .strict();

/** The counter a request's tablet stands at, or null (and the answer sent) when it is not a tablet. */
async function counterOf(deps: TabletApiDeps, req: IncomingMessage, res: ServerResponse): Promise<string | null> {
  const [scheme, encoded] = (req.headers.authorization ?? '').split(' ');
  const decoded = scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const address = clientAddress(req, deps.config.http.trustProxy);
  const signIn = colon > 0 ? await deps.auth.signIn(decoded.slice(0, colon), Buffer.from(decoded.slice(colon + 1), 'utf8'), address) : null;
  const who = signIn?.ok ? signIn.who : null;
  if (!who) {
    // No `Basic` challenge, unlike the printer API: the tablet page's own fetch would make the browser open
    // its sign-in dialog over the page (or wait for ever, headless) instead of showing the refusal.
    json(res, 401, { error: 'sign in with the tablet device id and secret' });
    return null;
  }
  const counter = deps.config.devices.find((d) => d.id === who.device && d.role === 'tablet')?.counter;
  if (!counter) {
    json(res, 403, { error: `${who.device} is not a feedback tablet` });
    return null;
  }
  return counter;
}

/** The visit that ended last at the counter, if it ended within the rating window: rated or not. */
function lastVisit(engine: QueueEngine, counter: string): Ticket | null {
  let last: Ticket | null = null;
  for (const t of engine.tickets()) {
    if (t.counter !== counter || t.status !== 'finished' || t.finishedAt === null) continue;
    if (!last || t.finishedAt > (last.finishedAt ?? 0)) last = t;
  }
  return last && engine.now() - (last.finishedAt ?? 0) <= RATING_WINDOW_MS ? last : null;
}

export async function tabletApi(deps: TabletApiDeps, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const counter = await counterOf(deps, req, res);
  if (!counter) return;
  const hub = deps.hub();
  if (!hub) throw new HttpError(503, 'the hub is starting');
  if (path === '/api/tablet' && req.method === 'GET') {
    const last = lastVisit(hub.state, counter);
    const t = last && !hub.state.hasFeedback(last.id) ? last : null;
    return json(res, 200, {
      counter,
      window: deps.config.counters.find((c) => c.id === counter)?.window ?? null,
      ticket: t && { number: t.number, service: t.service, finishedAt: t.finishedAt },
    });
  }
  if (path === '/api/tablet/feedback' && req.method === 'POST') {
    const rating = ratingSchema.safeParse(await readJsonBody(req));
    if (!rating.success) throw new HttpError(400, 'the ticket number, a score from 1 to 5 and a comment of at most 500 characters');
    const { number, score, comment } = rating.data;
    try {
      await hub.perform((engine) => {
        const t = lastVisit(engine, counter);
        if (t?.number !== number) throw new EngineError('unknown_ticket', `ticket ${number} is no longer the visit to rate at this window`);
        // Rated already, here or on the tracking page: the engine refuses it with feedback_given.
        return { events: engine.feedback(t.id, score, comment ?? null), result: () => undefined };
      });
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      return json(res, error.code === 'unknown_ticket' ? 404 : 409, { error: error.message, code: error.code });
    }
    return json(res, 200, { ok: true });
  }
  json(res, 404, { error: `nothing at ${req.method} ${path}` });
}
