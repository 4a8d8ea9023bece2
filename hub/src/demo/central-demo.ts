// npm run central:demo — a region on one machine: a throwaway PostgreSQL cluster, Mosquitto as the
// region's broker, the central service (ingest and pages) and three demo hubs reporting to it — the
// regional office and two small ones — whose kiosks issue and whose windows call and finish on a
// simulated clock (ten times real time, from 09:00 in Kyiv today), so that /central/ and /centres show
// live figures within a minute. Ctrl-C stops everything and deletes the folder.
//
// Here, not in central/: it starts hubs, and the hub's workspace already depends on central's.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bootstrapFirstUser,
  type CentralConfig,
  migrate,
  startCentral,
  startCentralHttp,
  startPgCluster,
  writeRegionBrokerFiles,
} from '@vikno/central';
import { type Config, type ConfigInput, configSchema } from '@vikno/shared';
import { createClient, type ViknoClient } from '@vikno/shared/client';
import { hashSecret } from '@vikno/shared/node';
import { load } from 'js-yaml';
import pg from 'pg';
import { pino } from 'pino';
import { startHub } from '../app.js';
import { runMosquitto } from '../bench/mosquitto.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const log = pino({ level: process.env.VIKNO_LOG_LEVEL ?? 'warn' });
/** Simulated seconds per real second. */
const SPEED = 10;
const HTTP_PORT = Number(process.env.VIKNO_CENTRAL_HTTP_PORT ?? 8090);
const CENTRAL_PASSWORD = 'demo-central';

/** Today 09:00 in Kyiv, moving SPEED times faster than real time from now. */
const start = Date.now();
const kyivNine = Date.parse(`${new Intl.DateTimeFormat('sv', { timeZone: 'Europe/Kyiv' }).format(start)}T09:00:00+02:00`);
const clock = () => kyivNine + (Date.now() - start) * SPEED;

interface DemoHub {
  site: string;
  uk: string;
  en: string;
  /** The windows opened, each by an operator allowed there. */
  windows: { counter: string; operator: string }[];
  /** Visitors a simulated hour. */
  perHour: number;
}

/** Three centres of different sizes: the demo config's regional office, and two small ones. */
const HUBS: DemoHub[] = [
  {
    site: 'kyiv-central',
    uk: 'ЦНАП Київ, Центральний',
    en: 'Kyiv Central Service Centre',
    windows: [
      { counter: 'w1', operator: 'olena' },
      { counter: 'w2', operator: 'taras' },
      { counter: 'w3', operator: 'mykola' },
      { counter: 'w6', operator: 'iryna' },
      { counter: 'w8', operator: 'andrii' },
      { counter: 'w10', operator: 'oksana' },
    ],
    perHour: 90,
  },
  {
    site: 'irpin',
    uk: 'ЦНАП Ірпінь',
    en: 'Irpin Service Centre',
    windows: [
      { counter: 'w1', operator: 'olena' },
      { counter: 'w3', operator: 'mykola' },
    ],
    perHour: 30,
  },
  {
    site: 'bucha',
    uk: 'ЦНАП Буча',
    en: 'Bucha Service Centre',
    windows: [{ counter: 'w3', operator: 'mykola' }],
    perHour: 14,
  },
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function hubConfig(h: DemoHub, dir: string, brokerUrl: string): Config {
  const input = load(readFileSync(join(REPO, 'config/demo-centre.yaml'), 'utf8')) as ConfigInput;
  return configSchema.parse({
    ...input,
    site: { ...input.site, id: h.site, name: { uk: h.uk, en: h.en } },
    dataDir: join(dir, h.site),
    http: { port: 0, host: '127.0.0.1' },
    broker: { port: 0, host: '127.0.0.1' },
    backups: { enabled: false },
    central: { url: brokerUrl, password: `demo-${h.site}`, liveIntervalSeconds: 2 },
  });
}

/** The services a hub's open windows serve: the kiosk issues only those, so every queue moves. */
function servedServices(config: Config, h: DemoHub): string[] {
  const open = new Set(h.windows.map((w) => w.counter));
  return [...new Set(config.counters.filter((c) => open.has(c.id)).flatMap((c) => c.services.map((s) => s.service)))];
}

async function client(url: string, site: string, device: string): Promise<ViknoClient> {
  const c = createClient({ url, site, device, secret: `demo-${device}`, commandTimeoutMs: 10_000, mqtt: { reconnectPeriod: 500 } });
  await c.ready();
  return c;
}

/** Visitors arrive at random (Poisson, `perHour` a simulated hour); each window calls, serves 4–12 simulated minutes, finishes. */
function simulate(h: DemoHub, config: Config, mqttUrl: string, stopped: () => boolean): Promise<void>[] {
  const services = servedServices(config, h);
  const realMs = (simulatedMs: number) => simulatedMs / SPEED;
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const kiosk = (async () => {
    const k = await client(mqttUrl, h.site, 'kiosk-1');
    while (!stopped()) {
      await pause(realMs((-Math.log(1 - Math.random()) * 3600_000) / h.perHour));
      const service = services[Math.floor(Math.random() * services.length)]!;
      await k.command('ticket.issue', { service, language: 'uk' }).catch((e: unknown) => log.warn({ err: e, site: h.site }, 'demo: issue'));
    }
    await k.close();
  })();
  const windows = h.windows.map(async (w) => {
    const c = await client(mqttUrl, h.site, `counter-${w.counter}`);
    await c.command('operator.login', { username: w.operator, pin: '1234' });
    while (!stopped()) {
      const called = await c.command('counter.callNext', {}).then(
        () => true,
        () => false,
      );
      if (!called) {
        await pause(realMs(30_000));
        continue;
      }
      await pause(realMs((4 + Math.random() * 8) * 60_000));
      await c.command('counter.finish', { outcomes: [] }).catch(() => undefined);
    }
    await c.close();
  });
  return [kiosk, ...windows];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vikno-central-demo-'));
  // Run as root, PostgreSQL runs as the postgres user (pg-cluster.ts), which must reach its folder inside.
  chmodSync(dir, 0o755);
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
  };
  let stopping = false;
  try {
    const cluster = startPgCluster(join(dir, 'pg'), await freePort());
    cleanups.push(() => cluster.stop());
    const pool = new pg.Pool({ connectionString: cluster.url, max: 10 });
    cleanups.push(() => pool.end());
    await migrate(pool);
    await bootstrapFirstUser(pool, process.env.VIKNO_CENTRAL_FIRST_USER ?? 'region:demo');

    const brokerPort = await freePort();
    const brokerUrl = `mqtt://127.0.0.1:${brokerPort}`;
    const config: CentralConfig = {
      database: { url: cluster.url, poolSize: 10 },
      broker: { url: brokerUrl, password: CENTRAL_PASSWORD },
      sites: HUBS.map((h) => ({ id: h.site, secretHash: hashSecret(`demo-${h.site}`, 1000) })),
    };
    writeRegionBrokerFiles(config, { dir: join(dir, 'broker'), port: brokerPort, bind: '127.0.0.1', centralPassword: CENTRAL_PASSWORD });
    const broker = await runMosquitto(join(dir, 'broker'), brokerPort);
    cleanups.push(() => broker.stop());

    const central = await startCentral({ config, pool, log });
    cleanups.push(() => central.close());
    const http = await startCentralHttp({
      pool,
      log,
      port: HTTP_PORT,
      host: process.env.VIKNO_CENTRAL_HTTP_HOST ?? '127.0.0.1',
      now: clock,
    });
    cleanups.push(() => http.close());

    const runs: Promise<void>[] = [];
    for (const h of HUBS) {
      const hubConfigOf = hubConfig(h, dir, brokerUrl);
      const hub = await startHub(hubConfigOf, log, clock);
      cleanups.push(() => hub.stop());
      runs.push(...simulate(h, hubConfigOf, hub.mqttUrl, () => stopping));
    }
    process.stdout.write(
      [
        '',
        'Vikno region demo: PostgreSQL, Mosquitto, the central service and three hubs on a clock 10× real time from 09:00.',
        `  supervisors: ${http.url}/central/   (sign in: region / demo)`,
        `  public:      ${http.url}/centres    API: ${http.url}/api/public/centres`,
        `  data:        ${dir} (deleted on exit)`,
        'Ctrl-C stops it.',
        '',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    stopping = true;
    await Promise.race([Promise.allSettled(runs), new Promise((r) => setTimeout(r, 3000))]);
  } finally {
    await stop();
  }
}

await main();
process.exit(0);
