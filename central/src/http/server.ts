// Central's HTTP server: the supervisors' pages and API, the public page and API. Started beside the
// ingest by `vikno-central serve` (main.ts), or alone by serve-http.ts.
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyReply, LogController } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { foldAllReportDays } from '../views/report-rollup.js';
import { webApps } from './apps.js';
import { CENTRAL_CSP } from './csp.js';
import { BODY_LIMIT, HttpError, type Refusal, refusalOf, validatorCompiler } from './errors.js';
import { publicApi } from './public-api.js';
import { Sessions } from './sessions.js';
import { supervisorApi } from './supervisor-api.js';
import type { CentralApp } from './types.js';

export interface CentralHttpOptions {
  pool: Pool;
  log: Logger;
  port: number;
  host?: string;
  /** central-web's build folder; by default the one beside this package. */
  webDist?: string;
  now?: () => number;
}

export interface CentralHttp {
  url: string;
  close(): Promise<void>;
}

const WEB_DIST = fileURLToPath(new URL('../../../central-web/dist/', import.meta.url));

export function createCentralHttp(opts: Omit<CentralHttpOptions, 'port' | 'host'>): CentralApp {
  const now = opts.now ?? Date.now;
  const app = Fastify({
    loggerInstance: opts.log,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    forceCloseConnections: true,
    frameworkErrors: (error, _request, reply) => refuse(reply, refusalOf(error)),
  }).withTypeProvider<ZodTypeProvider>() as unknown as CentralApp;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error, request, reply) => {
    const refusal = refusalOf(error);
    if (refusal.internal) opts.log.error({ err: error, method: request.method, url: request.url }, 'http');
    return refuse(reply, refusal);
  });
  app.setNotFoundHandler((request, reply) => refuse(reply, refusalOf(new HttpError(404, `nothing at ${request.url.split('?')[0]}`))));
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CENTRAL_CSP);
    return payload;
  });
  supervisorApi(app, { pool: opts.pool, sessions: new Sessions(opts.pool, now), now });
  publicApi(app, { pool: opts.pool, now });
  webApps(app, opts.webDist ?? WEB_DIST);
  return app;
}

/** How often the days changed since are folded into the report rollups. */
const FOLD_MS = 60_000;

export async function startCentralHttp(opts: CentralHttpOptions): Promise<CentralHttp> {
  const app = createCentralHttp(opts);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port, host });
  const { port } = app.server.address() as { port: number };
  let folding: Promise<unknown> = Promise.resolve();
  const fold = () => {
    folding = foldAllReportDays(opts.pool).then(
      (days) => days > 0 && opts.log.debug({ days }, 'central: days folded into the report rollups'),
      (err: unknown) =>
        opts.log.warn({ err }, 'central: folding days into the report rollups failed; reports read their tickets meanwhile'),
    );
  };
  fold();
  const timer = setInterval(fold, FOLD_MS);
  timer.unref();
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: async () => {
      clearInterval(timer);
      await folding;
      await app.close();
    },
  };
}

function refuse(reply: FastifyReply, { status, body, headers }: Refusal): FastifyReply {
  return reply
    .code(status)
    .headers({ 'cache-control': 'no-store', ...headers })
    .type('application/json; charset=utf-8')
    .send(body);
}
