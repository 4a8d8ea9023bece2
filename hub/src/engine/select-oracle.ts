// Test-only: the selection as it was before the waiting tickets were kept in order (lines.ts), kept
// as the oracle the new selection (select.ts) is checked against (select-order.test.ts), and changed
// only as the documented rules change: since transfers stopped bouncing back, which tickets a counter
// may call (`mayCall`) also knows tickets transferred to an operator and those a counter sent away.
// It looks through every waiting ticket of every service, in the order of the config's services and,
// within a service, the order of joining; `waitingLines` keeps that order from the day's events.
//
// Who a counter calls next. The rules, in order:
//  1. an appointment due now (from `tolerance` before its time), earliest appointment first;
//  2. a ticket transferred "first in line", earliest transfer first;
//  3. a ticket waiting longer than the maximum wait, longest first — so nobody starves;
//  4. the priority/normal interleave (e.g. 1 priority per 2 normal when both wait), and within the
//     chosen kind the counter's highest service weight, then the longest wait;
//  5. an appointment not yet due, only when nobody else waits.
import type { CallRule, Config, DomainEvent, QueueRules, Ticket } from '@vikno/shared';
import { wantedKind } from './state.js';

export interface Pick {
  ticket: Ticket;
  rule: CallRule;
}

interface DayState {
  tickets: ReadonlyMap<string, Ticket>;
  /** Waiting tickets per service, in the order they joined. */
  waiting: Map<string, Set<string>>;
}

/**
 * What the old selection read, folded from the day's events: per service the ids of its waiting
 * tickets in the order they joined, and each counter's place in the priority/normal interleave.
 */
export function oracleState(config: Config, events: readonly DomainEvent[], tickets: ReadonlyMap<string, Ticket>) {
  const waiting = new Map(config.services.map((s) => [s.id, new Set<string>()]));
  const cycles = new Map<string, number>();
  const where = new Map<string, string>();
  const leave = (id: string) => {
    const service = where.get(id);
    if (service !== undefined) waiting.get(service)?.delete(id);
    where.delete(id);
  };
  const join = (id: string, service: string) => {
    leave(id);
    waiting.get(service)!.add(id);
    where.set(id, service);
  };
  const { priority, normal } = config.queue.priorityRatio;
  for (const e of events) {
    if (e.type === 'ticket.issued') join(e.ticket.id, e.ticket.service);
    else if (e.type === 'ticket.transferred') join(e.ticketId, e.toService);
    else if (e.type === 'ticket.expired') leave(e.ticketId);
    else if (e.type === 'ticket.called') {
      leave(e.ticketId);
      const cycle = cycles.get(e.counter) ?? 0;
      if ((e.rule === 'priority' || e.rule === 'normal') && e.rule === wantedKind(cycle, priority))
        cycles.set(e.counter, (cycle + 1) % (priority + normal));
    }
  }
  for (const [id, service] of where) if (tickets.get(id)?.service !== service) throw new Error(`the oracle lost track of ${id}`);
  return { state: { tickets, waiting } satisfies DayState, cycles };
}

/**
 * A counter may call the tickets of the services it serves, and those transferred to it or to the
 * operator signed in there; not a ticket it transferred to a service itself while another open
 * counter serves that service (`othersOpen`).
 */
function mayCall(t: Ticket, counter: Counter, weights: ReadonlyMap<string, number>, othersOpen: (service: string) => boolean): boolean {
  if (t.targetCounter !== null) return t.targetCounter === counter.id;
  if (t.targetOperator !== null) return t.targetOperator === counter.operator;
  if (!weights.has(t.service)) return false;
  return t.sentBy !== counter.id || !othersOpen(t.service);
}

interface Counter {
  id: string;
  cycle: number;
  /** The operator signed in there. */
  operator: string | null;
}

export function pickNextOracle(
  state: DayState,
  counter: Counter,
  weights: ReadonlyMap<string, number>,
  rules: QueueRules,
  now: number,
  othersOpen: (service: string) => boolean,
): Pick | null {
  const tolerance = rules.appointmentToleranceMinutes * 60_000;
  const maxWait = rules.maxWaitMinutes * 60_000;
  let due: Ticket | undefined;
  let returned: Ticket | undefined;
  let starving: Ticket | undefined;
  let early: Ticket | undefined;
  const best: Record<'priority' | 'normal', Ticket | undefined> = { priority: undefined, normal: undefined };

  const consider = (t: Ticket) => {
    if (t.appointmentAt !== null) {
      if (now >= t.appointmentAt - tolerance) {
        if (!due || t.appointmentAt < due.appointmentAt! || (t.appointmentAt === due.appointmentAt && t.queuedAt < due.queuedAt)) due = t;
      } else if (!early || t.appointmentAt < early.appointmentAt!) early = t;
      return;
    }
    if (t.returned) {
      if (!returned || t.queuedAt < returned.queuedAt) returned = t;
      return;
    }
    if (now - t.queuedAt >= maxWait && (!starving || t.queuedAt < starving.queuedAt)) starving = t;
    const kind = t.priority === null ? 'normal' : 'priority';
    const current = best[kind];
    if (!current || ranksBefore(t, current, weights)) best[kind] = t;
  };

  for (const line of state.waiting.values()) {
    for (const id of line) {
      const t = state.tickets.get(id);
      if (t && mayCall(t, counter, weights, othersOpen)) consider(t);
    }
  }

  if (due) return { ticket: due, rule: 'appointment' };
  if (returned) return { ticket: returned, rule: 'returned' };
  if (starving) return { ticket: starving, rule: 'starving' };
  const wanted = wantedKind(counter.cycle, rules.priorityRatio.priority);
  const other = wanted === 'priority' ? 'normal' : 'priority';
  const chosen = best[wanted] ? wanted : best[other] ? other : null;
  if (chosen) return { ticket: best[chosen]!, rule: chosen };
  if (early) return { ticket: early, rule: 'early_appointment' };
  return null;
}

function ranksBefore(a: Ticket, b: Ticket, weights: ReadonlyMap<string, number>): boolean {
  const wa = weights.get(a.service) ?? 0;
  const wb = weights.get(b.service) ?? 0;
  if (wa !== wb) return wa > wb;
  return a.queuedAt < b.queuedAt;
}
