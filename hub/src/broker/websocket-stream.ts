// A WebSocket as the stream aedes writes MQTT to: one WebSocket message per write burst.
import type { Duplex } from 'node:stream';
import { createWebSocketStream, type WebSocket } from 'ws';

/**
 * mqtt-packet writes a packet as several pieces (fixed header, length, topic, payload) inside a cork,
 * and `ws`'s stream has no `_writev`: each piece would go as its own WebSocket message, five for a
 * PUBLISH, each a task for the browser to receive and mqtt.js to join again (allowed, MQTT 3.1.1 §6.0,
 * but it put the hall display's call behind the other pages' work). Uncorked, the pieces go as one.
 */
export function mqttWebSocketStream(ws: WebSocket): Duplex {
  const duplex = createWebSocketStream(ws);
  duplex._writev = (chunks, callback) => ws.send(Buffer.concat(chunks.map(({ chunk }) => chunk as Uint8Array)), callback);
  return duplex;
}
