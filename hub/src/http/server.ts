// The hub's HTTP side: health, the public part of the config, the visitors', tablet, printer and
// supervisors' APIs, the voice pack, and the built web apps (browser mode). The embedded broker attaches
// its WebSocket path (/mqtt) to the same node server (`app.server`), which fastify leaves to it.
//
// Built on Fastify 5 rather than by hand: it routes (find-my-way refuses a malformed % escape with a
// 400), limits bodies as they arrive (413 for a chunked body too, not only for a Content-Length),
// parses JSON safely, and validates through a schema compiler — here zod's, with the schemas of
// shared/src/http-api.ts, so that the hub and the pages read one description of each route.
// @fastify/static serves the apps' files; it refuses `..`, encoded separators and non-canonical paths
// before they reach the file system, and resolves against each app's folder (no prefix check of ours).
// fastify-type-provider-zod 7 (zod ≥ 4.2) types each handler's request and answer from the schemas
// and serializes answers through them.
//
// Answers are validated always, not only in tests: the pages parse them with the same schemas, so an
// answer that does not fit is broken for its reader anyway; refused here, it is a 500 whose log line
// names the route and the field (a test sees it), and fields a schema does not list never leave the hub.
// The cost, measured on the demo centre: a tracking answer 0.09 ms, the public status 0.45 ms, the
// public config (17 KB, fetched once per page load) 3.3 ms — on a 2-core machine under heavy load.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import fastifyStatic from '@fastify/static';
import { type Config, type Health, httpApi, localized, type PublicConfig } from '@vikno/shared';
import Fastify, { type FastifyInstance, type FastifyReply, LogController } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { BrokerAuth } from '../broker/auth.js';
import type { VirtualPrinters } from '../kiosk/virtual-printers.js';
import { RateLimiter } from '../security/rate-limit.js';
import type { Hub } from '../service/hub.js';
import { type AdminApiDeps, adminApi } from './admin-api.js';
import { routeOf } from './api-route.js';
import { APPS, webApps } from './apps.js';
import { BODY_LIMIT, HttpError, type Refusal, refusalOf, validatorCompiler } from './errors.js';
import { printerApi } from './printer-api.js';
import { publicApi } from './public-api.js';
import { tabletApi } from './tablet-api.js';
import { voicePack } from './voice-pack.js';

export interface HttpDeps {
  /** Replaced when an admin edits the config. */
  config: Config;
  /** Set once the hub has started. */
  admin?: AdminApiDeps;
  hub: () => Hub | undefined;
  /** The MQTT URL a browser page uses: a path on this server, or an external broker's ws:// URL. */
  browserMqttUrl: string;
  mqttConnected: () => boolean;
  appsRoot: string;
  log: Logger;
  startedAt: number;
  /** Signs in kiosks that print over HTTP (browser mode) and feedback tablets. */
  auth: BrokerAuth;
  printers: VirtualPrinters;
}

export type HttpApp = FastifyInstance<Server, IncomingMessage, ServerResponse, Logger, ZodTypeProvider>;

/** The hub's HTTP server, not yet listening: `await app.listen({ port, host })`, then `app.server`. */
export function createHttpServer(deps: HttpDeps): HttpApp {
  const app = Fastify({
    loggerInstance: deps.log,
    // Requests are not logged one by one (a hall's pages poll every two seconds); failures are.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    // Stopping the hub closes kept-alive connections instead of waiting for the browsers to.
    forceCloseConnections: true,
    frameworkErrors: (error, _request, reply) => refuse(reply, refusalOf(error)),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a cross-site form or a no-cors fetch cannot send it (fastify would also take text/plain).
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error, request, reply) => {
    const refusal = refusalOf(error);
    if (refusal.internal) deps.log.error({ err: error, method: request.method, url: request.url }, 'http');
    return refuse(reply, refusal);
  });
  app.setNotFoundHandler((request, reply) => refuse(reply, refusalOf(new HttpError(404, `nothing at ${request.url.split('?')[0]}`))));
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control') && String(reply.getHeader('content-type') ?? '').includes('json'))
      reply.header('cache-control', 'no-store');
    return payload;
  });
  // `reply.sendFile` for the routes that pick a file themselves (an app's index.html, a voice clip).
  app.register(fastifyStatic, { serve: false, cacheControl: false, setHeaders: (reply) => reply.header('cache-control', 'no-cache') });

  // Kept across config edits, so that a new config does not hand every address a fresh count.
  const bookings = new RateLimiter(60 * 60_000); // appointments.publicBookingsPerHour
  app.route({
    ...routeOf(httpApi.health, { 503: httpApi.health.response }),
    handler: async (_request, reply) => {
      const answer = health(deps);
      reply.code(answer.status === 'ok' ? 200 : 503);
      return answer;
    },
  });
  app.route({ ...routeOf(httpApi.config), handler: async () => publicConfig(deps.config, deps.browserMqttUrl) });
  publicApi(app, deps, bookings);
  tabletApi(app, deps);
  printerApi(app, deps);
  adminApi(app, deps);
  voicePack(app, deps);
  webApps(app, deps.appsRoot);
  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(indexPage(deps.config)));
  return app;
}

function refuse(reply: FastifyReply, { status, body, headers }: Refusal): FastifyReply {
  return reply
    .code(status)
    .headers({ 'cache-control': 'no-store', ...headers })
    .type('application/json; charset=utf-8')
    .send(body);
}

function health(deps: HttpDeps): Health {
  const hub = deps.hub();
  const ok = !!hub && deps.mqttConnected();
  return {
    status: ok ? 'ok' : 'starting',
    site: deps.config.site.id,
    day: hub?.state.day ?? null,
    broker: deps.config.broker.url ? 'external' : 'embedded',
    mqttConnected: deps.mqttConnected(),
    uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
  };
}

/** What every app needs to draw itself; no credentials, no hashes. */
export function publicConfig(c: Config, mqttUrl: string): PublicConfig {
  return {
    site: { id: c.site.id, name: c.site.name, timezone: c.site.timezone, languages: c.site.languages, businessHours: c.site.businessHours },
    mqtt: { url: mqttUrl },
    serviceGroups: c.serviceGroups,
    services: c.services,
    zones: c.zones,
    counters: c.counters,
    priorityCategories: c.queue.priorityCategories,
    outcomes: c.queue.outcomes,
    targetWaitMinutes: c.queue.targetWaitMinutes,
    appointmentToleranceMinutes: c.queue.appointmentToleranceMinutes,
    kiosk: c.kiosk,
    announcements: { ...c.announcements, voicePack: c.announcements.voicePack !== undefined },
    devices: c.devices.map(({ id, role, zone }) => ({ id, role, zone })),
    publicUrl: c.http.publicUrl ?? null,
  };
}

/** A plain list of the pages the hub serves, for whoever sets up the centre's screens. */
function indexPage(config: Config): string {
  const lang = config.site.languages[0] ?? 'en';
  const name = escapeHtml(localized(config.site.name, lang));
  const links = [...Object.keys(APPS).map((app) => `/${app}/`), '/status', '/book']
    .map((path) => `<li><a href="${path}">${path}</a></li>`)
    .join('');
  return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>${name}</title><h1>${name}</h1><ul>${links}</ul></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
