#!/usr/bin/env node
// vikno-central <command> [options]
//   serve --config FILE                 the ingest (and, beside it, the HTTP server) on the config's database and broker
//   mosquitto --config FILE --out DIR [--port 1883] [--bind ADDR] [--central-password PW]
//                                       the region broker's Mosquitto config, password file and ACL
//   migrate --config FILE               applies the database migrations and exits
//   catalogue publish CATALOGUE --config FILE
//                                       checks the region's catalogue of services and makes it current;
//                                       the running service sends it to every site (docs/central.md)
//   user add|password|scope|remove|list  the region's users (users/users-command.ts)
import { type ParseArgsConfig, parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { writeRegionBrokerFiles } from './broker/mosquitto.js';
import { loadCatalogueFile, storeCatalogue } from './catalogue/catalogue.js';
import { startCentral } from './central.js';
import { brokerPassword, type CentralConfig, databaseUrl, loadCentralConfig } from './config.js';
import { startCentralHttp } from './http/server.js';
import { migrate } from './store/migrate.js';
import { UsageError } from './usage-error.js';
import { bootstrapFirstUser, UserError } from './users/users.js';
import { USER_OPTIONS, USER_USAGE, type UserCommandLine, userCommand } from './users/users-command.js';

const USAGE = `usage: vikno-central serve --config FILE
       vikno-central mosquitto --config FILE --out DIR [--port 1883] [--bind ADDR] [--central-password PW]
       vikno-central migrate --config FILE
       vikno-central catalogue publish CATALOGUE.yaml --config FILE
${USER_USAGE}`;

const [command, ...args] = process.argv.slice(2);
const log = pino({ level: process.env.VIKNO_LOG_LEVEL ?? 'info', base: { app: 'vikno-central' } });

try {
  await main();
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS_')) {
    process.stderr.write(`vikno-central: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(1);
  }
  if (error instanceof UserError) {
    process.stderr.write(`vikno-central: ${error.message}\n`);
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
    case 'catalogue':
      return catalogue();
    case 'user': {
      const c = config(USER_OPTIONS, true);
      const pool = openPool(c);
      try {
        return await userCommand(
          { values: c.values as UserCommandLine['values'], positionals: c.positionals },
          { config: c, pool, print: (line) => process.stdout.write(`${line}\n`) },
        );
      } finally {
        await pool.end();
      }
    }
    case undefined:
    case '--help':
    case '-h':
      return void process.stdout.write(`${USAGE}\n`);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** The config named by --config (or VIKNO_CENTRAL_CONFIG), and the command's other options and arguments. */
function config(options: ParseArgsConfig['options'] = {}, allowPositionals = false) {
  const parsed = parseArgs({ args, options: { config: { type: 'string' }, ...options }, allowPositionals });
  // The options' types are the caller's own (strings, or booleans where it asked for them).
  const values = parsed.values as Record<string, string | undefined>;
  const file = values.config ?? process.env.VIKNO_CENTRAL_CONFIG;
  if (typeof file !== 'string') throw new UsageError('--config FILE is needed');
  return { ...loadCentralConfig(file), values, positionals: parsed.positionals };
}

function openPool(c: CentralConfig): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl(c), max: c.database.poolSize });
}

async function serve(): Promise<void> {
  const c = config();
  const pool = openPool(c);
  const version = await migrate(pool);
  const central = await startCentral({ config: c, pool, log });
  // The region's pages and APIs (central/src/http/): VIKNO_CENTRAL_HTTP_PORT (8090), VIKNO_CENTRAL_HTTP_HOST
  // (127.0.0.1); VIKNO_CENTRAL_FIRST_USER=username:password makes the first region-wide user when there are none.
  const first = await bootstrapFirstUser(pool, process.env.VIKNO_CENTRAL_FIRST_USER);
  if (first) log.info({ username: first }, 'first user made from VIKNO_CENTRAL_FIRST_USER');
  const http = await startCentralHttp({
    pool,
    log,
    port: Number(process.env.VIKNO_CENTRAL_HTTP_PORT ?? 8090),
    host: process.env.VIKNO_CENTRAL_HTTP_HOST ?? '127.0.0.1',
  });
  log.info({ schema: version, broker: c.broker.url, sites: c.sites.length, pages: `${http.url}/central/` }, 'vikno-central ready');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await http.close();
    await central.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function mosquitto(): void {
  const c = config({ out: { type: 'string' }, port: { type: 'string' }, bind: { type: 'string' }, 'central-password': { type: 'string' } });
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

/** `catalogue publish FILE`: a catalogue with a problem is refused whole, each problem said, and nothing stored. */
async function catalogue(): Promise<void> {
  const c = config({}, true);
  const [action, file, ...rest] = c.positionals;
  if (action !== 'publish' || !file || rest.length) throw new UsageError('catalogue publish CATALOGUE.yaml is the command');
  const loaded = loadCatalogueFile(file);
  if (!loaded.ok) {
    process.stderr.write(
      `vikno-central: ${file} is not a valid catalogue; nothing published:\n${loaded.problems.map((p) => `  ${p}`).join('\n')}\n`,
    );
    process.exit(1);
  }
  const pool = openPool(c);
  try {
    await migrate(pool);
    const published = await storeCatalogue(pool, loaded.catalogue);
    const when = new Date(published.publishedAt).toISOString();
    process.stdout.write(
      published.changed
        ? `catalogue ${published.version} is the region's current one (content first published ${when}); the running service sends it to the sites\n`
        : `catalogue ${published.version} is already the region's current one (published ${when}): nothing changed\n`,
    );
  } finally {
    await pool.end();
  }
}
