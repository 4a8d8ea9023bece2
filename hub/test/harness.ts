// Test harness: real hubs (in-process or as a child process) on free ports with a fresh data folder,
// and real MQTT clients. Nothing here fakes a part of the system.

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Config, type ConfigInput, configSchema, httpApi, type MonitorSnapshot } from '@vikno/shared';
import { createClient, type ViknoClient } from '@vikno/shared/client';
import { type Logger, pino } from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { type RunningHub, startHub } from '../src/app.js';
import { HUB_PASSWORD, runMosquitto, startMosquitto } from '../src/bench/mosquitto.js';
import type { Clock } from '../src/engine/engine.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO_CONFIG = join(REPO, 'config/demo-centre.yaml');
export const HUB_MAIN = join(REPO, 'hub/dist/main.js');

export function tempDir(prefix = 'vikno-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address !== 'object') throw new Error('no port');
  return address.port;
}

/** The demo centre's config as plain data, with a fresh data folder and ports picked by the OS. */
export function demoConfigInput(): ConfigInput {
  const input = parse(readFileSync(DEMO_CONFIG, 'utf8')) as ConfigInput;
  return {
    ...input,
    dataDir: tempDir(),
    http: { port: 0, host: '127.0.0.1' },
    broker: { port: 0, host: '127.0.0.1' },
    // Made at once by a hub started after its time of day: not in every test that runs in the evening.
    backups: { enabled: false },
  };
}

export function demoConfig(change: (c: ConfigInput) => ConfigInput = (c) => c): Config {
  return configSchema.parse(change(demoConfigInput()));
}

const quiet = pino({ level: process.env.VIKNO_TEST_LOG ?? 'silent' });

const MORNING_SHIFT = Date.parse('2026-11-23T08:00:00Z') - Date.now();
/**
 * Real time moved to Monday 2026-11-23, 10:00 in Kyiv, when the test began: inside the demo centre's
 * opening hours, so that its kiosks issue tickets whatever hour or day the suite runs at.
 */
export const demoMorning: Clock = () => Date.now() + MORNING_SHIFT;

/** A hub on `clock`; by default on `demoMorning`. */
export async function runHub(config: Config = demoConfig(), clock: Clock = demoMorning, log: Logger = quiet): Promise<RunningHub> {
  return startHub(config, log, clock);
}

/** One line the hub logged, as pino writes it. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A logger that keeps every line it writes (info and above), for a test that reads what the hub logs. */
export function capturedLog(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
  return { log, lines };
}

export type BrokerKind = 'embedded' | 'mosquitto';
export const BROKERS: readonly BrokerKind[] = ['embedded', 'mosquitto'];

/** A hub on either broker; on Mosquitto, with Mosquitto's own stop and start again on the same files. */
export interface HubOnBroker extends RunningHub {
  mosquitto?: { dir: string; stop(): Promise<void>; start(): Promise<void> };
}

/**
 * A demo hub on either broker, on `clock` (`demoMorning`): the embedded one, or Debian's Mosquitto run
 * with the files `vikno-hub mosquitto` writes (stopped with the hub).
 */
export async function runHubOn(broker: BrokerKind, log: Logger = quiet, clock: Clock = demoMorning): Promise<HubOnBroker> {
  if (broker === 'embedded') return startHub(demoConfig(), log, clock);
  const port = await freePort();
  const input = { ...demoConfigInput(), broker: { url: `mqtt://127.0.0.1:${port}`, username: 'hub', password: HUB_PASSWORD } };
  const config = configSchema.parse(input);
  const dir = tempDir('vikno-mosquitto-');
  let running = await startMosquitto(config, dir, port);
  const hub = await startHub(config, log, clock).catch(async (error: unknown) => {
    await running.stop();
    throw error;
  });
  return {
    ...hub,
    mosquitto: {
      dir,
      stop: () => running.stop(),
      async start() {
        running = await runMosquitto(dir, port);
      },
    },
    async stop() {
      await hub.stop();
      await running.stop();
    },
  };
}

const openClients = new Set<ViknoClient>();

/** A device client; the demo centre's secret for device X is `demo-X`. */
export async function device(hub: { mqttUrl: string }, id: string, secret = `demo-${id}`, site = 'demo'): Promise<ViknoClient> {
  const client = createClient({ url: hub.mqttUrl, site, device: id, secret, commandTimeoutMs: 10_000, mqtt: { reconnectPeriod: 200 } });
  openClients.add(client);
  await client.ready();
  return client;
}

export async function closeClients(): Promise<void> {
  await Promise.all([...openClients].map((c) => c.close().catch(() => undefined)));
  openClients.clear();
}

/** A counter client with an operator logged in. */
export async function counterAt(
  hub: { mqttUrl: string },
  counter: string,
  username = 'olena',
  pin = '1234',
  site = 'demo',
): Promise<ViknoClient> {
  const client = await device(hub, `counter-${counter}`, undefined, site);
  await client.command('operator.login', { username, pin });
  return client;
}

/** Collects the retained and live messages of a filter, keyed by topic (last wins). */
export function watch(client: ViknoClient, filter: string): Map<string, unknown> {
  const seen = new Map<string, unknown>();
  client.subscribe(filter, (topic, payload) => seen.set(topic, payload));
  return seen;
}

export async function until<T>(probe: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface HubProcess {
  child: ChildProcess;
  httpUrl: string;
  mqttUrl: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The built hub as its own process, as a centre runs it (`node hub/dist/main.js`). */
export async function spawnHub(opts: {
  configFile: string;
  dataDir: string;
  httpPort?: number;
  mqttPort?: number;
  env?: NodeJS.ProcessEnv;
}): Promise<HubProcess> {
  const httpPort = opts.httpPort ?? (await freePort());
  const mqttPort = opts.mqttPort ?? (await freePort());
  const child = spawn(
    process.execPath,
    [HUB_MAIN, '--config', opts.configFile, '--data-dir', opts.dataDir, '--http-port', String(httpPort), '--mqtt-port', String(mqttPort)],
    {
      env: { ...process.env, VIKNO_LOG_LEVEL: 'info', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = once(child, 'exit');
  await until(() => output.includes('Vikno hub ready') || child.exitCode !== null, 30_000, 'the hub to start');
  if (child.exitCode !== null) throw new Error(`hub exited ${child.exitCode}:\n${output}`);
  return {
    child,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      const [code] = await exited;
      return code as number | null;
    },
  };
}

/** A supervisor's session cookie on the hub's admin API (demo: `admin` / `0000`). */
export async function adminCookie(hub: { httpUrl: string }, username = 'admin', pin = '0000'): Promise<string> {
  const res = await fetch(`${hub.httpUrl}${httpApi.adminLogin.url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, pin }),
  });
  if (!res.ok) throw new Error(`admin sign-in: HTTP ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** The hall as the live monitor sees it, read with a supervisor's session. */
export async function monitor(hub: { httpUrl: string }, cookie: string): Promise<MonitorSnapshot> {
  const res = await fetch(`${hub.httpUrl}${httpApi.adminMonitor.url}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`monitor: HTTP ${res.status} ${await res.text()}`);
  return httpApi.adminMonitor.response.parse(await res.json());
}

/** A built command (`node SCRIPT …`), run to its end. */
export async function runScript(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'close');
  return { code: code as number | null, stdout, stderr };
}

/** The hub's built command line (`node hub/dist/main.js …`), run to its end. */
export const runCli = (args: readonly string[], env: NodeJS.ProcessEnv = {}) => runScript(HUB_MAIN, args, env);

export function writeConfig(config: ConfigInput, dir = tempDir()): string {
  const file = join(dir, 'centre.yaml');
  writeFileSync(file, stringify(config));
  return file;
}

export { gotoDevice, storeDeviceCredentials } from '../src/bench/device-pages.js';

/** Debian's Chromium, as every browser test runs it (no bundled browser is ever downloaded). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', ...extraArgs],
  });
}

/** What a device page keeps in IndexedDB for `app`, or null. */
export function storedDeviceCredentials(page: Page, app: string): Promise<unknown> {
  return page.evaluate(
    (app) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('vikno-device');
        open.onupgradeneeded = () => open.result.createObjectStore('credentials');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('credentials').objectStore('credentials').get(app);
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result ?? null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    app,
  );
}
