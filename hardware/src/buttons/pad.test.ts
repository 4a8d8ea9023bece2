// The pad driver fed by the simulated pad's input reports: presses, held buttons, contact bounce,
// the action map, and a pad that is missing, unplugged and plugged back in.

import type { ButtonAction } from '@vikno/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callButtonPadSchema } from './config.js';
import { CallButtonPad, type PadStatus } from './pad.js';
import { SimulatedHidPad } from './simulator.js';

const VENDOR = 0x16c0;
const PRODUCT = 0x05df;
// Generous: the reopen timer runs every 2 s, and CI shares two cores with browser tests.
const WAIT = { timeout: 15_000, interval: 10 };
const config = {
  vendorId: VENDOR,
  productId: PRODUCT,
  buttons: { '1': 'callNext', '2': 'recall', '3': 'finish', '8': 'noShow' } as Record<string, ButtonAction>,
  debounceMs: 40,
  pollMs: 100,
};

let pad: CallButtonPad | undefined;
afterEach(async () => {
  await pad?.close();
  pad = undefined;
});

function start(opener: SimulatedHidPad) {
  let now = 1_000_000;
  const actions: [ButtonAction, number][] = [];
  const statuses: PadStatus[] = [];
  pad = new CallButtonPad({
    config,
    opener,
    clock: () => now,
    onAction: (action, button) => actions.push([action, button]),
    onStatus: (s) => statuses.push(s),
  });
  return { pad, actions, statuses, advance: (ms: number) => (now += ms) };
}

describe('CallButtonPad', () => {
  it('turns reports into one action per press, whatever the pad repeats while a button is held', async () => {
    const sim = new SimulatedHidPad(VENDOR, PRODUCT);
    const { actions, statuses, advance } = start(sim);
    await vi.waitFor(() => expect(statuses).toEqual([{ state: 'connected' }]), WAIT);

    sim.press(1);
    sim.repeat();
    sim.repeat();
    advance(300);
    sim.release(1);
    advance(300);
    sim.press(2);
    // Button 3 goes down while 2 is still held: both bits are set in one report.
    advance(100);
    sim.press(3);
    advance(100);
    sim.release(2);
    sim.release(3);
    advance(300);
    sim.press(5); // not mapped
    sim.press(8);
    expect(sim.reports.map((r) => r.toString('hex'))).toEqual([
      '0101',
      '0101',
      '0101',
      '0100',
      '0102',
      '0106',
      '0104',
      '0100',
      '0110',
      '0190',
    ]);
    expect(actions).toEqual([
      ['callNext', 1],
      ['recall', 2],
      ['finish', 3],
      ['noShow', 8],
    ]);
  });

  it('takes contact bounce within the debounce time as one press', async () => {
    const sim = new SimulatedHidPad(VENDOR, PRODUCT);
    const { actions, statuses, advance } = start(sim);
    await vi.waitFor(() => expect(statuses).toEqual([{ state: 'connected' }]), WAIT);

    sim.press(1);
    advance(5);
    sim.release(1);
    advance(5);
    sim.press(1);
    advance(200);
    sim.release(1);
    advance(200);
    sim.press(1);
    expect(actions).toEqual([
      ['callNext', 1],
      ['callNext', 1],
    ]);
  });

  it('reports a missing pad as unavailable and picks it up once it is plugged in', async () => {
    const sim = new SimulatedHidPad(VENDOR, PRODUCT);
    sim.unplug();
    const { actions, statuses } = start(sim);
    await vi.waitFor(() => expect(statuses).toEqual([{ state: 'unavailable', reason: 'no pad 16c0:05df is attached' }]), WAIT);
    sim.plug();
    await vi.waitFor(() => expect(statuses.at(-1)).toEqual({ state: 'connected' }), WAIT);
    sim.press(2);
    expect(actions).toEqual([['recall', 2]]);
  });

  it('finds the pad again after it is unplugged and plugged back in', async () => {
    const sim = new SimulatedHidPad(VENDOR, PRODUCT);
    const { pad, actions, statuses, advance } = start(sim);
    await vi.waitFor(() => expect(statuses).toEqual([{ state: 'connected' }]), WAIT);

    sim.press(1);
    sim.unplug();
    expect(pad.status).toEqual({ state: 'unavailable', reason: 'could not read from HID device' });
    sim.press(2); // nothing hears it
    sim.release(2);
    sim.plug();
    await vi.waitFor(() => expect(pad.status).toEqual({ state: 'connected' }), WAIT);
    advance(500);
    sim.press(1);
    expect(actions).toEqual([
      ['callNext', 1],
      ['callNext', 1],
    ]);
    expect(statuses.map((s) => s.state)).toEqual(['connected', 'unavailable', 'connected']);
  });

  it('ignores a pad with other USB ids', async () => {
    const { statuses } = start(new SimulatedHidPad(VENDOR, PRODUCT + 1));
    await vi.waitFor(() => expect(statuses).toEqual([{ state: 'unavailable', reason: 'no pad 16c0:05df is attached' }]), WAIT);
  });

  it('over node-hid with no pad attached, reports why it is unavailable instead of throwing', async () => {
    const statuses: PadStatus[] = [];
    pad = new CallButtonPad({ config, onAction: () => undefined, onStatus: (s) => statuses.push(s) });
    // Either node-hid's native part cannot load here (no libusb) or it finds no such device.
    await vi.waitFor(() => expect(statuses[0]).toMatchObject({ state: 'unavailable', reason: expect.stringMatching(/\w/) }), WAIT);
    expect(pad.status.state).toBe('unavailable');
  });
});

describe('callButtonPadSchema', () => {
  it('fills in the timings and refuses bad button maps', () => {
    expect(callButtonPadSchema.parse({ vendorId: 1, productId: 2, buttons: { '1': 'callNext' } })).toEqual({
      vendorId: 1,
      productId: 2,
      buttons: { '1': 'callNext' },
      debounceMs: 40,
      pollMs: 2000,
    });
    for (const buttons of [{}, { '0': 'callNext' }, { '1': 'dance' }, { x: 'recall' }]) {
      expect(callButtonPadSchema.safeParse({ vendorId: 1, productId: 2, buttons }).success).toBe(false);
    }
    expect(callButtonPadSchema.safeParse({ vendorId: 0x10000, productId: 2, buttons: { '1': 'recall' } }).success).toBe(false);
  });
});
