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
// Each line keeps its tickets in the orders these rules need (lines.ts), so a call reads the first
// entries of the lines the counter may call from: O(services the counter serves × log n), whatever
// the length of the queue. select-oracle.ts keeps the selection that looked through every waiting
// ticket, against which this one is checked.
import type { CallRule, QueueRules, Ticket } from '@vikno/shared';
import {
  type Entry,
  firstIsBookedBefore,
  firstIsDueBefore,
  firstWaitsLonger,
  type Caller as LineCaller,
  type Lines,
  type Order,
} from './lines.js';
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

export function pickNext(lines: Lines, counter: Caller, rules: QueueRules, now: number): Pick | null {
  const tolerance = rules.appointmentToleranceMinutes * 60_000;
  // The order whose first entry each rule would take so far.
  let due: Order | undefined;
  let early: Order | undefined;
  let returned: Order | undefined;
  let oldest: Order | undefined;
  // The best of each kind by the counter's weight, then the longest wait.
  let priority: Order | undefined;
  let priorityWeight = 0;
  let normal: Order | undefined;
  let normalWeight = 0;

  lines.forEachCallable(counter, (line, weight) => {
    // A line's first appointment has its earliest time: if none of the line's is due, it is not.
    const d = line.due;
    if (d.first && now >= d.at - tolerance && (!due || firstIsDueBefore(d, due))) due = d;
    const e = line.early;
    if (e.first && (!early || firstIsBookedBefore(e, early))) early = e;
    const r = line.returned;
    if (r.first && (!returned || firstWaitsLonger(r, returned))) returned = r;
    const p = line.priority;
    if (p.first) {
      if (!oldest || firstWaitsLonger(p, oldest)) oldest = p;
      if (!priority || weight > priorityWeight || (weight === priorityWeight && firstWaitsLonger(p, priority))) {
        priority = p;
        priorityWeight = weight;
      }
    }
    const n = line.normal;
    if (n.first) {
      if (!oldest || firstWaitsLonger(n, oldest)) oldest = n;
      if (!normal || weight > normalWeight || (weight === normalWeight && firstWaitsLonger(n, normal))) {
        normal = n;
        normalWeight = weight;
      }
    }
  });

  if (due) return pick(due, 'appointment');
  if (returned) return pick(returned, 'returned');
  if (oldest && now - oldest.queuedAt >= rules.maxWaitMinutes * 60_000) return pick(oldest, 'starving');
  const priorityTurn = wantedKind(counter.cycle, rules.priorityRatio.priority) === 'priority';
  const [first, second] = priorityTurn ? [priority, normal] : [normal, priority];
  if (first) return pick(first, first === priority ? 'priority' : 'normal');
  if (second) return pick(second, second === priority ? 'priority' : 'normal');
  // Nothing is due (else rule 1 would have chosen): every appointment waiting is early.
  if (early) return pick(early, 'early_appointment');
  return null;
}

function pick(order: Order, rule: CallRule): Pick {
  const entry = order.first!;
  return { ticket: entry.ticket, rule, entry };
}
