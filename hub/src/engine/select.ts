// Who a counter calls next. The rules, in order:
//  1. an appointment due now (from `tolerance` before its time), earliest appointment first;
//  2. a ticket transferred "first in line", earliest transfer first;
//  3. a ticket waiting longer than the maximum wait, longest first — so nobody starves;
//  4. the priority/normal interleave (e.g. 1 priority per 2 normal when both wait), and within the
//     chosen kind the counter's highest service weight, then the longest wait;
//  5. an appointment not yet due, only when nobody else waits.
// Ties go to the service listed first in the config, then to the ticket that joined first.
//
// Which tickets a counter may call at all: those of the services it serves, and those transferred to
// it or to the operator signed in there (whatever their service). A ticket a counter transferred to a
// service is not among its own while another open counter serves that service: it went there to be
// served by someone else (a transfer "by arrival" keeps the visitor's first queue time instead).
//
// Each line keeps its tickets in the orders these rules need (lines.ts), so a call reads the keys of
// the first entries of the lines the counter may call from: O(services the counter serves × log n),
// whatever the length of the queue. select-oracle.ts keeps the selection that looked through every
// waiting ticket, against which this one is checked.
import type { CallRule, QueueRules, Ticket } from '@vikno/shared';
import { AT, type Entry, type Caller as LineCaller, type Lines, type OrderName, type Orders, QUEUED_AT, SEQ, SLOT } from './lines.js';
import { wantedKind } from './state.js';

export interface Pick {
  ticket: Ticket;
  rule: CallRule;
  entry: Entry;
}

/** A counter as the selection needs it: the estimate's simulation passes its own copies. */
export interface Caller extends LineCaller {
  /** Position in the priority/normal interleave cycle. */
  cycle: number;
}

/**
 * The first entry a rule would take so far: the orders whose `name` order has it first, the keys it
 * has there (`slot` in `keys`, lines.ts), its service's place in the config and the counter's weight.
 */
class Best {
  orders: Orders | undefined;
  name: OrderName = 'normal';
  keys: Float64Array = new Float64Array(0);
  slot = 0;
  index = 0;
  weight = 0;

  take(keys: Float64Array, slot: number, index: number, weight: number, orders: Orders, name: OrderName): void {
    this.orders = orders;
    this.name = name;
    this.keys = keys;
    this.slot = slot;
    this.index = index;
    this.weight = weight;
  }

  /** Rules 2–4 (byWait): whether the first entry at `slot` of `keys` waited longer. */
  waitsLonger(keys: Float64Array, slot: number, index: number): boolean {
    const b = this.keys;
    const s = this.slot;
    return (keys[slot + QUEUED_AT]! - b[s + QUEUED_AT]! || index - this.index || keys[slot + SEQ]! - b[s + SEQ]!) < 0;
  }

  /** Rule 1 (byAppointmentThenWait). */
  isDueBefore(keys: Float64Array, slot: number, index: number): boolean {
    const b = this.keys;
    const s = this.slot;
    return (
      (keys[slot + AT]! - b[s + AT]! ||
        keys[slot + QUEUED_AT]! - b[s + QUEUED_AT]! ||
        index - this.index ||
        keys[slot + SEQ]! - b[s + SEQ]!) < 0
    );
  }

  /** Rule 5 (byAppointment). */
  isBookedBefore(keys: Float64Array, slot: number, index: number): boolean {
    const b = this.keys;
    const s = this.slot;
    return (keys[slot + AT]! - b[s + AT]! || index - this.index || keys[slot + SEQ]! - b[s + SEQ]!) < 0;
  }

  /** Rule 4: the counter's highest weight, then the longest wait. */
  ranksBefore(keys: Float64Array, slot: number, index: number, weight: number): boolean {
    return weight > this.weight || (weight === this.weight && this.waitsLonger(keys, slot, index));
  }

  pick(rule: CallRule): Pick {
    const entry = this.orders![this.name].first!;
    return { ticket: entry.ticket, rule, entry };
  }
}

// One set, reused: a selection runs to its end before the next begins, and makes nothing to collect.
const due = new Best();
const early = new Best();
const returned = new Best();
const oldest = new Best();
const priority = new Best();
const normal = new Best();
const ALL = [due, early, returned, oldest, priority, normal];

export function pickNext(lines: Lines, counter: Caller, rules: QueueRules, now: number): Pick | null {
  const tolerance = rules.appointmentToleranceMinutes * 60_000;
  for (const best of ALL) best.orders = undefined;

  lines.forEachCallable(counter, (keys, base, index, weight, orders) => {
    // A line's first appointment has its earliest time: if none of the line's is due, it is not.
    const d = base + SLOT.due;
    if (keys[d + SEQ] && now >= keys[d + AT]! - tolerance && (!due.orders || due.isDueBefore(keys, d, index))) {
      due.take(keys, d, index, weight, orders, 'due');
    }
    const e = base + SLOT.early;
    if (keys[e + SEQ] && (!early.orders || early.isBookedBefore(keys, e, index))) early.take(keys, e, index, weight, orders, 'early');
    const r = base + SLOT.returned;
    if (keys[r + SEQ] && (!returned.orders || returned.waitsLonger(keys, r, index)))
      returned.take(keys, r, index, weight, orders, 'returned');
    offerKind(priority, keys, base + SLOT.priority, index, weight, orders, 'priority');
    offerKind(normal, keys, base + SLOT.normal, index, weight, orders, 'normal');
  });

  if (due.orders) return due.pick('appointment');
  if (returned.orders) return returned.pick('returned');
  if (oldest.orders && now - oldest.keys[oldest.slot + QUEUED_AT]! >= rules.maxWaitMinutes * 60_000) return oldest.pick('starving');
  const priorityTurn = wantedKind(counter.cycle, rules.priorityRatio.priority) === 'priority';
  const [first, second] = priorityTurn ? [priority, normal] : [normal, priority];
  if (first.orders) return first.pick(first === priority ? 'priority' : 'normal');
  if (second.orders) return second.pick(second === priority ? 'priority' : 'normal');
  // Nothing is due (else rule 1 would have chosen): every appointment waiting is early.
  if (early.orders) return early.pick('early_appointment');
  return null;
}

/** A priority or normal first entry, for rule 3 (the oldest of both) and rule 4 (the best of its kind). */
function offerKind(
  best: Best,
  keys: Float64Array,
  slot: number,
  index: number,
  weight: number,
  orders: Orders,
  name: 'priority' | 'normal',
) {
  if (!keys[slot + SEQ]) return;
  if (!oldest.orders || oldest.waitsLonger(keys, slot, index)) oldest.take(keys, slot, index, weight, orders, name);
  if (!best.orders || best.ranksBefore(keys, slot, index, weight)) best.take(keys, slot, index, weight, orders, name);
}
