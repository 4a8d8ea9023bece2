// A call-button pad at a counter, end to end: the simulated pad's input reports go through the pad
// driver and ButtonCommander, over MQTT as the counter terminal's device, to a real hub.
import { ButtonCommander, CallButtonPad, SimulatedHidPad } from '@vikno/hardware';
import type { ButtonAction } from '@vikno/shared';
import { type CommandError, type CounterState, topics } from '@vikno/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { closeClients, counterAt, device, runHub, until, watch } from './harness.js';

const VENDOR = 0x16c0;
const PRODUCT = 0x05df;

let hub: RunningHub;
let pad: CallButtonPad | undefined;

beforeAll(async () => {
  hub = await runHub();
});

afterAll(async () => {
  await pad?.close();
  await closeClients();
  await hub.stop();
});

describe('call buttons', () => {
  it('call, recall, start and finish tickets at the counter the terminal is logged in at', async () => {
    const kiosk = await device(hub, 'kiosk-1');
    const first = await kiosk.command('ticket.issue', { service: 'id-card-exchange', language: 'uk' });
    const second = await kiosk.command('ticket.issue', { service: 'id-card-exchange', language: 'uk' });
    const display = await device(hub, 'display-hall');
    const seen = watch(display, topics.counter('demo', 'w3'));
    const w3 = () => seen.get(topics.counter('demo', 'w3')) as CounterState | undefined;

    const commander = new ButtonCommander(await counterAt(hub, 'w3', 'mykola'));
    const sim = new SimulatedHidPad(VENDOR, PRODUCT);
    let now = 0;
    const results: Promise<CounterState>[] = [];
    pad = new CallButtonPad({
      config: {
        vendorId: VENDOR,
        productId: PRODUCT,
        buttons: { '1': 'callNext', '2': 'recall', '3': 'start', '4': 'finish' },
        pollMs: 100,
      },
      opener: sim,
      clock: () => now,
      onAction: (action: ButtonAction) => results.push(commander.run(action)),
    });
    await until(() => pad?.status.state === 'connected', 5000, 'the pad');
    const tap = (button: number) => {
      now += 1000;
      sim.press(button);
      sim.repeat(); // held: still one press
      now += 200;
      sim.release(button);
    };

    tap(1);
    const called = await results[0];
    expect(results).toHaveLength(1);
    expect(called?.ticket).toMatchObject({ id: first.ticket.id, status: 'called' });
    await until(() => w3()?.ticket?.id === first.ticket.id, 5000, 'the first ticket called at window 3');

    tap(2);
    tap(3);
    tap(4);
    const [recalled, started, finished] = await Promise.all(results.slice(1));
    expect(recalled?.ticket).toMatchObject({ id: first.ticket.id, recalls: 1 });
    expect(started?.ticket).toMatchObject({ id: first.ticket.id, status: 'serving' });
    expect(finished?.ticket).toBeNull();

    // Finish then call next in quick succession arrive in order.
    tap(1);
    expect((await results[4])?.ticket?.id).toBe(second.ticket.id);
    await until(() => w3()?.ticket?.id === second.ticket.id, 5000, 'the second ticket called at window 3');
  });

  it("passes the hub's refusal back to whoever pressed", async () => {
    const commander = new ButtonCommander(await counterAt(hub, 'w6', 'iryna'));
    const refused = await commander.run('recall').catch((e: unknown) => e as CommandError);
    expect(refused).toMatchObject({ code: 'no_current_ticket' });
  });
});
