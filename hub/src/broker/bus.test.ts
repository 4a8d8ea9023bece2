import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { connectAsync } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aedesBus, type Bus, clientBus } from './bus.js';

let broker: Aedes;
let server: Server;
let url: string;

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

const kinds: [string, () => Promise<Bus>][] = [
  ['inside aedes', async () => aedesBus(broker)],
  [
    'over an mqtt.js client',
    async () => {
      return clientBus(await connectAsync(url, { protocolVersion: 4 }));
    },
  ],
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
