import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Aedes } from 'aedes';
import { connectAsync } from 'mqtt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../bench/hub-process.js';
import { HUB_PASSWORD, type Mosquitto, startMosquitto } from '../bench/mosquitto.js';
import { loadConfigFile } from '../config/load.js';
import { aedesBus, type Bus, clientBus } from './bus.js';

let broker: Aedes;
let server: Server;
let url: string;
let mosquitto: Mosquitto;

beforeAll(async () => {
  const demo = loadConfigFile(fileURLToPath(new URL('../../../config/demo-centre.yaml', import.meta.url)));
  if (!demo.ok) throw new Error(demo.problems.join('\n'));
  mosquitto = await startMosquitto(demo.config, mkdtempSync(join(tmpdir(), 'vikno-bus-')), await freePort());
});

afterAll(() => mosquitto.stop());

beforeEach(async () => {
  broker = await Aedes.createBroker();
  server = createServer((socket) => broker.handle(socket)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  url = `mqtt://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => broker.close(() => resolve()));
  server.close();
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

const asHub = { protocolVersion: 4 as const, username: 'hub', password: HUB_PASSWORD };

const kinds: [string, () => Promise<Bus>][] = [
  ['inside aedes', async () => aedesBus(broker)],
  ['over an mqtt.js client to aedes', async () => clientBus(await connectAsync(url, { protocolVersion: 4 }))],
];

describe.each(kinds)('the hub bus %s', (_name, make) => {
  it('delivers the retained messages on subscribe, then live ones, only on its filters, until unsubscribed', async () => {
    const bus = await make();
    await bus.publish('site/queue/a', '{"waiting":1}', { retain: true });
    await bus.publish('site/queue/b', '{"waiting":2}', { retain: true });
    await bus.publish('site/other', 'not retained');
    const seen: string[] = [];
    const unsubscribe = await bus.subscribe(['site/queue/+'], (topic, payload) => seen.push(`${topic} ${payload.toString()}`));
    await until(() => seen.length >= 2);
    expect(seen.sort()).toEqual(['site/queue/a {"waiting":1}', 'site/queue/b {"waiting":2}']);

    // Someone else's publish reaches the bus, and a message outside the filter does not.
    const device = await connectAsync(url, { protocolVersion: 4 });
    await device.publishAsync('site/queue/a', '{"waiting":3}', { qos: 1 });
    await device.publishAsync('site/elsewhere', 'x', { qos: 1 });
    await until(() => seen.length >= 3);
    expect(seen.at(-1)).toBe('site/queue/a {"waiting":3}');

    await unsubscribe();
    await device.publishAsync('site/queue/a', '{"waiting":4}', { qos: 1 });
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toHaveLength(3);
    expect(bus.connected).toBe(true);
    await device.endAsync();
    await bus.close();
    expect(bus.connected).toBe(false);
  });
});

describe.each([
  ...kinds,
  ['over an mqtt.js client to Mosquitto', async () => clientBus(await connectAsync(mosquitto.url, asHub))] as const,
])('the hub bus %s', (_name, make) => {
  it('refuses a topic no broker can take, at once and without sending it, and the messages after it still go', async () => {
    const bus = await make();
    const seen: string[] = [];
    await bus.subscribe(['vikno/v1/demo/reply/kiosk-1/#'], (topic) => seen.push(topic));
    const prefix = 'vikno/v1/demo/reply/kiosk-1/';
    await expect(bus.publish(`${prefix}${'x'.repeat(70_000)}`, '{}')).rejects.toThrow(/70028 bytes long; MQTT allows at most 65535/);
    await expect(bus.publish(`${prefix}a\u0000b`, '{}')).rejects.toThrow(/character U\+0000/);
    await expect(bus.publish(`${prefix}a\u0001b`, '{}')).rejects.toThrow(/character U\+0001/);
    await expect(bus.publish(`${prefix}a\ufffeb`, '{}')).rejects.toThrow(/character U\+FFFE/);
    await expect(bus.publish(`${prefix}+`, '{}')).rejects.toThrow(/wildcard/);
    await bus.publish(`${prefix}ok`, '{}');
    await until(() => seen.length > 0);
    expect(seen).toEqual([`${prefix}ok`]);
    // A topic refused before sending is the caller's mistake, not the broker's: the hub can still publish.
    expect(bus.health()).toEqual({ connected: true, canPublish: true, waiting: 0, oldestWaitingMs: 0, lastFailure: null });
    await bus.close();
  });
});

describe('the hub bus health', () => {
  it('says the hub cannot publish while Mosquitto takes no message, and can again once it does', async () => {
    const bus = clientBus(await connectAsync(mosquitto.url, { ...asHub, keepalive: 60 }), { stalledAfterMs: 300 });
    await bus.publish('vikno/v1/demo/state/probe', '1');
    expect(bus.health().canPublish).toBe(true);
    process.kill(mosquitto.pid, 'SIGSTOP');
    try {
      const sent = bus.publish('vikno/v1/demo/state/probe', '2');
      await until(() => !bus.health().canPublish);
      expect(bus.health()).toMatchObject({ connected: true, canPublish: false, waiting: 1 });
      expect(bus.health().oldestWaitingMs).toBeGreaterThanOrEqual(300);
      process.kill(mosquitto.pid, 'SIGCONT');
      await sent;
      expect(bus.health()).toMatchObject({ connected: true, canPublish: true, waiting: 0 });
    } finally {
      process.kill(mosquitto.pid, 'SIGCONT');
    }
    await bus.close();
  });
});
