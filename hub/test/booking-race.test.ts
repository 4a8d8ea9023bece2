// Staff bookings sent at once from two terminals: the hub writes a batch of commands together, so
// each booking's check must see the bookings decided before it in the same batch.
import type { CommandError } from '@vikno/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { bookableDays, slotStarts } from '../src/appointments/booking.js';
import { closeClients, demoConfig, demoMorning, device, runHub } from './harness.js';

const config = demoConfig((c) => ({ ...c, appointments: { ...c.appointments, capacityPerSlot: 1 } }));
let hub: RunningHub;

beforeAll(async () => {
  hub = await runHub(config);
});
afterAll(async () => {
  await closeClients();
  await hub.stop();
});

/** The n-th slot still ahead on the first day that has one. */
function slot(n: number): string {
  // The hub's time (the demo's morning), not the wall clock's: late in a real day they differ by a day.
  const now = demoMorning();
  const day = bookableDays(config, now)[0]!;
  return new Date(slotStarts(config, day).filter((at) => at > now + 60_000)[n]!).toISOString();
}

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e as CommandError).code,
  );

describe('staff bookings at once', () => {
  it('gives the last place of a slot to one of two terminals', async () => {
    const [a, b] = await Promise.all([device(hub, 'counter-w1'), device(hub, 'counter-w2')]);
    const at = slot(0);
    const results = await Promise.all([a, b].map((t) => outcome(t.command('appointment.book', { service: 'consultation', at }))));
    expect(results.sort()).toEqual(['ok', 'slot_full']);
  });

  it('gives one phone number one booking of a service a day, however the bookings arrive', async () => {
    const [a, b] = await Promise.all([device(hub, 'counter-w3'), device(hub, 'counter-w4')]);
    const phone = '+380 67 123 45 67';
    const results = await Promise.all(
      [a, b].map((t, i) => outcome(t.command('appointment.book', { service: 'residence-register', at: slot(i + 1), phone }))),
    );
    expect(results.sort()).toEqual(['already_booked', 'ok']);
  });
});
