// npm run bench: the hub against the limits of this machine, measured in the same run.
//  1. raw better-sqlite3 single-row commits per second with exactly the hub's pragmas;
//  2. raw MQTT QoS 1 publish → receive round trip on the embedded broker;
//  3. the hub issuing tickets over MQTT: commands per second, as a share of (1), and the issue
//     round trip, as a multiple of (2).
// `--quick` runs each for a fraction of the time (the test suite uses it so the benchmark cannot rot).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConfigInput, configSchema } from '@vikno/shared';
import { createClient, withoutNagle } from '@vikno/shared/client';
import { connect } from 'mqtt';
import { pino } from 'pino';
import { parse } from 'yaml';
import { startHub } from '../app.js';
import { openDatabase } from '../store/store.js';

const quick = process.argv.includes('--quick');
const seconds = quick ? 0.3 : 3;
const log = pino({ level: process.env.VIKNO_LOG_LEVEL ?? 'info', base: { app: 'vikno-bench' } });
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'vikno-bench-'));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function latency(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50Ms: round(percentile(s, 50)), p95Ms: round(percentile(s, 95)), p99Ms: round(percentile(s, 99)) };
}

function round(x: number, digits = 3): number {
  return Number(x.toFixed(digits));
}

function rawSqliteCommits(): { commitsPerSecond: number } {
  const db = openDatabase(join(scratch, 'raw.db'));
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, day TEXT, at INTEGER, data TEXT)');
  const insert = db.prepare('INSERT INTO t (day, at, data) VALUES (?, ?, ?)');
  const commit = db.transaction((i: number) => insert.run('2026-01-01', i, '{"type":"ticket.issued"}'));
  const end = performance.now() + seconds * 1000;
  let n = 0;
  while (performance.now() < end) commit(n++);
  db.close();
  return { commitsPerSecond: Math.round(n / seconds) };
}

async function rawBrokerRoundTrip(url: string, username: string, password: string, topic: string) {
  const client = connect(url, { protocolVersion: 4, username, password });
  withoutNagle(client);
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  await client.subscribeAsync(topic, { qos: 1 });
  const samples: number[] = [];
  let pending: (() => void) | undefined;
  client.on('message', () => pending?.());
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      pending = resolve;
      client.publish(topic, '{"status":"online"}', { qos: 1 });
    });
    samples.push(performance.now() - t0);
  }
  await client.endAsync();
  return latency(samples);
}

async function main(): Promise<void> {
  const input = parse(readFileSync(join(repo, 'config/demo-centre.yaml'), 'utf8')) as ConfigInput;
  const config = configSchema.parse({
    ...input,
    dataDir: join(scratch, 'hub'),
    http: { port: 0, host: '127.0.0.1' },
    broker: { port: 0, host: '127.0.0.1' },
  });
  const sqlite = rawSqliteCommits();
  log.info(sqlite, 'baseline: raw SQLite commits');

  const hub = await startHub(config, pino({ level: 'warn' }));
  // A kiosk's own presence topic is one it may both write and read: a fair raw round trip.
  const broker = await rawBrokerRoundTrip(hub.mqttUrl, 'kiosk-2', 'demo-kiosk-2', 'vikno/v1/demo/presence/kiosk-2');
  log.info(broker, 'baseline: raw broker round trip');

  const kiosk = createClient({ url: hub.mqttUrl, site: 'demo', device: 'kiosk-1', secret: 'demo-kiosk-1' });
  await kiosk.ready();
  const services = config.services.filter((s) => s.active).map((s) => s.id);
  // Sequential issues: the round trip a visitor waits for at the kiosk.
  const sequential: number[] = [];
  let end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    await kiosk.command('ticket.issue', { service: services[sequential.length % services.length]!, language: 'uk' });
    sequential.push(performance.now() - t0);
  }
  const issue = latency(sequential);
  log.info(issue, 'hub: kiosk issue round trip');

  // Many kiosks at once: sustained commands per second.
  const inFlight = 32;
  let done = 0;
  const t0 = performance.now();
  end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        await kiosk.command('ticket.issue', { service: services[done % services.length]!, language: 'en' });
        done++;
      }
    }),
  );
  const throughput = { commandsPerSecond: Math.round(done / ((performance.now() - t0) / 1000)), inFlight };
  log.info(throughput, 'hub: issue throughput');
  await kiosk.close();
  await hub.stop();

  const results = {
    at: new Date().toISOString(),
    quick,
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    baselines: { sqlite, broker },
    hub: { issue, throughput },
    ratios: {
      throughputToRawCommits: round(throughput.commandsPerSecond / sqlite.commitsPerSecond),
      issueP50ToBrokerP50: round(issue.p50Ms / broker.p50Ms, 2),
      issueP99ToBrokerP99: round(issue.p99Ms / broker.p99Ms, 2),
    },
  };
  const outDir = join(repo, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, quick ? 'quick.json' : 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    [
      '',
      `raw SQLite commits (hub pragmas)   ${sqlite.commitsPerSecond}/s`,
      `raw broker round trip (QoS 1)      p50 ${broker.p50Ms} ms  p99 ${broker.p99Ms} ms`,
      `hub ticket.issue round trip        p50 ${issue.p50Ms} ms  p99 ${issue.p99Ms} ms   (${results.ratios.issueP50ToBrokerP50}× / ${results.ratios.issueP99ToBrokerP99}× raw)`,
      `hub ticket.issue throughput        ${throughput.commandsPerSecond}/s with ${inFlight} in flight   (${Math.round(results.ratios.throughputToRawCommits * 100)} % of raw commits)`,
      '',
    ].join('\n'),
  );
}

try {
  await main();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
