// The embedded broker: aedes on a TCP port for devices and tests, and on a WebSocket path of the
// hub's HTTP server for the browser pages. Every connection signs in; every publish and subscribe
// is checked against the sender's ACL.
import { once } from 'node:events';
import type { Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { clientAddress } from '../http/client-address.js';
import { RepeatedWarnings } from '../log/repeated-warnings.js';
import type { Pairings } from '../security/pairing.js';
import { BrokerAuth, type Identity, type SignIn } from './auth.js';
import { aedesBus, type Bus } from './bus.js';
import { mqttWebSocketStream } from './websocket-stream.js';

export const WS_PATH = '/mqtt';

export interface EmbeddedBroker {
  /** Where devices and tests connect over TCP. */
  url: string;
  port: number;
  /** The hub's own publishing and subscribing, inside the broker (bus.ts). */
  bus: Bus;
  close(): Promise<void>;
}

const identities = new WeakMap<object, Identity>();

/** CONNACK return codes for each refusal (MQTT 3.1.1 §3.2.2.3). */
const REFUSAL: Record<Exclude<SignIn, { ok: true }>['refused'], { code: 2 | 3 | 4; message: string }> = {
  clientId: { code: 2, message: 'identifier rejected: the client id must be the device id, or start with it and a dash' },
  // 3, server unavailable, rather than 5: a device of the hall behind the same address retries.
  tooManyFailures: { code: 3, message: 'too many failed sign-ins from this address; try again later' },
  credentials: { code: 4, message: 'bad username or password' },
};

export async function startEmbeddedBroker(opts: {
  auth: BrokerAuth;
  host: string;
  port: number;
  http: HttpServer;
  /** Behind a reverse proxy (`http.trustProxy`), a WebSocket client's address is the one the proxy adds. */
  trustProxy?: boolean;
  log: Logger;
  /** A device revoked or paired anew loses its connections at once: they signed in with a secret that no longer counts. */
  pairings?: Pairings;
}): Promise<EmbeddedBroker> {
  const { auth, log } = opts;
  const connections = new Map<string, Set<Client>>();
  const warnings = new RepeatedWarnings(log);
  const addressOf = (client: Client) =>
    client.req
      ? clientAddress(client.req, opts.trustProxy ?? false)
      : ((client.conn as { remoteAddress?: string }).remoteAddress ?? 'unknown');
  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      const address = addressOf(client);
      auth.signIn(username, password, address, client.id).then(
        (result) => {
          if (result.ok) {
            identities.set(client, result.who);
            const own = connections.get(result.who.device) ?? new Set();
            connections.set(result.who.device, own.add(client));
            return done(null, true);
          }
          const { code, message } = REFUSAL[result.refused];
          warnings.warn({ address }, { client: client.id, username, code }, `broker: sign-in refused: ${message}`);
          done(Object.assign(new Error(message), { returnCode: code }) as AuthenticateError, false);
        },
        (error: unknown) => {
          log.error({ err: error, client: client.id }, 'broker: sign-in failed');
          done(Object.assign(new Error('server unavailable'), { returnCode: 3 }) as AuthenticateError, false);
        },
      );
    },
    authorizePublish(client, packet, callback) {
      // Publishes made by aedes itself (client null) are the broker's own.
      if (!client) return callback(null);
      const who = identities.get(client);
      if (who && BrokerAuth.canPublish(who, packet.topic)) return callback(null);
      warnings.warn({ device: who?.device ?? client.id }, { topic: packet.topic }, 'broker: publish refused');
      // MQTT 3.1.1 has no negative PUBACK: an error makes aedes close the connection (§4.8, allowed).
      callback(new Error(`${who?.device ?? client.id} may not publish to ${packet.topic}`));
    },
    authorizeSubscribe(client, subscription, callback) {
      const who = identities.get(client);
      if (who && BrokerAuth.canSubscribe(who, subscription.topic)) return callback(null, subscription);
      warnings.warn({ device: who?.device ?? client.id }, { topic: subscription.topic }, 'broker: subscribe refused');
      // A null subscription makes aedes answer SUBACK 0x80, failure (MQTT 3.1.1 §3.9.3).
      callback(null, null);
    },
  });

  broker.on('clientDisconnect', (client) => {
    const device = identities.get(client)?.device;
    const own = device === undefined ? undefined : connections.get(device);
    own?.delete(client);
    if (device !== undefined && own?.size === 0) connections.delete(device);
  });
  const stopWatching = opts.pairings?.onChange((device, change) => {
    const own = connections.get(device);
    connections.delete(device);
    if (own?.size)
      log.info({ device, change, connections: own.size }, 'broker: closing the connections of a device whose secret no longer counts');
    for (const client of own ?? []) client.close();
  });

  // Without TCP_NODELAY, Nagle's algorithm and delayed ACKs hold small MQTT packets for ~40 ms each way.
  const tcp: Server = createServer((socket) => {
    socket.setNoDelay(true);
    broker.handle(socket);
  });
  tcp.listen(opts.port, opts.host);
  await once(tcp, 'listening');
  const address = tcp.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;

  const wss = new WebSocketServer({ noServer: true });
  const onUpgrade = (req: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== WS_PATH) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => broker.handle(mqttWebSocketStream(ws), req));
  };
  opts.http.on('upgrade', onUpgrade);

  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    bus: aedesBus(broker),
    async close() {
      warnings.close();
      stopWatching?.();
      opts.http.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      tcp.close();
    },
  };
}
