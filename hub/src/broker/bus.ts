// The hub's own side of MQTT: what the command loop, the device watch and the LED boards publish and
// follow. With an external broker it is an mqtt.js client. With the embedded broker the hub
// publishes into aedes and subscribes inside it, with no client connection of its own: none of the
// hub's messages is encoded, sent over the loopback, parsed and acknowledged on the way, and a call
// reaches a display in one hop rather than two (docs/performance.md).
import { topicMatches } from '@vikno/shared';
import type { Aedes, PublishPacket } from 'aedes';
import type { MqttClient } from 'mqtt';
import { type BusHealth, PublishTracker } from './publish-health.js';
import { topicNameProblem } from './topic-name.js';

export type Deliver = (topic: string, payload: Buffer) => void;

export interface Bus {
  /**
   * QoS 1. Resolves once the broker has the message; rejects, and sends nothing, for a topic no
   * broker can take (topic-name.ts), so that one bad topic never holds up the messages after it.
   */
  publish(topic: string, payload: string, options?: { retain?: boolean }): Promise<void>;
  /** Live messages on `filters`, and first the retained ones; resolves once subscribed. Returns the unsubscribe. */
  subscribe(filters: readonly string[], deliver: Deliver): Promise<() => Promise<void>>;
  readonly connected: boolean;
  /** Whether the hub can publish now, for /api/health. */
  health(): BusHealth;
  close(): Promise<void>;
}

export interface BusOptions {
  /** How long a publish may wait for the broker before health says the hub cannot publish. */
  stalledAfterMs?: number;
}

/** `send` behind the topic check, watched by `tracker`: a throw comes back as a rejection. */
function checkedPublish(tracker: PublishTracker, send: (topic: string, payload: string, retain: boolean) => Promise<void>): Bus['publish'] {
  return async (topic, payload, options) => {
    const problem = topicNameProblem(topic);
    if (problem) throw new Error(`not published: ${problem}`);
    await tracker.track(() => send(topic, payload, options?.retain ?? false));
  };
}

export function clientBus(client: MqttClient, options: BusOptions = {}): Bus {
  const tracker = new PublishTracker(options.stalledAfterMs);
  return {
    publish: checkedPublish(tracker, async (topic, payload, retain) => {
      await client.publishAsync(topic, payload, { qos: 1, retain });
    }),
    async subscribe(filters, deliver) {
      const onMessage = (topic: string, payload: Buffer) => {
        if (filters.some((f) => topicMatches(f, topic))) deliver(topic, payload);
      };
      client.on('message', onMessage);
      await client.subscribeAsync([...filters], { qos: 1 });
      return async () => {
        client.off('message', onMessage);
        if (client.connected) await client.unsubscribeAsync([...filters]);
      };
    },
    get connected() {
      return client.connected;
    },
    health: () => tracker.health(client.connected),
    close: () => client.endAsync(),
  };
}

interface RetainedStore {
  createRetainedStreamCombi(patterns: string[]): AsyncIterable<{ topic: string; payload: Buffer | string }>;
}

const asBuffer = (payload: Buffer | string) => (typeof payload === 'string' ? Buffer.from(payload) : payload);

export function aedesBus(broker: Aedes, options: BusOptions = {}): Bus {
  let open = true;
  const tracker = new PublishTracker(options.stalledAfterMs);
  const connected = () => open && !broker.closed;
  return {
    publish: checkedPublish(
      tracker,
      (topic, payload, retain) =>
        new Promise((resolve, reject) => {
          // aedes numbers each message and delivers to a client only one numbered above the last it
          // delivered to it, to send a message matched by two of its subscriptions once. That assumes
          // messages reach the client in order; the hub's do not: a retained one is stored first, so a
          // plain one published after it overtook it, and a display subscribed to state/# and event/#
          // lost every live state/calls (aedes issues 955, 994). Numbered per topic, a message is
          // compared only with the messages of its own topic, which all take the same path.
          const packet: PublishPacket & { brokerId: string } = {
            cmd: 'publish',
            topic,
            payload: Buffer.from(payload),
            qos: 1,
            retain,
            dup: false,
            brokerId: `${broker.id} ${topic}`,
          };
          broker.publish(packet, (error) => (error ? reject(error) : resolve()));
        }),
    ),
    async subscribe(filters, deliver) {
      const onPacket = (packet: { topic: string; payload: Buffer | string }, done: () => void) => {
        deliver(packet.topic, asBuffer(packet.payload));
        done();
      };
      await Promise.all(filters.map((f) => new Promise<void>((resolve) => broker.subscribe(f, onPacket, resolve))));
      // A client's SUBSCRIBE gets the retained messages from the broker (MQTT 3.1.1 §3.3.1.3); a
      // subscription inside aedes does not, so they are read here, after the live one is in place.
      for await (const packet of (broker as unknown as { persistence: RetainedStore }).persistence.createRetainedStreamCombi([...filters]))
        deliver(packet.topic, asBuffer(packet.payload));
      return async () => {
        await Promise.all(filters.map((f) => new Promise<void>((resolve) => broker.unsubscribe(f, onPacket, resolve))));
      };
    },
    get connected() {
      return connected();
    },
    health: () => tracker.health(connected()),
    // The broker itself is closed by its owner (embedded.ts), after the hub's last message.
    async close() {
      open = false;
    },
  };
}
