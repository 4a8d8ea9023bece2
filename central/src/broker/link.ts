// Central's client of the region's broker: every site's messages in, validated with the contract
// (shared/src/central.ts), and the acknowledgements out. A persistent session, so batches that
// arrive while central restarts wait at the broker.
import {
  CENTRAL_ROOT,
  type CentralAck,
  type CentralCatalogue,
  centralEventBatchSchema,
  centralLiveSchema,
  centralPresenceSchema,
  centralTopics,
  idSchema,
} from '@vikno/shared';
import { connect, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { CENTRAL_USERNAME } from '../config.js';
import type { Ingest } from '../ingest/ingest.js';

const schemas = { events: centralEventBatchSchema, presence: centralPresenceSchema, live: centralLiveSchema } as const;
type Kind = keyof typeof schemas;

export interface BrokerLink {
  acknowledge(ack: CentralAck): void;
  /** The region's catalogue, retained on the site's catalogue topic. */
  catalogue(site: string, message: CentralCatalogue): void;
  /** Resolves once subscribed. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function connectBroker(url: string, password: string, ingest: Ingest, log: Logger): BrokerLink {
  const client: MqttClient = connect(url, {
    protocolVersion: 4,
    clientId: CENTRAL_USERNAME,
    username: CENTRAL_USERNAME,
    password,
    clean: false,
    reconnectPeriod: 1000,
  });
  client.on('error', (err) => log.warn({ err: err.message }, 'central: the region broker refused or failed'));
  client.on('offline', () => log.warn('central: the region broker is away; reconnecting'));
  client.on('message', (topic, payload, packet) => receive(topic, payload, packet.retain, ingest, log));
  const ready = new Promise<void>((resolve) => {
    client.on('connect', (connack) => {
      log.info({ broker: url, sessionPresent: connack.sessionPresent }, 'central: connected to the region broker');
      const filter = Object.keys(schemas).map((k) => `${CENTRAL_ROOT}/+/${k}`);
      client.subscribe(filter, { qos: 1 }, (err) => {
        if (err) log.error({ err: err.message }, 'central: could not subscribe');
        else resolve();
      });
    });
  });
  return {
    ready,
    acknowledge(ack) {
      client.publish(centralTopics.ack(ack.site), JSON.stringify(ack), { qos: 1, retain: true });
    },
    catalogue(site, message) {
      client.publish(centralTopics.catalogue(site), JSON.stringify(message), { qos: 1, retain: true });
    },
    async close() {
      await client.endAsync();
    },
  };
}

function receive(topic: string, payload: Buffer, retained: boolean, ingest: Ingest, log: Logger): void {
  const [, , site, kind] = topic.split('/');
  if (site === undefined || !idSchema.safeParse(site).success || !(kind! in schemas)) return;
  const drop = (problems: unknown) =>
    log.warn(
      { site, topic, problems, bytes: payload.length },
      `central: a ${kind} message from ${site} does not fit the contract; dropped`,
    );
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch (err) {
    return drop((err as Error).message);
  }
  const parsed = (schemas[kind as Kind] as z.ZodType).safeParse(body);
  if (!parsed.success) return drop(parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`));
  const data = parsed.data as z.infer<(typeof schemas)[Kind]>;
  if ('site' in data && data.site !== site) return drop(`it names site "${data.site}" on ${site}'s topic`);
  if (kind === 'events') ingest.events(site, (data as z.infer<typeof centralEventBatchSchema>).events);
  else if (kind === 'presence') ingest.presence(site, data as z.infer<typeof centralPresenceSchema>, retained);
  else ingest.live(site, data as z.infer<typeof centralLiveSchema>);
}
