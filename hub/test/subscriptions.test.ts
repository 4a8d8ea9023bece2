// Every subscription set docs/protocol.md gives a device ("What each device subscribes to") gets each
// live message exactly once, on both brokers. The embedded broker once dropped every live
// state/calls for a display subscribed to state/# and event/#: aedes sends a client only messages
// numbered above the last it sent it, and the hub's retained messages were overtaken by its plain ones.
import { topicMatches, topics } from '@vikno/shared';
import { deviceClientId } from '@vikno/shared/client';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { BROKERS, closeClients, counterAt, device, runHubOn, until } from './harness.js';

const s = 'vikno/v1/demo';
const session = 'subscriptions';

/** The sets of protocol.md, each on a device of its own (on Mosquitto a device has one connection). */
const documented: { device: string; what: string; filters: string[] }[] = [
  {
    device: 'display-hall',
    what: 'a display, all it may read',
    filters: [`${s}/state/#`, `${s}/presence/#`, `${s}/health/#`, `${s}/event/#`],
  },
  {
    device: 'display-pickup',
    what: 'the display app',
    filters: [topics.config('demo'), topics.presence('demo', 'hub'), topics.calls('demo'), topics.queue('demo', '+')],
  },
  {
    device: 'kiosk-1',
    what: 'a kiosk, all it may read',
    filters: [`${s}/state/#`, `${s}/presence/#`, `${s}/health/#`, `${s}/reply/kiosk-1/#`],
  },
  {
    device: 'kiosk-2',
    what: 'the kiosk app',
    filters: [topics.config('demo'), topics.presence('demo', 'hub'), topics.queue('demo', '+'), topics.reply('demo', 'kiosk-2', session)],
  },
  {
    device: 'counter-w3',
    what: 'a counter terminal, all it may read',
    filters: [`${s}/state/#`, `${s}/presence/#`, `${s}/health/#`, `${s}/event/#`, `${s}/reply/counter-w3/#`],
  },
  {
    device: 'counter-w2',
    what: 'the counter terminal app',
    filters: [
      topics.config('demo'),
      topics.presence('demo', 'hub'),
      topics.queue('demo', '+'),
      topics.counter('demo', '+'),
      topics.reply('demo', 'counter-w2', session),
    ],
  },
  { device: 'tablet-w3', what: 'a feedback tablet, all it may read', filters: [`${s}/state/#`, `${s}/presence/#`, `${s}/health/#`] },
];

/** One filter per connection: a client that cannot be confused by a second subscription of its own. */
const references: { device: string; filter: string }[] = [
  { device: 'counter-w9', filter: `${s}/state/#` },
  { device: 'counter-w10', filter: `${s}/event/#` },
  { device: 'counter-w11', filter: `${s}/presence/#` },
  { device: 'counter-w12', filter: `${s}/health/#` },
];

interface Follower {
  client: MqttClient;
  /** `topic payload` of each live (not retained) message, in arrival order. */
  live: string[];
}

async function follow(hub: RunningHub, id: string, filters: string[]): Promise<Follower> {
  const client = await connectAsync(hub.mqttUrl, {
    protocolVersion: 4,
    clientId: deviceClientId(id),
    username: id,
    password: `demo-${id}`,
    reconnectPeriod: 0,
  });
  const live: string[] = [];
  client.on('message', (topic, payload, packet) => {
    if (!packet.retain) live.push(`${topic} ${payload.toString('utf8')}`);
  });
  await client.subscribeAsync(filters, { qos: 1 });
  return { client, live };
}

const sorted = (lines: readonly string[]) => [...lines].sort();
const count = (lines: readonly string[], topic: string) => lines.filter((l) => l.startsWith(`${topic} `)).length;

describe.each(BROKERS)('documented subscriptions on the %s broker', (broker) => {
  let hub: RunningHub;
  const followers = new Map<string, Follower>();
  let reference: string[] = [];

  beforeAll(async () => {
    hub = await runHubOn(broker);
    for (const r of references) followers.set(r.device, await follow(hub, r.device, [r.filter]));
    for (const d of documented) followers.set(d.device, await follow(hub, d.device, d.filters));

    // A morning in small: six tickets issued, called and finished, and a device's health.
    const admin = await device(hub, 'admin-1');
    const counter = await counterAt(hub, 'w1');
    for (let i = 0; i < 6; i++) await admin.command('ticket.issue', { service: 'residence-register', language: 'uk' });
    for (let i = 0; i < 6; i++) {
      await counter.command('counter.callNext', {});
      await counter.command('counter.finish', { outcomes: [] });
    }
    await admin.mqtt.publishAsync(topics.health('demo', 'admin-1'), JSON.stringify({ device: 'admin-1', printer: null, at: 'now' }), {
      qos: 1,
      retain: true,
    });
    await hub.hub.idle();
    const state = followers.get('counter-w9')!;
    const events = followers.get('counter-w10')!;
    await until(
      () => count(state.live, topics.calls('demo')) === 6 && count(events.live, topics.event('demo', 'ticket.finished')) === 6,
      10_000,
      'the reference clients to see six calls and six finishes',
    );
    await until(() => followers.get('counter-w12')!.live.length === 1, 5000, 'the health message');
    reference = references.flatMap((r) => followers.get(r.device)!.live);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([...followers.values()].map((f) => f.client.endAsync()));
    await closeClients();
    await hub?.stop();
  });

  it('the single-filter references saw the morning: six live calls, six called events, presence and health', () => {
    expect(count(reference, topics.calls('demo'))).toBe(6);
    expect(count(reference, topics.event('demo', 'ticket.called'))).toBe(6);
    expect(count(reference, topics.presence('demo', 'admin-1'))).toBeGreaterThan(0);
    expect(count(reference, topics.health('demo', 'admin-1'))).toBe(1);
  });

  it.each(documented)('$what ($device) gets every live message on its filters exactly once', async ({ device: id, filters }) => {
    const expected = reference.filter((line) => filters.some((f) => topicMatches(f, line.slice(0, line.indexOf(' ')))));
    const seen = followers.get(id)!.live;
    await until(() => seen.length >= expected.length, 5000, `${id} to see ${expected.length} live messages`).catch(() => undefined);
    expect(sorted(seen)).toEqual(sorted(expected));
    if (filters.some((f) => topicMatches(f, topics.calls('demo')))) expect(count(seen, topics.calls('demo'))).toBe(6);
  });
});
