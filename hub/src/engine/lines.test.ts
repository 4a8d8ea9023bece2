// An order (lines.ts) against a sorted array, through the moves between its head array and its tree:
// long runs of joins and calls, joins in the middle and at the front, leaving from anywhere, ties.
import type { Ticket } from '@vikno/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byAppointment, byAppointmentThenWait, byWait, type Entry, type Line, Order } from './lines.js';

const line = { index: 0 } as Line;

function entry(seq: number, queuedAt: number, appointmentAt: number | null): Entry {
  return {
    ticket: { id: `t${seq}` } as Ticket,
    line,
    kind: appointmentAt === null ? 'normal' : 'appointment',
    queuedAt,
    appointmentAt,
    seq,
  };
}

/** `join`: at the back (`time` ahead of the last), or at a random time; `leave`: the first, or any (`pick`). */
const op = fc.record({
  join: fc.boolean(),
  back: fc.nat(3),
  time: fc.nat(40),
  pick: fc.nat(1000),
  count: fc.integer({ min: 1, max: 80 }),
});

describe('an order', () => {
  it('keeps its entries as a sorted array would, the first and the counts before each with them', () => {
    const compares = [byWait, byAppointmentThenWait, byAppointment];
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 2), fc.array(op, { minLength: 1, maxLength: 60 }), (c, ops) => {
        const compare = compares[c]!;
        // Its keys in the middle of an array shared with others, as an open line's are.
        const keys = new Float64Array(9);
        const order = new Order(compare, 0, keys, 3);
        let model: Entry[] = [];
        let seq = 0;
        let clock = 0;
        for (const o of ops) {
          for (let n = 0; n < o.count; n++) {
            if (o.join) {
              // Mostly at the back, as tickets join; sometimes anywhere, as transfers by arrival do.
              if (o.back) clock += o.time % 3;
              const at = o.back ? clock : o.time * 5;
              const e = entry(++seq, at, c ? at + (o.pick % 7) : null);
              order.add(e);
              model.push(e);
              model.sort(compare);
            } else if (model.length) {
              const e = o.back ? model[0]! : model[(o.pick + n * 7) % model.length]!;
              order.delete(e);
              model = model.filter((x) => x !== e);
            }
          }
          expect(order.size).toBe(model.length);
          expect(order.first).toBe(model[0]);
          // The first's keys where a call reads them; a place in joining of 0 when there is none.
          const first = model[0];
          expect([...keys]).toEqual([0, 0, 0, ...(first ? [first.appointmentAt ?? 0, first.queuedAt, first.seq] : [0, 0, 0]), 0, 0, 0]);
          expect(order.entries()).toEqual(model);
          for (const [i, e] of model.entries()) if (i % 5 === 0 || i === model.length - 1) expect(order.countBefore(e)).toBe(i);
        }
      }),
      { numRuns: 300, seed: 20261208 },
    );
  });

  it('ignores an entry that is not in it', () => {
    const order = new Order(byWait, 0);
    const entries = Array.from({ length: 100 }, (_, i) => entry(i, i, null));
    for (const e of entries) order.add(e);
    order.delete(entry(1000, 5, null));
    order.delete(entry(1001, 500, null));
    expect(order.entries()).toEqual(entries);
  });
});
