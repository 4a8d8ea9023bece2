// A WebSocket as the stream aedes writes MQTT to: what it writes in one turn of the event loop goes
// as one WebSocket message.
import type { Duplex } from 'node:stream';
import { createWebSocketStream, type WebSocket } from 'ws';

/**
 * mqtt-packet writes a packet in pieces (fixed header, length, topic, payload), and aedes writes the
 * packets of one change (a batch's calls, queues and counters) a promise step apart; `ws`'s stream
 * sends every write as its own WebSocket message: five for a PUBLISH, each a socket write that wakes
 * the browser, and a task for it to receive and for mqtt.js to join again. Under load those writes
 * took a fifth of the hub's thread, and the hall display's call waited behind them. Here the turn's
 * writes are gathered and sent once the turn's I/O is done (a WebSocket message may hold several
 * packets, or part of one: MQTT 3.1.1 §6.0).
 */
export function mqttWebSocketStream(ws: WebSocket): Duplex {
  const duplex = createWebSocketStream(ws);
  let pending: Uint8Array[] = [];
  const flush = () => {
    if (!pending.length) return;
    const data = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    pending = [];
    ws.send(data, (error) => {
      if (error) duplex.destroy(error);
    });
  };
  const gather = (chunks: Uint8Array[]) => {
    if (!pending.length) setImmediate(flush);
    pending.push(...chunks);
  };
  duplex._write = (chunk: Uint8Array, _encoding, callback) => {
    gather([chunk]);
    callback();
  };
  duplex._writev = (chunks, callback) => {
    gather(chunks.map(({ chunk }) => chunk as Uint8Array));
    callback();
  };
  // A last packet (a refused CONNACK, say) goes before the stream ends or is torn down.
  const final = duplex._final.bind(duplex);
  duplex._final = (callback) => {
    flush();
    final(callback);
  };
  const destroy = duplex._destroy.bind(duplex);
  duplex._destroy = (error, callback) => {
    if (ws.readyState === ws.OPEN) flush();
    destroy(error, callback);
  };
  return duplex;
}
