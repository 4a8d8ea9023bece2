// LED boards driven by a real hub: the serial line is a @serialport/binding-mock port with simulated
// boards at its far end, which decode the hub's frames byte by byte; the counters are real MQTT
// clients commanding the real engine.
import { Writable } from 'node:stream';
import type { LedCommand } from '@vikno/hardware';
import { MockBinding, SimulatedLedBoards, simulatedLine } from '@vikno/hardware/led-simulator';
import { type ConfigInput, configSchema, describeConfigIssues } from '@vikno/shared';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningHub, startHub } from '../src/app.js';
import { PAUSED_SYMBOL } from '../src/devices/led-boards.js';
import { closeClients, counterAt, demoConfig, demoConfigInput, demoMorning, device, until } from './harness.js';

const quiet = pino({ level: 'silent' });
const hubs: RunningHub[] = [];

afterAll(async () => {
  await closeClients();
  for (const hub of hubs) await hub.stop();
});

function withBoards(path: string, boards: { counter: string; address: number }[]): (c: ConfigInput) => ConfigInput {
  return (c) => ({ ...c, ledBoards: { path, brightness: 80, blinkSeconds: 30, boards } });
}

async function hubWithBoards(path: string, boards: SimulatedLedBoards, log = quiet): Promise<RunningHub> {
  const config = demoConfig(
    withBoards(path, [
      { counter: 'w3', address: 3 },
      { counter: 'w4', address: 4 },
    ]),
  );
  const hub = await startHub(config, log, demoMorning, { serialBinding: simulatedLine(boards) });
  hubs.push(hub);
  return hub;
}

const commandsTo = (boards: SimulatedLedBoards, address: number): LedCommand[] =>
  boards.frames.filter((f) => f.address === address).map((f) => f.command);

describe('LED boards over the windows', () => {
  it('show the ticket called at their window, blink for a call and a recall, and clear when the counter is idle', async () => {
    MockBinding.createPort('/dev/ttyLED0');
    const boards = new SimulatedLedBoards({ addresses: [3, 4] });
    const hub = await hubWithBoards('/dev/ttyLED0', boards);
    await until(() => boards.face(3)?.brightness === 80 && boards.face(4)?.brightness === 80, 5000, 'brightness set');

    const kiosk = await device(hub, 'kiosk-1');
    const issued = await kiosk.command('ticket.issue', { service: 'id-card-exchange', language: 'uk' });
    const counter = await counterAt(hub, 'w3', 'mykola');
    const called = await counter.command('counter.callNext', {});
    expect(called.ticket.id).toBe(issued.ticket.id);

    const number = issued.ticket.number;
    await until(() => boards.face(3)?.text === number, 5000, 'the number on board 3');
    expect(boards.face(3)).toEqual({ text: number, blinking: true, brightness: 80 });
    expect(boards.face(4)?.text).toBeNull();

    await counter.command('counter.recall', {});
    await until(() => commandsTo(boards, 3).filter((c) => c.kind === 'blink').length === 2, 5000, 'a second blink');
    await counter.command('counter.start', {});
    await counter.command('counter.finish', { outcomes: [] });
    await until(() => boards.face(3)?.text === null, 5000, 'board 3 cleared');

    const blink = { kind: 'blink', text: number, seconds: 30 };
    expect(commandsTo(boards, 3)).toEqual([{ kind: 'brightness', percent: 80 }, { kind: 'clear' }, blink, blink, { kind: 'clear' }]);
  });

  it('shows the pause symbol while the counter is paused', async () => {
    MockBinding.createPort('/dev/ttyLED1');
    const boards = new SimulatedLedBoards({ addresses: [3, 4] });
    const hub = await hubWithBoards('/dev/ttyLED1', boards);
    const counter = await counterAt(hub, 'w4', 'mykola');
    await counter.command('counter.pause', { reason: 'lunch' });
    await until(() => boards.face(4)?.text === PAUSED_SYMBOL, 5000, 'the pause symbol');
    await counter.command('counter.resume', {});
    await until(() => boards.face(4)?.text === null, 5000, 'board 4 cleared');
  });

  it('starts without its serial port, warns, and lights the boards once the port appears', async () => {
    const lines: string[] = [];
    const log = pino(
      { level: 'warn' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const boards = new SimulatedLedBoards({ addresses: [3, 4] });
    const hub = await hubWithBoards('/dev/ttyLED2', boards, log);
    await until(() => lines.some((l) => l.includes('serial port unavailable')), 5000, 'a warning');

    const kiosk = await device(hub, 'kiosk-1');
    const issued = await kiosk.command('ticket.issue', { service: 'id-card-exchange', language: 'en' });
    const counter = await counterAt(hub, 'w3', 'mykola');
    await counter.command('counter.callNext', {});
    expect(boards.frames).toEqual([]);

    MockBinding.createPort('/dev/ttyLED2');
    await until(() => boards.face(3)?.text === issued.ticket.number, 10_000, 'the number once the port is there');
    expect(boards.face(3)?.brightness).toBe(80);
  });
});

describe('the ledBoards config block', () => {
  it('must name existing counters and distinct addresses', () => {
    const bad = withBoards('/dev/ttyUSB0', [
      { counter: 'w3', address: 3 },
      { counter: 'w99', address: 3 },
    ]);
    const input = bad(demoConfigInput());
    const result = configSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error && describeConfigIssues(result.error, input)).toEqual([
      'ledBoards.boards.1.counter: unknown counter "w99"',
      'ledBoards.boards.1.address: address 3 is used by two boards',
    ]);
  });
});
