// The embedded broker: aedes on a TCP port for devices and tests, and on a WebSocket path of the
// hub's HTTP server for the browser pages. Every connection signs in; every publish and subscribe
// is checked against the sender's ACL.
import { once } from 'node:events';
import type { Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError } from 'aedes';
import type { Logger } from 'pino';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { BrokerAuth, type Identity } from './auth.js';
import { aedesBus, type Bus } from './bus.js';

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

export async function startEmbeddedBroker(opts: {
  auth: BrokerAuth;
  host: string;
  port: number;
  http: HttpServer;
  log: Logger;
}): Promise<EmbeddedBroker> {
  const { auth, log } = opts;
  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      const who = auth.authenticate(username, password);
      if (!who) {
        log.warn({ client: client.id, username }, 'broker: sign-in refused');
        // CONNACK return code 4: bad user name or password (MQTT 3.1.1 §3.2.2.3).
        const error = Object.assign(new Error('bad username or password'), { returnCode: 4 }) as AuthenticateError;
        return done(error, false);
      }
      identities.set(client, who);
      done(null, true);
    },
    authorizePublish(client, packet, callback) {
      // Publishes made by aedes itself (client null) are the broker's own.
      if (!client) return callback(null);
      const who = identities.get(client);
      if (who && BrokerAuth.canPublish(who, packet.topic)) return callback(null);
      log.warn({ device: who?.device, topic: packet.topic }, 'broker: publish refused');
      // MQTT 3.1.1 has no negative PUBACK: an error makes aedes close the connection (§4.8, allowed).
      callback(new Error(`${who?.device ?? client.id} may not publish to ${packet.topic}`));
    },
    authorizeSubscribe(client, subscription, callback) {
      const who = identities.get(client);
      if (who && BrokerAuth.canSubscribe(who, subscription.topic)) return callback(null, subscription);
      log.warn({ device: who?.device, topic: subscription.topic }, 'broker: subscribe refused');
      // A null subscription makes aedes answer SUBACK 0x80, failure (MQTT 3.1.1 §3.9.3).
      callback(null, null);
    },
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
    wss.handleUpgrade(req, socket, head, (ws) => broker.handle(createWebSocketStream(ws), req));
  };
  opts.http.on('upgrade', onUpgrade);

  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    bus: aedesBus(broker),
    async close() {
      opts.http.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      tcp.close();
    },
  };
}
