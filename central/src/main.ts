#!/usr/bin/env node
// vikno-central <command> [options]
//   serve --config FILE                 the ingest (and, beside it, the HTTP server) on the config's database and broker
//   mosquitto --config FILE --out DIR [--port 1883] [--bind ADDR] [--central-password PW]
//                                       the region broker's Mosquitto config, password file and ACL
//   migrate --config FILE               applies the database migrations and exits
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { writeRegionBrokerFiles } from './broker/mosquitto.js';
import { startCentral } from './central.js';
import { brokerPassword, type CentralConfig, databaseUrl, loadCentralConfig } from './config.js';
import { migrate } from './store/migrate.js';

const USAGE = `usage: vikno-central serve --config FILE
       vikno-central mosquitto --config FILE --out DIR [--port 1883] [--bind ADDR] [--central-password PW]
       vikno-central migrate --config FILE`;

const [command, ...args] = process.argv.slice(2);
const log = pino({ level: process.env.VIKNO_LOG_LEVEL ?? 'info', base: { app: 'vikno-central' } });

class UsageError extends Error {}

try {
  await main();
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS_')) {
    process.stderr.write(`vikno-central: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(1);
  }
  log.fatal({ err: error }, (error as Error).message);
  process.exit(1);
}

async function main(): Promise<void> {
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate': {
      const pool = openPool(config());
      log.info({ version: await migrate(pool) }, 'database migrated');
      return pool.end();
    }
    case 'mosquitto':
      return mosquitto();
    case undefined:
    case '--help':
    case '-h':
      return void process.stdout.write(`${USAGE}\n`);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** The config named by --config (or VIKNO_CENTRAL_CONFIG), and the command's other options (strings). */
function config(extra: readonly string[] = []): CentralConfig & { values: Record<string, string | undefined> } {
  const options = Object.fromEntries(['config', ...extra].map((name) => [name, { type: 'string' as const }]));
  const { values } = parseArgs({ args, options });
  const file = values.config ?? process.env.VIKNO_CENTRAL_CONFIG;
  if (typeof file !== 'string') throw new UsageError('--config FILE is needed');
  return { ...loadCentralConfig(file), values: values as Record<string, string | undefined> };
}

function openPool(c: CentralConfig): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl(c), max: c.database.poolSize });
}

async function serve(): Promise<void> {
  const c = config();
  const pool = openPool(c);
  const version = await migrate(pool);
  const central = await startCentral({ config: c, pool, log });
  log.info({ schema: version, broker: c.broker.url, sites: c.sites.length }, 'vikno-central ready');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await central.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function mosquitto(): void {
  const c = config(['out', 'port', 'bind', 'central-password']);
  const dir = c.values.out;
  if (!dir) throw new UsageError('--out DIR is needed');
  const port = Number(c.values.port ?? 1883);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port ${c.values.port} is not a port`);
  const centralPassword = c.values['central-password'] ?? brokerPassword(c);
  if (!centralPassword)
    throw new UsageError("central's broker password is needed: broker.password, VIKNO_CENTRAL_BROKER_PASSWORD or --central-password");
  const files = writeRegionBrokerFiles(c, { dir, port, bind: c.values.bind, centralPassword });
  process.stdout.write(`${files.join('\n')}\n`);
}
