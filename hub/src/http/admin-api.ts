// The supervisors' API under /api/admin: sign-in with username and PIN (a session cookie), the
// editable config (applied live), the YAML export, the live monitor and the reports. Only JSON bodies
// are accepted on writes, which a cross-site form cannot send; the cookie is SameSite=Strict too.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Config, describeConfigProblems, type OperatorRole } from '@vikno/shared';
import { z } from 'zod';
import { configYaml } from '../admin/config-file.js';
import type { DeviceWatch } from '../admin/device-watch.js';
import type { LiveConfig } from '../admin/live-config.js';
import { monitorSnapshot } from '../admin/monitor.js';
import { type AdminSession, type AdminSessions, cookieOf, SESSION_COOKIE, SESSION_MS } from '../admin/sessions.js';
import type { ChainBreak } from '../audit/start-check.js';
import { verifyPin } from '../security/hashing.js';
import type { PinAttempts } from '../security/pin-attempts.js';
import type { Hub } from '../service/hub.js';
import { type ReportQuery, type Reports, reportCsv, reportQuerySchema } from '../stats/reports.js';
import type { BackupStatus } from '../store/backup-schedule.js';
import { HttpError, json, readJsonBody } from './respond.js';

export const ADMIN_API = '/api/admin';

export interface AdminApiDeps {
  live: LiveConfig;
  sessions: AdminSessions;
  /** The hub's daily backups; null when it makes none. */
  backups: () => BackupStatus | null;
  /** Breaks of the audit chain the checks at start found (hub/src/audit/start-check.ts). */
  recordBreaks: () => readonly ChainBreak[];
  /** Wrong PINs per username, counted with the counter terminals' (the hub's). */
  pins: PinAttempts;
  devices: DeviceWatch;
  hub: () => Hub | undefined;
  reports: () => Reports;
  /** The YAML file the hub started from, if any (the export merges into its text). */
  configText: () => string;
}

const loginSchema = z.object({ username: z.string().min(1).max(64), pin: z.string().min(1).max(16) });
const STAFF: readonly OperatorRole[] = ['supervisor', 'admin'];

export async function adminApi(deps: AdminApiDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.slice(ADMIN_API.length);
  const method = req.method ?? 'GET';
  if (method !== 'GET' && !(req.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new HttpError(415, 'send JSON');
  }
  if (path === '/login' && method === 'POST') return login(deps, req, res);
  const token = cookieOf(req.headers.cookie, SESSION_COOKIE);
  if (path === '/logout' && method === 'POST') {
    deps.sessions.end(token);
    res.setHeader('set-cookie', cookie('', 0));
    return json(res, 200, { ok: true });
  }
  const session = deps.sessions.get(token);
  if (!session) throw new HttpError(401, 'sign in first');
  if (path === '/session' && method === 'GET') return json(res, 200, publicSession(session));
  if (path === '/monitor' && method === 'GET') return json(res, 200, monitor(deps));
  if (path === '/reports' && method === 'GET') return reports(deps, res, url);
  // Everything below changes or reveals the centre's set-up: admins only.
  if (!session.roles.includes('admin')) throw new HttpError(403, 'only an admin may change the configuration');
  if (path === '/config' && method === 'GET') return json(res, 200, deps.live.editable());
  if (path === '/config' && method === 'PUT') return applyConfig(deps, res, await readJsonBody(req), session);
  if (path === '/config.yaml' && method === 'GET') {
    res.writeHead(200, {
      'content-type': 'application/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${deps.live.current().site.id}.yaml"`,
      'cache-control': 'no-store',
    });
    return void res.end(configYaml(deps.live.current(), deps.configText()));
  }
  throw new HttpError(404, `nothing at ${url.pathname}`);
}

async function login(deps: AdminApiDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = loginSchema.safeParse(await readJsonBody(req));
  if (!body.success) throw new HttpError(400, 'username and PIN, please');
  const { username, pin } = body.data;
  const op = deps.live.current().operators.find((o) => o.username === username);
  const outcome = await deps.pins.attempt(username, async () => !!op && (await verifyPin(pin, op.pinHash)));
  if (outcome.kind === 'locked') {
    res.setHeader('retry-after', String(Math.ceil(outcome.lockedMs / 1000)));
    throw new HttpError(429, 'too many wrong PINs: try again later');
  }
  if (outcome.kind === 'wrong' || !op) throw new HttpError(401, 'wrong username or PIN');
  if (!op.roles.some((r) => STAFF.includes(r))) throw new HttpError(403, 'only supervisors and admins may sign in here');
  const token = deps.sessions.create({ username: op.username, name: op.name, roles: op.roles });
  res.setHeader('set-cookie', cookie(token, SESSION_MS / 1000));
  json(res, 200, { username: op.username, name: op.name, roles: op.roles });
}

function cookie(value: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=${ADMIN_API}; Max-Age=${maxAgeSeconds}`;
}

function publicSession(s: AdminSession) {
  return { username: s.username, name: s.name, roles: s.roles };
}

async function applyConfig(deps: AdminApiDeps, res: ServerResponse, body: unknown, session: AdminSession): Promise<void> {
  const result = await deps.live.apply(body, session.username);
  if (!result.ok) return json(res, 400, { error: describeConfigProblems(result.problems).join('\n'), problems: result.problems });
  json(res, 200, result);
}

function monitor(deps: AdminApiDeps) {
  const hub = deps.hub();
  if (!hub) throw new HttpError(503, 'the hub is starting');
  return monitorSnapshot(hub.state, hub.currentConfig, (d) => deps.devices.report(d), deps.backups(), deps.recordBreaks());
}

function reports(deps: AdminApiDeps, res: ServerResponse, url: URL): void {
  const query = reportQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) throw new HttpError(400, query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const q: ReportQuery = query.data;
  const config: Config = deps.live.current();
  const report = deps.reports().build(q, config);
  if (url.searchParams.get('format') !== 'csv') return json(res, 200, report);
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="report-${q.by}-${q.from}-${q.to}.csv"`,
    'cache-control': 'no-store',
  });
  res.end(reportCsv(report));
}
