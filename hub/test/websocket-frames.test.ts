// The hub's MQTT over WebSocket, as the browser apps use it: every WebSocket message the hub sends
// holds whole MQTT packets, and what it writes together goes together, not a message per piece.
import { topics } from '@vikno/shared';
import { deviceClientId } from '@vikno/shared/client';
import { generate, parser as mqttParser } from 'mqtt-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunningHub } from '../src/app.js';
import { closeClients, counterAt, device, runHub, until } from './harness.js';

let hub: RunningHub;

beforeAll(async () => {
  hub = await runHub();
});

afterAll(async () => {
  await closeClients();
  await hub.stop();
});

interface Packet {
  cmd: string;
  topic?: string;
  payload?: Buffer | string;
}

/** One WebSocket message parsed on its own: its packets, with `piece` when something was left over. */
function parseAlone(message: Buffer): Packet[] {
  const parser = mqttParser({ protocolVersion: 4 });
  const packets: Packet[] = [];
  parser.on('packet', (p) => packets.push(p));
  parser.on('error', () => packets.push({ cmd: 'error' }));
  const left = parser.parse(message);
  return packets.length && left === 0 ? packets : [...packets, { cmd: 'piece' }];
}

/** A display's connection, subscribed to the state it shows; every message it receives, kept. */
async function display(): Promise<{ messages: Buffer[]; close: () => void }> {
  const socket = new WebSocket(`${hub.httpUrl.replace('http', 'ws')}/mqtt`, 'mqtt');
  const messages: Buffer[] = [];
  socket.on('message', (data: Buffer) => messages.push(data));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const id = 'display-hall';
  socket.send(
    generate({
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clean: true,
      keepalive: 60,
      clientId: deviceClientId(id),
      username: id,
      password: Buffer.from(`demo-${id}`),
    }),
  );
  const subscriptions = [topics.presence('demo', 'hub'), topics.calls('demo'), topics.queue('demo', '+')].map((topic) => ({
    topic,
    qos: 0 as const,
  }));
  socket.send(generate({ cmd: 'subscribe', messageId: 1, subscriptions }));
  await until(() => messages.flatMap(parseAlone).some((p) => p.cmd === 'suback'), 5000, 'the subscription');
  return { messages, close: () => socket.close() };
}

describe('MQTT over WebSocket', () => {
  it('never splits a packet across WebSocket messages', async () => {
    const { messages, close } = await display();
    await until(() => messages.flatMap(parseAlone).filter((p) => p.cmd === 'publish').length >= 5, 5000, 'retained state');
    close();
    expect(messages.map(parseAlone).filter((packets) => packets.some((p) => p.cmd === 'piece' || p.cmd === 'error'))).toEqual([]);
  });

  it('sends what one call changed in fewer messages than packets', async () => {
    const { messages, close } = await display();
    const kiosk = await device(hub, 'kiosk-1');
    const counter = await counterAt(hub, 'w1');
    const { ticket } = await kiosk.command('ticket.issue', { service: 'residence-register', language: 'uk' });
    const queueOf = (packets: Packet[]) => packets.filter((p) => p.topic === topics.queue('demo', 'residence-register'));
    // The issue's own queue message is in before the call.
    await until(() => queueOf(messages.flatMap(parseAlone)).some((p) => String(p.payload).includes('"waiting":1')), 5000, 'the queue of 1');
    const before = messages.length;
    await counter.command('counter.callNext', {});
    // The call goes first and the queue after the answer: both in, the burst is over.
    const burst = () => messages.slice(before).flatMap(parseAlone);
    await until(
      () =>
        burst().some((p) => String(p.payload).includes(ticket.number)) &&
        queueOf(burst()).some((p) => String(p.payload).includes('"waiting":0')),
      5000,
      'the call and its queue',
    );
    close();
    const publishes = burst().filter((p) => p.cmd === 'publish').length;
    expect(publishes).toBeGreaterThan(1);
    expect(messages.length - before).toBeLessThan(publishes);
  });
});
