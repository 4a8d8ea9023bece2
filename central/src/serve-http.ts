#!/usr/bin/env node
// Central's HTTP server alone, on a database someone else migrates and fills (until `vikno-central
// serve` starts it beside the ingest). VIKNO_CENTRAL_DATABASE_URL (a pg connection string),
// VIKNO_CENTRAL_HTTP_PORT (8090), VIKNO_CENTRAL_HTTP_HOST (127.0.0.1), VIKNO_CENTRAL_FIRST_USER
// (username:password, made when there are no users yet).
import pg from 'pg';
import { pino } from 'pino';
import { startCentralHttp } from './http/server.js';
import { migrate } from './store/migrate.js';
import { bootstrapFirstUser } from './users/users.js';

const log = pino({ name: 'vikno-central', level: process.env.VIKNO_LOG_LEVEL ?? 'info' });
const url = process.env.VIKNO_CENTRAL_DATABASE_URL;
if (!url) {
  log.fatal('VIKNO_CENTRAL_DATABASE_URL is not set');
  process.exit(1);
}
const pool = new pg.Pool({ connectionString: url, max: 8 });
await migrate(pool);
const first = await bootstrapFirstUser(pool, process.env.VIKNO_CENTRAL_FIRST_USER);
if (first) log.info({ username: first }, 'first user made from VIKNO_CENTRAL_FIRST_USER');
const http = await startCentralHttp({
  pool,
  log,
  port: Number(process.env.VIKNO_CENTRAL_HTTP_PORT ?? 8090),
  host: process.env.VIKNO_CENTRAL_HTTP_HOST ?? '127.0.0.1',
});
log.info({ url: `${http.url}/central/` }, 'central pages ready');
const stop = async () => {
  await http.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
