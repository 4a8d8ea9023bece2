// Who a counter calls next. The rules, in order:
//  1. an appointment due now (from `tolerance` before its time), earliest appointment first;
//  2. a transferred ticket returning ahead, earliest transfer first;
//  3. a ticket waiting longer than the maximum wait, longest first — so nobody starves;
//  4. the priority/normal interleave (e.g. 1 priority per 2 normal when both wait), and within the
//     chosen kind the counter's highest service weight, then the longest wait;
//  5. an appointment not yet due, only when nobody else waits.
import type { CallRule, QueueRules, Ticket } from '@vikno/shared';
import { type CounterRuntime, type DayState, wantedKind } from './state.js';

export interface Pick {
  ticket: Ticket;
  rule: CallRule;
}

export function pickNext(
  state: DayState,
  counter: CounterRuntime,
  weights: ReadonlyMap<string, number>,
  rules: QueueRules,
  now: number,
): Pick | null {
  const tolerance = rules.appointmentToleranceMinutes * 60_000;
  const maxWait = rules.maxWaitMinutes * 60_000;
  let due: Ticket | undefined;
  let returned: Ticket | undefined;
  let starving: Ticket | undefined;
  let early: Ticket | undefined;
  const best: Record<'priority' | 'normal', Ticket | undefined> = { priority: undefined, normal: undefined };

  const consider = (t: Ticket) => {
    if (t.targetCounter !== null && t.targetCounter !== counter.id) return;
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

  for (const [service, line] of state.waiting) {
    const served = weights.has(service);
    for (const id of line) {
      const t = state.tickets.get(id);
      // A ticket transferred to this counter is its own even when the counter does not serve the service.
      if (t && (served || t.targetCounter === counter.id)) consider(t);
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
