// The hub over real MQTT, against the limits measured in the same run on the same broker:
//  - throughput: lanes of kiosks and counters at saturation, in rounds interleaved with rounds of raw
//    SQLite commits (this disk is noisy: a ratio is taken per round, the report gives the median);
//  - latency: with paced background lanes, samples of the raw broker hop and of one durable commit
//    interleaved one by one with a counter's "call next" → a display seeing the call, and a kiosk's
//    issue → its answer.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, type ConfigInput, configSchema, type RecentCalls, topics } from '@vikno/shared';
import { SUBSCRIBED_QOS } from '@vikno/shared/client';
import type { MqttClient } from 'mqtt';
import { stringify } from 'yaml';
import { BrokerProbe, DurableCommitProbe, rawCommits, storeCommits } from './baselines.js';
import { freePort, type HubProcess, spawnHub } from './hub-process.js';
import { closeAll, connectLanes, deviceClient, laneCounters, rawClient, runLanes } from './load.js';
import { type Latency, latency, median, percentile, ratio, round } from './measure.js';
import { HUB_PASSWORD, type Mosquitto, startMosquitto } from './mosquitto.js';

export interface MqttOptions {
  broker: 'embedded' | 'mosquitto';
  scratch: string;
  centre: ConfigInput;
  /** Lanes driven at saturation. */
  lanes: number;
  throughputRounds: number;
  throughputSeconds: number;
  commitSeconds: number;
  /** Background load during the latency samples, in commands per second. */
  backgroundCommandsPerSecond: number;
  latencySeconds: number;
  /** Bytes of the raw probe's payload: about a `calls` message with ten calls. */
  probeBytes: number;
  /** Extra node options for the hub process (`--cpu-prof`). */
  nodeArgs: readonly string[];
}

export interface ThroughputRound {
  rawCommitsPerSecond: number;
  /** One command's rows (event, ticket, answer) per transaction through the Store: no group commit. */
  storeCommitsPerSecond: number;
  hubCommandsPerSecond: number;
  /** Hub commands per second over raw single-row commits per second, in this round. */
  ratio: number;
  /** Share of one core the hub process used. */
  hubCpu: number;
  /** CPU time of the hub process per command, broker included (embedded) or not (Mosquitto). */
  hubCpuMsPerCommand: number;
}

const KIOSKS = ['kiosk-1', 'kiosk-2', 'kiosk-3', 'kiosk-4', 'kiosk-5', 'kiosk-6', 'kiosk-7'];
const PROBE_KIOSK = 'kiosk-8';
/**
 * The raw broker probe's sender: a device of its own, not the probe kiosk, since Mosquitto takes a
 * device's id as its client id and a second connection of one device would replace the first.
 */
const RAW_PROBE_DEVICE = 'display-5';

export async function benchHubOverMqtt(o: MqttOptions) {
  const dir = join(o.scratch, o.broker);
  mkdirSync(dir, { recursive: true });
  let mosquitto: Mosquitto | undefined;
  // The hub runs on the real clock, at whatever hour the bench does: a centre without opening hours,
  // whose kiosks issue at any time.
  const centre: ConfigInput = { ...o.centre, site: { ...o.centre.site, businessHours: {} } };
  let input: ConfigInput = centre;
  if (o.broker === 'mosquitto') {
    const port = await freePort();
    input = { ...centre, broker: { url: `mqtt://127.0.0.1:${port}`, username: 'hub', password: HUB_PASSWORD } };
    mosquitto = await startMosquitto(configSchema.parse(input), dir, port);
  }
  const config = configSchema.parse(input);
  const configFile = join(dir, 'centre.yaml');
  writeFileSync(configFile, stringify(input));
  const hub = await spawnHub({
    configFile,
    dataDir: join(dir, 'data'),
    logFile: join(dir, 'hub.log'),
    mqttUrl: mosquitto?.url,
    nodeArgs: o.nodeArgs,
  });
  try {
    const throughput = await measureThroughput(o, config, hub, dir);
    const latencies = await measureLatency(o, config, hub, dir);
    return {
      broker: o.broker === 'mosquitto' ? `mosquitto ${mosquitto?.version}` : 'embedded (aedes)',
      hubStartMs: Math.round(hub.startMs),
      throughput,
      latency: latencies,
    };
  } finally {
    await hub.stop();
    await mosquitto?.stop();
  }
}

async function measureThroughput(o: MqttOptions, config: Config, hub: HubProcess, dir: string) {
  const devices = await connectLanes(hub.mqttUrl, config, o.lanes, KIOSKS);
  const rounds: ThroughputRound[] = [];
  const commitSamples: number[] = [];
  try {
    // A short warm-up: JIT, SQLite page cache, broker subscriptions.
    const warm = performance.now() + 500;
    await runLanes(devices.lanes, () => performance.now() > warm);
    for (let r = 0; r < o.throughputRounds; r++) {
      const raw = rawCommits(dir, o.commitSeconds);
      commitSamples.push(...raw.samples);
      const store = storeCommits(dir, o.commitSeconds);
      const cpu0 = hub.cpuSeconds();
      const end = performance.now() + o.throughputSeconds * 1000;
      const run = await runLanes(devices.lanes, () => performance.now() > end);
      const cpu = hub.cpuSeconds() - cpu0;
      const hubCommandsPerSecond = Math.round(run.commands / run.seconds);
      rounds.push({
        rawCommitsPerSecond: raw.commitsPerSecond,
        storeCommitsPerSecond: store.commitsPerSecond,
        hubCommandsPerSecond,
        ratio: ratio(hubCommandsPerSecond, raw.commitsPerSecond),
        hubCpu: round(cpu / run.seconds, 2),
        hubCpuMsPerCommand: round((cpu * 1000) / run.commands, 3),
      });
    }
  } finally {
    await devices.close();
  }
  const sorted = commitSamples.sort((a, b) => a - b);
  return {
    lanes: o.lanes,
    rounds,
    median: {
      rawCommitsPerSecond: median(rounds.map((r) => r.rawCommitsPerSecond)),
      storeCommitsPerSecond: median(rounds.map((r) => r.storeCommitsPerSecond)),
      hubCommandsPerSecond: median(rounds.map((r) => r.hubCommandsPerSecond)),
      ratio: median(rounds.map((r) => r.ratio)),
      hubCpu: median(rounds.map((r) => r.hubCpu)),
      hubCpuMsPerCommand: median(rounds.map((r) => r.hubCpuMsPerCommand)),
    },
    rawCommitLatency: { p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)) },
  };
}

interface LatencyResult {
  backgroundCommandsPerSecond: number;
  rawIdle: Latency;
  rawLoaded: Latency;
  /** One durable single-row commit, between the probes. */
  durableCommit: Latency;
  /**
   * A raw hop plus a durable commit, sample by sample: the least a call can take when a display is
   * shown only calls that are on disk.
   */
  hopAndCommit: Latency;
  callToDisplay: Latency;
  counterCallReply: Latency;
  kioskIssue: Latency;
  ratios: {
    callP50ToRawP50: number;
    callP99ToRawP99: number;
    callP99ToIdleRawP99: number;
    /** The floor's own ratio: what no hub that publishes only what is on disk can go below. */
    hopAndCommitP99ToRawP99: number;
    callP99ToHopAndCommitP99: number;
    callP50ToHopAndCommitP50: number;
    issueP99ToRawP99: number;
  };
}

async function measureLatency(o: MqttOptions, config: Config, hub: HubProcess, dir: string): Promise<LatencyResult> {
  const site = config.site.id;
  // The probe counter is one no lane uses, of a group no lane serves.
  const lanes = laneCounters(config, o.lanes);
  const laneGroups = new Set(lanes.map((l) => config.services.find((s) => s.id === l.service)?.group));
  const probe = laneCounters(config, config.counters.length).find(
    (c) => !laneGroups.has(config.services.find((s) => s.id === c.service)?.group),
  );
  if (!probe) throw new Error('no counter left for the latency probe');

  const devices = await connectLanes(hub.mqttUrl, config, o.lanes, KIOSKS);
  const kiosk = deviceClient(hub.mqttUrl, site, PROBE_KIOSK);
  const counter = deviceClient(hub.mqttUrl, site, `counter-${probe.counter}`);
  const display = await rawClient(hub.mqttUrl, 'display-1');
  const rawFrom = await rawClient(hub.mqttUrl, RAW_PROBE_DEVICE);
  // The other displays of the hall follow everything, as a hall display does, at the QoS the apps subscribe with.
  const hall = await Promise.all(['display-2', 'display-3', 'display-4'].map((d) => rawClient(hub.mqttUrl, d)));
  await Promise.all(
    hall.map((d) => d.subscribeAsync([topics.queue(site, '+'), topics.counter(site, '+'), topics.calls(site)], { qos: SUBSCRIBED_QOS })),
  );
  await Promise.all([kiosk.ready(), counter.ready()]);
  await counter.command('operator.login', { username: `op-${probe.counter}`, pin: '1234' });
  const raw = await BrokerProbe.start(rawFrom, display, topics.health(site, RAW_PROBE_DEVICE), o.probeBytes);
  const durable = new DurableCommitProbe(dir);
  const calls = callWatcher(display, topics.calls(site));
  await display.subscribeAsync(topics.calls(site), { qos: SUBSCRIBED_QOS });

  const rawIdle: number[] = [];
  const idleEnd = performance.now() + Math.min(2, o.latencySeconds / 2) * 1000;
  while (performance.now() < idleEnd) rawIdle.push(await raw.sample());

  const perLaneRate = o.backgroundCommandsPerSecond / 4 / devices.lanes.length;
  let stopped = false;
  const background = runLanes(devices.lanes, () => stopped, perLaneRate);
  const rawLoaded: number[] = [];
  const commits: number[] = [];
  const call: number[] = [];
  const reply: number[] = [];
  const issue: number[] = [];
  try {
    const end = performance.now() + o.latencySeconds * 1000;
    while (performance.now() < end) {
      rawLoaded.push(await raw.sample());
      commits.push(await durable.sample());
      let t0 = performance.now();
      const issued = await kiosk.command('ticket.issue', { service: probe.service, language: 'uk' });
      issue.push(performance.now() - t0);
      const seen = calls.next(issued.ticket.id);
      t0 = performance.now();
      const answered = counter.command('counter.callNext', {}).then(() => reply.push(performance.now() - t0));
      await seen;
      call.push(performance.now() - t0);
      await answered;
      await counter.command('counter.finish', { outcomes: [] });
    }
  } finally {
    stopped = true;
    durable.close();
    await background;
    await closeAll([kiosk, counter]);
    await devices.close();
    await Promise.all([display, rawFrom, ...hall].map((c) => c.endAsync()));
  }
  const result = {
    backgroundCommandsPerSecond: o.backgroundCommandsPerSecond,
    rawIdle: latency(rawIdle),
    rawLoaded: latency(rawLoaded),
    durableCommit: latency(commits),
    hopAndCommit: latency(rawLoaded.map((hop, i) => hop + commits[i]!)),
    callToDisplay: latency(call),
    counterCallReply: latency(reply),
    kioskIssue: latency(issue),
  };
  return {
    ...result,
    ratios: {
      callP50ToRawP50: ratio(result.callToDisplay.p50Ms, result.rawLoaded.p50Ms),
      callP99ToRawP99: ratio(result.callToDisplay.p99Ms, result.rawLoaded.p99Ms),
      callP99ToIdleRawP99: ratio(result.callToDisplay.p99Ms, result.rawIdle.p99Ms),
      hopAndCommitP99ToRawP99: ratio(result.hopAndCommit.p99Ms, result.rawLoaded.p99Ms),
      callP99ToHopAndCommitP99: ratio(result.callToDisplay.p99Ms, result.hopAndCommit.p99Ms),
      callP50ToHopAndCommitP50: ratio(result.callToDisplay.p50Ms, result.hopAndCommit.p50Ms),
      issueP99ToRawP99: ratio(result.kioskIssue.p99Ms, result.rawLoaded.p99Ms),
    },
  };
}

/** Resolves when the display first receives a `calls` message listing the given ticket. */
function callWatcher(display: MqttClient, topic: string) {
  let wanted: { ticketId: string; resolve: () => void } | undefined;
  display.on('message', (t, payload) => {
    if (t !== topic || !wanted) return;
    const { calls } = JSON.parse(payload.toString('utf8')) as RecentCalls;
    if (calls.some((c) => c.ticketId === wanted?.ticketId)) {
      const w = wanted;
      wanted = undefined;
      w.resolve();
    }
  });
  return {
    next: (ticketId: string) =>
      new Promise<void>((resolve) => {
        wanted = { ticketId, resolve };
      }),
  };
}
