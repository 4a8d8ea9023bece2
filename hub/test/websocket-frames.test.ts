// The hub's MQTT over WebSocket, as the browser apps use it: every WebSocket message the hub sends
// holds whole MQTT packets, one message per packet, not a packet's pieces in messages of their own.
import { topics } from '@vikno/shared';
import { deviceClientId } from '@vikno/shared/client';
import { generate, parser as mqttParser } from 'mqtt-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunningHub } from '../src/app.js';
import { runHub, until } from './harness.js';

let hub: RunningHub;

beforeAll(async () => {
  hub = await runHub();
});

afterAll(async () => {
  await hub.stop();
});

describe('MQTT over WebSocket', () => {
  it('never splits a packet across WebSocket messages', async () => {
    const socket = new WebSocket(`${hub.httpUrl.replace('http', 'ws')}/mqtt`, 'mqtt');
    const messages: Buffer[] = [];
    socket.on('message', (data: Buffer) => messages.push(data));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const device = 'display-hall';
    socket.send(
      generate({
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 4,
        clean: true,
        keepalive: 60,
        clientId: deviceClientId(device),
        username: device,
        password: Buffer.from(`demo-${device}`),
      }),
    );
    // Retained state the display asks for: several PUBLISH packets with topics and payloads.
    const retained = [topics.presence('demo', 'hub'), topics.calls('demo'), topics.queue('demo', '+')];
    socket.send(generate({ cmd: 'subscribe', messageId: 1, subscriptions: retained.map((topic) => ({ topic, qos: 0 })) }));

    // Each message parsed on its own: whole packets (several may share one), no piece of a packet.
    const parseAlone = (message: Buffer): string[] => {
      const parser = mqttParser({ protocolVersion: 4 });
      const cmds: string[] = [];
      parser.on('packet', (p: { cmd: string }) => cmds.push(p.cmd));
      parser.on('error', () => cmds.push('error'));
      const left = parser.parse(message);
      return cmds.length && left === 0 ? cmds : [...cmds, 'piece'];
    };
    await until(
      () => messages.flatMap(parseAlone).filter((c) => c === 'publish').length >= 2 || messages.length > 20,
      5000,
      'retained publishes',
    );
    socket.close();
    const perMessage = messages.map(parseAlone);
    expect(perMessage.filter((cmds) => cmds.includes('piece') || cmds.includes('error'))).toEqual([]);
    expect(perMessage.flat().filter((c) => c === 'publish').length).toBeGreaterThanOrEqual(2);
  });
});
