// The supervisors' API under /api/admin: sign-in with username and PIN (a session cookie), the
// editable config (applied live), the YAML export, the live monitor, the reports and the staffing planner. Only JSON bodies
// are accepted on writes, which a cross-site form cannot send; the cookie is SameSite=Strict too.
import { apiUrl, describeConfigProblems, type EditableConfig, httpApi, type OperatorRole, routeOf } from '@vikno/shared';
import type { FastifyRequest } from 'fastify';
import { configYaml } from '../admin/config-file.js';
import { dayTimeline } from '../admin/day-timeline.js';
import { monitorSnapshot } from '../admin/monitor.js';
import { type AdminSession, cookieOf, SESSION_COOKIE, SESSION_MS } from '../admin/sessions.js';
import { planCsv } from '../planner/week.js';
import { verifyPin } from '../security/hashing.js';
import { reportCsv } from '../stats/report-csv.js';
import type { AdminApiDeps, HttpApp, HttpDeps } from './deps.js';
import { HttpError } from './errors.js';
import { brokerTook, pairedDevices, pairingCode } from './pairing-api.js';

const ADMIN_API = '/api/admin';

const STAFF: readonly OperatorRole[] = ['supervisor', 'admin'];
/** The routes a request without a session may take. */
const OPEN: readonly string[] = [httpApi.adminLogin.url, httpApi.adminLogout.url];
/** The routes that change or reveal the centre's set-up: admins only. */
const ADMINS_ONLY: readonly string[] = [
  httpApi.adminConfig.url,
  httpApi.adminConfigYaml.url,
  httpApi.adminDevices.url,
  httpApi.adminDevicePairing.url,
  httpApi.adminDeviceRevoke.url,
];

export function adminApi(app: HttpApp, http: Pick<HttpDeps, 'admin' | 'pairings' | 'caFingerprint' | 'log'>): void {
  const started = (): AdminApiDeps => {
    if (!http.admin) throw new HttpError(503, 'the hub is starting');
    return http.admin;
  };
  app.register(async (scope: HttpApp) => {
    const sessions = new WeakMap<FastifyRequest, AdminSession>();
    scope.addHook('onRequest', async (request) => {
      const deps = started();
      if (request.method !== 'GET' && request.method !== 'HEAD' && !(request.headers['content-type'] ?? '').startsWith('application/json'))
        throw new HttpError(415, 'send JSON');
      if (OPEN.includes(request.routeOptions.url ?? '')) return;
      const session = deps.sessions.get(cookieOf(request.headers.cookie, SESSION_COOKIE));
      if (!session) throw new HttpError(401, 'sign in first');
      if (ADMINS_ONLY.includes(request.routeOptions.url ?? '') && !session.roles.includes('admin'))
        throw new HttpError(403, 'only an admin may change the configuration');
      sessions.set(request, session);
    });
    const sessionOf = (request: FastifyRequest): AdminSession => {
      const session = sessions.get(request);
      if (!session) throw new HttpError(401, 'sign in first');
      return session;
    };

    scope.route({
      ...routeOf(httpApi.adminLogin),
      handler: async (request, reply) => {
        const deps = started();
        const { username, pin } = request.body;
        const op = deps.live.current().operators.find((o) => o.username === username);
        const outcome = await deps.pins.attempt(username, async () => !!op && (await verifyPin(pin, op.pinHash)));
        if (outcome.kind === 'locked')
          throw new HttpError(429, 'too many wrong PINs: try again later', {
            headers: { 'retry-after': String(Math.ceil(outcome.lockedMs / 1000)) },
          });
        if (outcome.kind === 'wrong' || !op) throw new HttpError(401, 'wrong username or PIN');
        if (!op.roles.some((r) => STAFF.includes(r))) throw new HttpError(403, 'only supervisors and admins may sign in here');
        const token = deps.sessions.create({ username: op.username, name: op.name, roles: op.roles });
        reply.header('set-cookie', cookie(token, SESSION_MS / 1000));
        return { username: op.username, name: op.name, roles: op.roles };
      },
    });
    scope.route({
      ...routeOf(httpApi.adminLogout),
      handler: async (request, reply) => {
        started().sessions.end(cookieOf(request.headers.cookie, SESSION_COOKIE));
        reply.header('set-cookie', cookie('', 0));
        return { ok: true as const };
      },
    });
    scope.route({
      ...routeOf(httpApi.adminSession),
      handler: async (request) => {
        const { username, name, roles } = sessionOf(request);
        return { username, name, roles };
      },
    });
    scope.route({
      ...routeOf(httpApi.adminMonitor),
      handler: async () => {
        const deps = started();
        const hub = deps.hub();
        if (!hub) throw new HttpError(503, 'the hub is starting');
        return monitorSnapshot(
          hub.state,
          hub.currentConfig,
          (d) => deps.devices.report(d),
          deps.backups(),
          deps.recordBreaks(),
          deps.catalogue(),
        );
      },
    });
    scope.route({
      ...routeOf(httpApi.adminMonitorDay),
      handler: async () => {
        const hub = started().hub();
        if (!hub) throw new HttpError(503, 'the hub is starting');
        const day = hub.state.day;
        return dayTimeline(hub.record.eventsOfDay(day), hub.currentConfig, day, hub.state.now());
      },
    });
    scope.route({
      ...routeOf(httpApi.adminDevices),
      handler: async () => {
        const deps = started();
        return { devices: pairedDevices(deps.live.current(), http.pairings, deps.devices) };
      },
    });
    scope.route({
      ...routeOf(httpApi.adminDevicePairing),
      handler: async (request) => {
        const { device } = request.params;
        // The hub as the admin's browser reached it: the devices of the hall reach it there too.
        const hubUrl = `${request.protocol}://${request.host}`;
        const code = await pairingCode(started().live.current(), http.pairings, device, hubUrl, http.caFingerprint);
        http.log.info({ device, by: sessionOf(request).username }, 'pairing: code made');
        return code;
      },
    });
    scope.route({
      ...routeOf(httpApi.adminDeviceRevoke),
      handler: async (request) => {
        const { device } = request.params;
        if (
          !started()
            .live.current()
            .devices.some((d) => d.id === device)
        )
          throw new HttpError(404, `no device ${device} in the config`);
        http.log.info({ device, by: sessionOf(request).username }, 'pairing: device revoked');
        // Refused by the hub already; a 503 says the external broker did not confirm it.
        await brokerTook(http.pairings.revoke(device));
        return { ok: true as const };
      },
    });
    scope.route({
      ...routeOf(httpApi.adminReport),
      handler: async (request, reply) => {
        const { format, ...query } = request.query;
        if (format === 'csv') return reply.redirect(apiUrl(httpApi.adminReportCsv, {}, query), 302);
        const deps = started();
        return deps.reports().build(query, deps.live.current());
      },
    });
    scope.route({
      ...routeOf(httpApi.adminReportCsv),
      handler: async (request, reply) => {
        const deps = started();
        const { lang, ...q } = request.query;
        const config = deps.live.current();
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="report-${q.by}-${q.from}-${q.to}.csv"`)
          .header('cache-control', 'no-store');
        return reportCsv(deps.reports().build(q, config), config, lang ?? config.site.languages[0] ?? 'uk');
      },
    });
    scope.route({
      ...routeOf(httpApi.adminPlanningStart),
      handler: async (request) => {
        const deps = started();
        const { staffing, ...rest } = request.body;
        const job = deps.planning.start(deps.live.current(), { ...rest, ...(staffing && { staffing }) });
        if (!job) throw new HttpError(409, 'a plan is being made: wait for it');
        return job;
      },
    });
    scope.route({
      ...routeOf(httpApi.adminPlanning),
      handler: async (request) => {
        const job = started().planning.get(request.params.job);
        if (!job) throw new HttpError(404, 'no such plan (plans are kept until twenty newer ones are made or the hub restarts)');
        return job;
      },
    });
    scope.route({
      ...routeOf(httpApi.adminPlanningCsv),
      handler: async (request, reply) => {
        const deps = started();
        const job = deps.planning.get(request.params.job);
        if (!job?.plan) throw new HttpError(404, 'no such plan, or it is not made yet');
        const config = deps.live.current();
        const names = new Map(config.serviceGroups.map((g) => [g.id, g.names]));
        const lang = request.query.lang ?? config.site.languages[0] ?? 'uk';
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="staffing-${job.plan.from}.csv"`)
          .header('cache-control', 'no-store');
        return planCsv(job.plan, (id) => names.get(id)?.[lang] ?? names.get(id)?.[config.site.languages[0] ?? 'uk'] ?? id);
      },
    });
    scope.route({
      ...routeOf(httpApi.adminConfig),
      handler: async (): Promise<EditableConfig> => started().live.editable(),
    });
    scope.route({
      ...routeOf(httpApi.adminConfigSave),
      handler: async (request) => {
        const session = sessionOf(request);
        const result = await started().live.apply(request.body, session.username);
        if (!result.ok) throw new HttpError(400, describeConfigProblems(result.problems).join('\n'), { problems: result.problems });
        return result;
      },
    });
    scope.route({
      ...routeOf(httpApi.adminConfigYaml),
      handler: async (_request, reply) => {
        const deps = started();
        reply
          .type('application/yaml; charset=utf-8')
          .header('content-disposition', `attachment; filename="${deps.live.current().site.id}.yaml"`)
          .header('cache-control', 'no-store');
        return configYaml(deps.live.current(), deps.configText());
      },
    });
  });
}

function cookie(value: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=${ADMIN_API}; Max-Age=${maxAgeSeconds}`;
}
