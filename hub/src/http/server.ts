import fastifyStatic from '@fastify/static';
import { type Config, type Health, httpApi, localized, type PublicConfig, routeOf } from '@vikno/shared';
import Fastify, { type FastifyReply, LogController } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { RateLimiter } from '../security/rate-limit.js';
import { adminApi } from './admin-api.js';
import { APPS, webApps } from './apps.js';
import { contentSecurityPolicy } from './csp.js';
import type { HttpApp, HttpDeps } from './deps.js';
import { BODY_LIMIT, HttpError, type Refusal, refusalOf, validatorCompiler } from './errors.js';
import { pairingApi } from './pairing-api.js';
import { printerApi } from './printer-api.js';
import { publicApi } from './public-api.js';
import { tabletApi } from './tablet-api.js';
import { voicePack } from './voice-pack.js';

/**
 * The hub's HTTP server, not yet listening: `await app.listen({ port, host })`, then `app.server`. With
 * `tls`, HTTPS (and so WSS for the broker's WebSocket path on it).
 */
export function createHttpServer(deps: HttpDeps, tls?: { key: string; cert: string }): HttpApp {
  // The same fastify either way; typed as the plain HTTP one, whose API the hub's routes use alike.
  const https = (tls ? { https: { key: tls.key, cert: tls.cert } } : {}) as Record<string, never>;
  const app = Fastify({
    ...https,
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
  const csp = contentSecurityPolicy(deps.browserMqttUrl);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', csp);
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
  pairingApi(app, deps);
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
  const mqtt = deps.mqtt();
  return {
    status: !hub || !mqtt ? 'starting' : mqtt.canPublish ? 'ok' : 'cannot_publish',
    site: deps.config.site.id,
    day: hub?.state.day ?? null,
    broker: deps.config.broker.url ? 'external' : 'embedded',
    mqttConnected: mqtt?.connected ?? false,
    mqttCanPublish: mqtt?.canPublish ?? false,
    mqttWaiting: mqtt?.waiting ?? 0,
    mqttOldestWaitingMs: mqtt?.oldestWaitingMs ?? 0,
    mqttLastFailure: mqtt?.lastFailure ?? null,
    uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
  };
}

/** What every app needs to draw itself; no credentials, no hashes. */
export function publicConfig(c: Config, mqttUrl: string): PublicConfig {
  return {
    site: {
      id: c.site.id,
      name: c.site.name,
      timezone: c.site.timezone,
      languages: c.site.languages,
      businessHours: c.site.businessHours,
      holidays: c.site.holidays,
    },
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
  return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><link rel="icon" type="image/svg+xml" href="/admin/favicon.svg"><title>${name}</title><h1>${name}</h1><ul>${links}</ul></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
