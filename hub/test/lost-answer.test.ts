// An answer lost with the device's connection: the device sends its waiting command again under the
// same id once it has reconnected, and gets the recorded answer; nothing is done twice.
import type { Socket } from 'node:net';
import type { CommandResult } from '@vikno/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { closeClients, demoConfig, device, runHub, until } from './harness.js';

let hub: RunningHub;

beforeAll(async () => {
  hub = await runHub(demoConfig());
});

afterAll(async () => {
  await closeClients();
  await hub.stop();
});

describe('an answer lost with the connection', () => {
  it('is had after the reconnect, from the command sent again under its id, and the ticket is issued once', async () => {
    const kiosk = await device(hub, 'kiosk-1');
    const record = hub.hub.record;
    const before = [...hub.hub.state.tickets()].length;
    const answered = kiosk.command('ticket.issue', { service: 'consultation', language: 'uk' }, { id: 'lost-answer-1' });
    // The kiosk stops reading: the hub's answer stays unread in the socket and goes with it.
    const socket = kiosk.mqtt.stream as Socket;
    socket.pause();
    await until(() => record.reply('kiosk-1', 'lost-answer-1'), 5000, 'the command recorded');
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();

    const issued = (await answered) as CommandResult<'ticket.issue'>;
    expect(JSON.parse(record.reply('kiosk-1', 'lost-answer-1')!).data.ticket.id).toBe(issued.ticket.id);
    expect([...hub.hub.state.tickets()].length).toBe(before + 1);
  });
});
