// The hub's HTTP side: health, a small read API, the public part of the config the apps need, and
// the built web apps (browser mode) at /kiosk, /display and /counter. The WebSocket path for MQTT
// is attached to this server by the embedded broker.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { type Config, localized, type PublicConfig } from '@vikno/shared';
import type { Logger } from 'pino';
import type { BrokerAuth } from '../broker/auth.js';
import type { VirtualPrinters } from '../kiosk/virtual-printers.js';
import { RateLimiter } from '../security/rate-limit.js';
import type { Hub } from '../service/hub.js';
import { ADMIN_API, type AdminApiDeps, adminApi } from './admin-api.js';
import { printerApi } from './printer-api.js';
import { publicRoute } from './public-api.js';
import { HttpError, json } from './respond.js';
import { tabletApi } from './tablet-api.js';
import { serveVoicePack, VOICE_PACK_PATH } from './voice-pack.js';

/** URL path → the app's build folder (relative to the repository root). */
export const APPS = { kiosk: 'kiosk/dist', display: 'display/dist', counter: 'counter-terminal/dist', admin: 'admin/dist' } as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ico': 'image/x-icon',
};

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
  /** Signs in kiosks that print over HTTP (browser mode). */
  auth: BrokerAuth;
  printers: VirtualPrinters;
}

export function createHttpServer(deps: HttpDeps): Server {
  // Kept across config edits, so that a new config does not hand every address a fresh count.
  const bookings = new RateLimiter(60 * 60_000); // appointments.publicBookingsPerHour
  return createServer((req, res) => {
    route(deps, bookings, req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return json(res, error.status, { error: error.message });
      deps.log.error({ err: error, url: req.url }, 'http');
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
    });
  });
}

async function route(deps: HttpDeps, bookings: RateLimiter, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://hub');
  const path = url.pathname;
  if (path === '/api/printer' || path.startsWith('/api/printer/')) return printerApi(deps, req, res, path);
  if (path === '/api/tablet' || path.startsWith('/api/tablet/')) return tabletApi(deps, req, res, path);
  if (path.startsWith(`${ADMIN_API}/`)) {
    if (!deps.admin) return json(res, 503, { error: 'the hub is starting' });
    return adminApi(deps.admin, req, res, url);
  }
  if (await publicRoute({ ...deps, serveApp, bookings }, req, res, url)) return;
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'only GET' });
  if (path === '/api/health') return health(deps, res);
  if (path === '/api/config') return json(res, 200, publicConfig(deps.config, deps.browserMqttUrl));
  if (path === '/api/state') return state(deps, res);
  if (path.startsWith(VOICE_PACK_PATH)) return serveVoicePack(deps.config, path, res);
  if (path === '/') return index(deps.config, res);
  const [, app, ...rest] = path.split('/');
  if (app && app in APPS) {
    if (rest.length === 0) return redirect(res, `/${app}/${url.search}`);
    return serveApp(res, resolve(deps.appsRoot, APPS[app as keyof typeof APPS]), rest.join('/'));
  }
  json(res, 404, { error: `nothing at ${path}` });
}

function health(deps: HttpDeps, res: ServerResponse): void {
  const hub = deps.hub();
  const ok = !!hub && deps.mqttConnected();
  json(res, ok ? 200 : 503, {
    status: ok ? 'ok' : 'starting',
    site: deps.config.site.id,
    day: hub?.state.day ?? null,
    broker: deps.config.broker.url ? 'external' : 'embedded',
    mqttConnected: deps.mqttConnected(),
    uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
  });
}

function state(deps: HttpDeps, res: ServerResponse): void {
  const hub = deps.hub();
  if (!hub) return json(res, 503, { error: 'the hub is starting' });
  const engine = hub.state;
  json(res, 200, {
    day: engine.day,
    queues: deps.config.services.map((s) => engine.queueSummary(s.id)),
    counters: engine.counterIds().map((c) => engine.counterState(c)),
    calls: engine.recentCalls(),
  });
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

function serveApp(res: ServerResponse, root: string, rel: string): void {
  if (!existsSync(root)) return json(res, 503, { error: 'this app is not built: run npm run build' });
  const file = normalize(join(root, decodeURIComponent(rel)));
  if (!file.startsWith(root)) return json(res, 403, { error: 'outside the app' });
  const target = rel && existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html');
  const type = TYPES[extname(target)] ?? 'application/octet-stream';
  // Vite names built assets by content hash, so they can be cached for ever; index.html never.
  const cache = target.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'content-type': type, 'cache-control': cache });
  createReadStream(target).pipe(res);
}

/** A plain list of the pages the hub serves, for whoever sets up the centre's screens. */
function index(config: Config, res: ServerResponse): void {
  const lang = config.site.languages[0] ?? 'en';
  const name = localized(config.site.name, lang);
  const links = [...Object.keys(APPS).map((app) => `/${app}/`), '/status', '/book']
    .map((path) => `<li><a href="${path}">${path}</a></li>`)
    .join('');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html lang="${lang}"><meta charset="utf-8"><link rel="icon" type="image/svg+xml" href="/admin/favicon.svg"><title>${escapeHtml(name)}</title><h1>${escapeHtml(name)}</h1><ul>${links}</ul></html>`,
  );
}

function redirect(res: ServerResponse, to: string): void {
  res.writeHead(302, { location: to });
  res.end();
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
