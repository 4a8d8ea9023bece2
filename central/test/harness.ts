// The region for central's tests: a throwaway PostgreSQL cluster, the region's broker (Debian's
// Mosquitto on the files `vikno-central mosquitto` writes), the central service (in this process, or
// as its own process from central/dist) and real hubs (hub/test/harness.ts) reporting to it.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Config } from '@vikno/shared';
import { hashSecret } from '@vikno/shared/node';
import Database from 'better-sqlite3';
import { type Logger, pino } from 'pino';
import { stringify } from 'yaml';
import { type Mosquitto, runMosquitto } from '../../hub/src/bench/mosquitto.js';
import { counterAt, demoConfig, freePort, REPO, runHub, tempDir, until } from '../../hub/test/harness.js';
import { writeRegionBrokerFiles } from '../src/broker/mosquitto.js';
import { type RunningCentral, startCentral } from '../src/central.js';
import type { CentralConfig } from '../src/config.js';
import { startTestDatabase, type TestDatabase } from '../src/store/test-database.js';

export { until };

/** Polls an async probe until it gives a value (a positive sign), or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
export const CENTRAL_MAIN = join(REPO, 'central/dist/main.js');
const CENTRAL_PASSWORD = 'region-central-password';
export const sitePassword = (site: string) => `region-${site}`;

export interface Region {
  db: TestDatabase;
  config: CentralConfig;
  configFile: string;
  brokerUrl: string;
  broker: Mosquitto | undefined;
  central: RunningCentral | undefined;
  startBroker(): Promise<void>;
  stopBroker(): Promise<void>;
  startCentral(log?: Logger): Promise<RunningCentral>;
  stopCentral(): Promise<void>;
  close(): Promise<void>;
}

const quiet = pino({ level: process.env.VIKNO_TEST_LOG ?? 'silent' });

export async function startRegion(sites: readonly string[]): Promise<Region> {
  const db = await startTestDatabase();
  const dir = tempDir('vikno-region-');
  const port = await freePort();
  const brokerUrl = `mqtt://127.0.0.1:${port}`;
  const config: CentralConfig = {
    database: { url: db.cluster.url, poolSize: 4 },
    broker: { url: brokerUrl, password: CENTRAL_PASSWORD },
    sites: sites.map((id) => ({ id, secretHash: hashSecret(sitePassword(id), 1000) })),
  };
  writeRegionBrokerFiles(config, { dir, port, bind: '127.0.0.1', centralPassword: CENTRAL_PASSWORD });
  const configFile = join(dir, 'central.yaml');
  writeFileSync(configFile, stringify(config));
  const region: Region = {
    db,
    config,
    configFile,
    brokerUrl,
    broker: undefined,
    central: undefined,
    async startBroker() {
      region.broker = await runMosquitto(dir, port);
    },
    async stopBroker() {
      await region.broker?.stop();
      region.broker = undefined;
    },
    async startCentral(log = quiet) {
      region.central = await startCentral({ config, pool: db.pool, log });
      return region.central;
    },
    async stopCentral() {
      await region.central?.close();
      region.central = undefined;
    },
    async close() {
      await region.stopCentral();
      await region.stopBroker();
      await db.close();
    },
  };
  await region.startBroker();
  return region;
}

/** A demo hub as `site`, reporting to the region. */
export function hubConfig(brokerUrl: string, site: string): Config {
  return demoConfig((c) => ({
    ...c,
    site: { ...c.site, id: site },
    central: { url: brokerUrl, password: sitePassword(site), liveIntervalSeconds: 1 },
  }));
}

export const startReportingHub = (region: Region, site: string, config = hubConfig(region.brokerUrl, site)) => runHub(config);

/** `n` visits at a hub: each issued at window 3, called and finished there. */
export async function visits(hub: { mqttUrl: string }, site: string, n: number): Promise<void> {
  const counter = await counterAt(hub, 'w3', 'mykola', '1234', site);
  try {
    for (let i = 0; i < n; i++) {
      await counter.command('ticket.issue', { service: 'id-card-exchange', language: 'uk' });
      await counter.command('counter.callNext', {});
      await counter.command('counter.finish', { outcomes: [] });
    }
  } finally {
    await counter.close();
  }
}

/** The hub's log as its SQLite file holds it. */
export function hubRows(dataDir: string): { seq: number; hash: string }[] {
  const db = new Database(join(dataDir, 'vikno.db'), { readonly: true });
  try {
    return db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM events ORDER BY seq').all();
  } finally {
    db.close();
  }
}

export async function centralRows(region: Region, site: string): Promise<{ seq: number; hash: string }[]> {
  const { rows } = await region.db.pool.query<{ seq: string; hash: string }>(
    'SELECT seq, hash FROM events WHERE site_id = $1 ORDER BY seq',
    [site],
  );
  return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash }));
}

export async function alerts(region: Region, site: string): Promise<{ id: number; kind: string; seq: number | null; detail: string }[]> {
  const { rows } = await region.db.pool.query<{ id: string; kind: string; seq: string | null; detail: string }>(
    'SELECT id, kind, seq, detail FROM alerts WHERE site_id = $1 ORDER BY id',
    [site],
  );
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind, seq: r.seq === null ? null : Number(r.seq), detail: r.detail }));
}

/** Each ticket as the hub's own table has it and as central's does: id, status, call and finish (ms), window. */
export async function ticketsBothSides(region: Region, site: string, dataDir: string): Promise<{ hub: string[]; central: string[] }> {
  const db = new Database(join(dataDir, 'vikno.db'), { readonly: true });
  const line = (t: { id: string; status: string; called: number | null; finished: number | null; counter: string | null }) =>
    [t.id, t.status, t.called, t.finished, t.counter].join(' ');
  try {
    const hub = db
      .prepare<[], { id: string; status: string; called: number | null; finished: number | null; counter: string | null }>(
        'SELECT id, status, called_at AS called, finished_at AS finished, counter_id AS counter FROM tickets ORDER BY id',
      )
      .all()
      .map(line);
    const { rows } = await region.db.pool.query<{
      id: string;
      status: string;
      called: number | null;
      finished: number | null;
      counter: string | null;
    }>(
      `SELECT id, status, (extract(epoch FROM called_at) * 1000)::float8 AS called, (extract(epoch FROM finished_at) * 1000)::float8 AS finished,
         counter_id AS counter FROM tickets WHERE site_id = $1 ORDER BY id`,
      [site],
    );
    return { hub: hub.sort(), central: rows.map(line).sort() };
  } finally {
    db.close();
  }
}

/** Waits until central holds exactly the hub's log (same rows, same hashes). */
export async function caughtUp(region: Region, site: string, dataDir: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const want = hubRows(dataDir);
    const have = await centralRows(region, site);
    if (want.length > 0 && JSON.stringify(want) === JSON.stringify(have)) return;
    if (Date.now() > deadline) throw new Error(`central holds ${have.length} rows of ${site}, the hub ${want.length}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface CentralProcess {
  child: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The built service as its own process (`node central/dist/main.js serve`). */
export async function spawnCentral(configFile: string): Promise<CentralProcess> {
  const child = spawn(process.execPath, [CENTRAL_MAIN, 'serve', '--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = once(child, 'exit');
  await until(() => output.includes('vikno-central ready') || child.exitCode !== null, 30_000, 'central to start');
  if (child.exitCode !== null) throw new Error(`central exited ${child.exitCode}:\n${output}`);
  return {
    child,
    output: () => output,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface Link {
  url: string;
  /** Drops every connection through it, as a cut cable would, and refuses new ones until `restore`. */
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP relay between one hub and the region's broker: the hub's link, cut and restored by the test. */
export async function relay(brokerUrl: string): Promise<Link> {
  const target = new URL(brokerUrl);
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = async () => {
    server = createServer((inbound) => {
      const outbound = connect(Number(target.port), target.hostname);
      for (const s of [inbound, outbound]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          sockets.delete(s);
          inbound.destroy();
          outbound.destroy();
        });
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
  };
  const stop = async () => {
    const s = server;
    server = undefined;
    const closed = s && new Promise((resolve) => s.close(resolve));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  await listen();
  return { url: `mqtt://127.0.0.1:${port}`, cut: stop, restore: listen, close: stop };
}
