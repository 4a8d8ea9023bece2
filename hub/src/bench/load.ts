// Simulated kiosks, counters and displays over real MQTT. A lane is one kiosk and one counter working
// a full ticket lifecycle — issue → call next → start → finish — again and again. Lanes share the
// counters' service group, so a counter may call another lane's ticket; every call still finds one,
// since each lane issues before it calls.
import type { Config } from '@vikno/shared';
import { createClient, deviceClientId, type ViknoClient, withoutNagle } from '@vikno/shared/client';
import { connect, type MqttClient } from 'mqtt';
import { secretOf } from './centre.js';
import { sleep } from './measure.js';

export interface Lane {
  kiosk: ViknoClient;
  counter: ViknoClient;
  service: string;
}

export interface Devices {
  lanes: Lane[];
  clients: ViknoClient[];
  close(): Promise<void>;
}

export function deviceClient(url: string, site: string, device: string): ViknoClient {
  return createClient({ url, site, device, secret: secretOf(device), commandTimeoutMs: 30_000, mqtt: { reconnectPeriod: 0 } });
}

/** A plain mqtt.js connection for a device (no command layer): the raw baselines and the display probe. */
export async function rawClient(url: string, device: string): Promise<MqttClient> {
  const client = connect(url, {
    protocolVersion: 4,
    clientId: deviceClientId(device),
    username: device,
    password: secretOf(device),
    reconnectPeriod: 0,
  });
  withoutNagle(client);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

/**
 * Counters whose only group is their own (no second group), so that a lane's ticket can be called by
 * exactly the lane counters of its group and by no idle counter.
 */
export function laneCounters(config: Config, n: number, exclude: readonly string[] = []): { counter: string; service: string }[] {
  const groupOf = new Map(config.services.map((s) => [s.id, s.group]));
  const single = config.counters.filter(
    (c) => new Set(c.services.map((s) => groupOf.get(s.service))).size === 1 && !exclude.includes(c.id),
  );
  return single.slice(0, n).map((c) => ({ counter: c.id, service: c.services[0]!.service }));
}

export async function connectLanes(url: string, config: Config, lanes: number, kiosks: readonly string[]): Promise<Devices> {
  const site = config.site.id;
  const kioskClients = kiosks.map((k) => deviceClient(url, site, k));
  const picked = laneCounters(config, lanes);
  const counterClients = picked.map((p) => deviceClient(url, site, `counter-${p.counter}`));
  const clients = [...kioskClients, ...counterClients];
  await Promise.all(clients.map((c) => c.ready()));
  await Promise.all(counterClients.map((c, i) => c.command('operator.login', { username: `op-${picked[i]!.counter}`, pin: '1234' })));
  return {
    lanes: picked.map((p, i) => ({ kiosk: kioskClients[i % kioskClients.length]!, counter: counterClients[i]!, service: p.service })),
    clients,
    close: () => closeAll(clients),
  };
}

export async function closeAll(clients: readonly ViknoClient[]): Promise<void> {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
}

export interface LaneRun {
  /** Lifecycle commands answered (four per visitor). */
  commands: number;
  seconds: number;
}

/** One visitor through one lane: four commands. */
export async function lifecycle(lane: Lane): Promise<void> {
  await lane.kiosk.command('ticket.issue', { service: lane.service, language: 'uk' });
  await lane.counter.command('counter.callNext', {});
  await lane.counter.command('counter.start', {});
  await lane.counter.command('counter.finish', { outcomes: [] });
}

/**
 * Runs every lane until `stop()` turns true. With `perLaneRate` (lifecycles per second per lane) the
 * lanes are paced — background load; without, each lane starts its next visitor at once — saturation.
 */
export async function runLanes(lanes: readonly Lane[], stop: () => boolean, perLaneRate?: number): Promise<LaneRun> {
  let commands = 0;
  const t0 = performance.now();
  await Promise.all(
    lanes.map(async (lane, i) => {
      const interval = perLaneRate ? 1000 / perLaneRate : 0;
      // Spread paced lanes over the interval so they do not all fire together.
      let next = t0 + (interval * i) / lanes.length;
      while (!stop()) {
        if (interval) {
          const wait = next - performance.now();
          if (wait > 0) await sleep(wait);
          next += interval;
          if (stop()) break;
        }
        await lifecycle(lane);
        commands += 4;
      }
    }),
  );
  return { commands, seconds: (performance.now() - t0) / 1000 };
}
