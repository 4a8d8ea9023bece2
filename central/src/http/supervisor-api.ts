// The supervisors' API under /api/central: sign-in with username and password (a session cookie),
// the overview of every centre the user may see, one centre's figures, and reports with CSV. Every
// route but sign-in needs a session, and each reads only the centres of the user's scope: a centre
// outside it is refused (403), not filtered silently, so a wrong link says so.
import { centralApi, routeOf } from '@vikno/shared';
import type { FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { regionCatalogue } from '../catalogue/catalogue.js';
import { type Scope, sees, signIn, type User } from '../users/users.js';
import { clearAlert } from '../views/alerts.js';
import { centreDetail } from '../views/centre-detail.js';
import { centresNow } from '../views/centres.js';
import { centralReport } from '../views/report.js';
import { centralReportCsv } from '../views/report-csv.js';
import { HttpError } from './errors.js';
import { cookieOf, SESSION_COOKIE, SESSION_MS, type Sessions, sessionCookie } from './sessions.js';
import type { CentralApp } from './types.js';

const OPEN: readonly string[] = [centralApi.login.url, centralApi.logout.url];

export function supervisorApi(app: CentralApp, deps: { pool: Pool; sessions: Sessions; now: () => number }): void {
  const { pool, sessions, now } = deps;
  app.register(async (scope: CentralApp) => {
    const users = new WeakMap<FastifyRequest, User>();
    scope.addHook('onRequest', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      // JSON only on writes: a cross-site form cannot send it (the cookie is SameSite=Strict too).
      if (request.method !== 'GET' && request.method !== 'HEAD' && !(request.headers['content-type'] ?? '').startsWith('application/json'))
        throw new HttpError(415, 'send JSON');
      if (OPEN.includes(request.routeOptions.url ?? '')) return;
      const user = await sessions.get(cookieOf(request.headers.cookie, SESSION_COOKIE));
      if (!user) throw new HttpError(401, 'sign in first');
      users.set(request, user);
    });
    const userOf = (request: FastifyRequest): User => {
      const user = users.get(request);
      if (!user) throw new HttpError(401, 'sign in first');
      return user;
    };
    const scopeOf = (request: FastifyRequest): Scope => userOf(request).scope;
    const shown = (user: User) => ({
      username: user.username,
      name: user.name,
      region: user.scope.region,
      sites: user.scope.region ? [] : [...user.scope.sites],
    });

    scope.route({
      ...routeOf(centralApi.login),
      handler: async (request, reply) => {
        const { username, password } = request.body;
        const locked = await sessions.lockedFor(username);
        if (locked > 0)
          throw new HttpError(429, 'too many wrong passwords: try again later', { 'retry-after': String(Math.ceil(locked / 1000)) });
        const user = await signIn(pool, username, password);
        if (!user) {
          await sessions.wrongPassword(username);
          throw new HttpError(401, 'wrong username or password');
        }
        reply.header('set-cookie', sessionCookie(await sessions.create(user), SESSION_MS / 1000));
        return shown(user);
      },
    });
    scope.route({
      ...routeOf(centralApi.logout),
      handler: async (request, reply) => {
        await sessions.end(cookieOf(request.headers.cookie, SESSION_COOKIE));
        reply.header('set-cookie', sessionCookie('', 0));
        return { ok: true as const };
      },
    });
    scope.route({
      ...routeOf(centralApi.session),
      handler: async (request) => {
        const user = users.get(request);
        if (!user) throw new HttpError(401, 'sign in first');
        return shown(user);
      },
    });
    scope.route({
      ...routeOf(centralApi.overview),
      handler: async (request) => {
        const at = now();
        const [centres, catalogue] = await Promise.all([centresNow(pool, scopeOf(request), at), regionCatalogue(pool)]);
        return { at, centres: centres.map((c) => c.row), catalogue };
      },
    });
    scope.route({
      ...routeOf(centralApi.centre),
      handler: async (request) => {
        const { site } = request.params;
        if (!sees(scopeOf(request), site)) throw new HttpError(403, `centre ${site} is not among yours`);
        const detail = await centreDetail(pool, scopeOf(request), site, now());
        if (!detail) throw new HttpError(404, `no centre ${site}`);
        return detail;
      },
    });
    scope.route({
      ...routeOf(centralApi.clearAlert),
      handler: async (request) => {
        const user = userOf(request);
        const { site, id } = request.params;
        // Clearing releases a held site's record: a decision for the region, not a district.
        if (!user.scope.region) throw new HttpError(403, 'only a region-wide user may clear an alert');
        const cleared = await clearAlert(pool, { site, id, user, note: request.body.note, at: now() });
        if (cleared === 'missing') throw new HttpError(404, `no alert ${id} at ${site}`);
        if (cleared === 'cleared') throw new HttpError(409, `alert ${id} is cleared already`);
        request.log.warn(
          { site, alert: id, kind: cleared.kind, seq: cleared.seq, by: user.username },
          'central: an integrity alert cleared',
        );
        return cleared;
      },
    });
    scope.route({
      ...routeOf(centralApi.report),
      handler: async (request) => {
        const { catalogue: _, ...report } = await centralReport(pool, scopeOf(request), request.query, now());
        return report;
      },
    });
    scope.route({
      ...routeOf(centralApi.reportCsv),
      handler: async (request, reply) => {
        const { lang, ...q } = request.query;
        const report = await centralReport(pool, scopeOf(request), q, now());
        reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="centres-${q.by}-${q.from}-${q.to}.csv"`);
        return centralReportCsv(report, lang ?? 'uk');
      },
    });
  });
}
