#!/usr/bin/env node
// vikno-hub [command] [options]: the commands and their options are in usage.ts (`vikno-hub --help`).
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { startHub } from './app.js';
import { verifyAuditFile } from './audit/verify.js';
import { verifyDrawsFile } from './audit/verify-draws.js';
import { DYNSEC_FILE, dynsecPlugin, writeMosquittoFiles } from './broker/mosquitto.js';
import { applyOverrides, loadConfigFile, parsePort, readOverrides } from './config/load.js';
import { hashPin, hashSecret } from './security/hashing.js';
import { backupDatabase } from './store/backup.js';
import { InstallRefused, installHub } from './systemd/install.js';
import { systemdNotifier } from './systemd/notify.js';
import { COMMANDS, isCommand, usage } from './usage.js';
import { buildVoicePack, describeReports } from './voice-pack/build.js';

const [first, ...rest] = process.argv.slice(2);
const named = first !== undefined && !first.startsWith('-');
const command = named ? first : 'run';
const args = named ? rest : process.argv.slice(2);

const log = pino({ level: process.env.VIKNO_LOG_LEVEL ?? 'info', base: { app: 'vikno-hub' } });

/** A command line the hub cannot follow: said in one line with where to look, not logged as a crash. */
class UsageError extends Error {}

try {
  await main();
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS_')) {
    process.stderr.write(
      `vikno-hub: ${(error as Error).message}\nSee vikno-hub ${isCommand(command) && named ? `${command} ` : ''}--help.\n`,
    );
    process.exit(1);
  }
  log.fatal({ err: error }, (error as Error).message);
  process.exit(1);
}

async function main(): Promise<void> {
  if (isCommand(command) && (args.includes('--help') || args.includes('-h'))) return print(usage(named ? command : undefined));
  switch (command) {
    case 'hash-pin':
      return print(await hashPin(required(args[0], 'a PIN')));
    case 'hash-secret':
      return print(hashSecret(required(args[0], 'a secret')));
    case 'check-config': {
      loadOrExit(readOverrides(args, process.env).config);
      return print('config ok');
    }
    case 'verify-audit': {
      const overrides = readOverrides(args, process.env);
      const config = applyOverrides(loadOrExit(overrides.config), overrides);
      const result = verifyAuditFile(join(config.dataDir, 'vikno.db'));
      print(result.text);
      process.exitCode = result.code;
      return;
    }
    case 'verify-draws':
      return verifyDrawsCommand();
    case 'backup':
      return backup();
    case 'mosquitto':
      return mosquitto();
    case 'voice-pack':
      return voicePack();
    case 'install':
      return install();
    case 'run':
      return run();
    default:
      throw new UsageError(`unknown command "${command}": use ${COMMANDS.join(', ')}`);
  }
}

async function run(): Promise<void> {
  const overrides = readOverrides(args, process.env);
  const config = applyOverrides(loadOrExit(overrides.config), overrides);
  const hub = await startHub(config, log, Date.now, {}, { configFile: overrides.config });
  const port = new URL(hub.httpUrl).port;
  const hosts = ['127.0.0.1', ...lanAddresses()];
  log.info(
    {
      pages: Object.fromEntries(['kiosk', 'display', 'counter'].map((p) => [p, hosts.map((h) => `http://${h}:${port}/${p}/`)])),
      mqtt: hub.mqttUrl,
    },
    `Vikno hub ready for ${config.site.id}: http://${hosts.at(-1)}:${port}/`,
  );
  const systemd = systemdNotifier(process.env, log);
  systemd.ready(`serving ${config.site.id} on port ${port}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    systemd.stopping();
    log.info({ signal }, 'stopping');
    await hub.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function verifyDrawsCommand(): void {
  const { values } = parseArgs({ args, options: { day: { type: 'string' }, config: { type: 'string' }, 'data-dir': { type: 'string' } } });
  const day = required(values.day, '--day YYYY-MM-DD');
  const config = configWith(values);
  const result = verifyDrawsFile(join(config.dataDir, 'vikno.db'), day, config);
  print(result.text);
  process.exitCode = result.code;
}

async function backup(): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, config: { type: 'string' }, 'data-dir': { type: 'string' } } });
  const out = required(values.out, '--out FILE');
  const config = configWith(values);
  const started = performance.now();
  const result = await backupDatabase(join(config.dataDir, 'vikno.db'), out, {
    progress: (written, total) => log.info({ written, total }, `backup: ${Math.min(99, Math.round((100 * written) / total))} %`),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  print(
    `backup ok: ${result.file}, ${result.tickets} tickets, ${result.events} events, ${(result.bytes / 1e6).toFixed(1)} MB in ${seconds} s`,
  );
}

function mosquitto(): void {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      out: { type: 'string' },
      port: { type: 'string', default: '1883' },
      bind: { type: 'string' },
      'ws-port': { type: 'string', default: '8083' },
      'hub-password': { type: 'string' },
      plugin: { type: 'string' },
    },
  });
  const config = loadOrExit(values.config ?? process.env.VIKNO_CONFIG ?? 'config/demo-centre.yaml');
  const plugin = values.plugin ?? dynsecPlugin();
  if (!plugin)
    throw new UsageError('no mosquitto_dynamic_security.so found under /usr/lib: give --plugin PATH (dpkg -L mosquitto shows it)');
  const hubPassword = values['hub-password'] ?? process.env.VIKNO_BROKER_PASSWORD;
  const dir = required(values.out, '--out DIR');
  // Mosquitto rewrites it as devices are paired: a new one would lose them.
  if (existsSync(join(dir, DYNSEC_FILE)))
    throw new UsageError(
      `${join(dir, DYNSEC_FILE)} exists, with the devices paired since it was written: keep it, or move it away to start afresh (those devices then pair again)`,
    );
  const files = writeMosquittoFiles(config, {
    dir,
    port: parsePort(values.port, '--port') ?? 1883,
    wsPort: parsePort(values['ws-port'], '--ws-port') ?? 8083,
    bind: listenAddress(values.bind, '--bind'),
    hubUsername: config.broker.username ?? 'hub',
    hubPassword: required(hubPassword, '--hub-password (or VIKNO_BROKER_PASSWORD)'),
    plugin: pluginPath(plugin),
  });
  print(`wrote ${files.join(', ')}`);
}

function voicePack(): void {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, out: { type: 'string' }, config: { type: 'string' } } });
  const config = loadOrExit(readOverrides(values.config ? ['--config', values.config] : [], process.env).config);
  const out = required(values.out, '--out DIR');
  const reports = buildVoicePack(required(values.from, '--from DIR'), out, config);
  print(describeReports(reports, out));
  // Written either way, since a display uses what a pack has; a script still learns that words are missing.
  if (reports.some((r) => r.missing.length)) process.exitCode = 1;
}

function install(): void {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, root: { type: 'string' }, user: { type: 'string' } } });
  try {
    const steps = installHub({
      node: process.execPath,
      main: fileURLToPath(import.meta.url),
      configFrom: values.config,
      root: values.root,
      user: values.user,
    });
    print(steps.join('\n'));
  } catch (error) {
    if (!(error instanceof InstallRefused)) throw error;
    process.stderr.write(`vikno-hub install: ${error.message}\n`);
    process.exit(1);
  }
}

/** The config a subcommand with flags of its own names with --config and --data-dir (or their variables). */
function configWith(values: { config?: string | undefined; 'data-dir'?: string | undefined }) {
  const overrides = readOverrides(
    [...(values.config ? ['--config', values.config] : []), ...(values['data-dir'] ? ['--data-dir', values['data-dir']] : [])],
    process.env,
  );
  return applyOverrides(loadOrExit(overrides.config), overrides);
}

function loadOrExit(file: string) {
  const result = loadConfigFile(file);
  if (result.ok) return result.config;
  process.stderr.write(`${file} has ${result.problems.length} problem(s):\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
}

/** An IP address or a host name: it goes into mosquitto.conf, where anything else would be a new line of settings. */
function listenAddress(value: string | undefined, flag: string): string | undefined {
  if (value === undefined || isIP(value) || /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})$/.test(value)) return value;
  throw new UsageError(`${flag} must be an IP address or a host name, not ${JSON.stringify(value)}`);
}

/** A path on one line: it goes into mosquitto.conf too. */
function pluginPath(value: string): string {
  if (!/[\r\n]/.test(value)) return value;
  throw new UsageError(`--plugin must be a path, not ${JSON.stringify(value)}`);
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}
