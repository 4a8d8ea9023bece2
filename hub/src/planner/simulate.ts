// A day of the centre played on a simulated clock through the queue engine itself: the same calls a
// hub would make, so the centre's real rules — the priority interleave, appointments due, weights,
// the longest-wait rule, no-shows — shape the waits, which Erlang C (erlang.ts) cannot see. The
// staffing says how many of each group's windows are open in each local hour; a window told to close
// finishes its visit first, and at closing time the windows serve the line out before they go.
import type { Config, DomainEvent } from '@vikno/shared';
import TinyQueue from 'tinyqueue';
import { EngineError, QueueEngine } from '../engine/engine.js';
import type { PlanningGroups } from './groups.js';
import { hourStart } from './hours.js';
import { prng } from './random.js';

export interface Arrival {
  at: number;
  service: string;
  priority: string | null;
  /** A booked appointment's time; null for a walk-in. */
  appointmentAt: number | null;
}

export interface SimulationInput {
  config: Config;
  groups: PlanningGroups;
  day: string;
  /** Group → windows open in each local hour (24 values). */
  staffing: Map<string, readonly number[]>;
  arrivals: readonly Arrival[];
  /** A visit's length for the service, in ms. */
  visitMs: (service: string, random: () => number) => number;
  noShowShare: number;
  seed: number;
}

export interface HourFigures {
  /** Tickets issued in the hour. */
  issued: number;
  /** Of those, called within the target. */
  within: number;
  /** Their waits until called, in ms (uncalled tickets are not in it). */
  waitsMs: number[];
  /** Waiting for the group when the hour began: the line Erlang's empty start does not see. */
  waitingAtStart: number;
  /** Visitors the kiosk gave no ticket (after their service's last ticket, or its day full). */
  turnedAway: number;
}

/** Waiting for the window to say "next" before a called visitor who does not come is marked absent. */
const NO_SHOW_WAIT_MS = 2 * 60_000;

type Happening = { at: number } & (
  | { kind: 'hour'; hour: number }
  | { kind: 'arrive'; index: number }
  | { kind: 'free'; counter: string; noShow: boolean }
);
type Sim = Happening & { seq: number };

export function simulateDay(input: SimulationInput): Map<string, HourFigures[]> {
  const { config, groups, day } = input;
  const tz = config.site.timezone;
  const target = config.queue.targetWaitMinutes * 60_000;
  const random = prng(input.seed);
  let now = hourStart(day, 0, tz);
  // The hall only: a finished visit of a back-office service opens no case here.
  const hall: Config = { ...config, services: config.services.map((s) => ({ ...s, backOffice: false })) };
  const engine = new QueueEngine(hall, () => now, day);
  const apply = (events: DomainEvent[]) => engine.apply(events);

  const figures = new Map<string, HourFigures[]>(
    groups.ids.map((g) => [g, Array.from({ length: 24 }, () => ({ issued: 0, within: 0, waitsMs: [], waitingAtStart: 0, turnedAway: 0 }))]),
  );
  const servedBy = new Map<string, string[]>();
  for (const c of config.counters) for (const s of c.services) servedBy.set(s.service, [...(servedBy.get(s.service) ?? []), c.id]);
  const servicesOf = new Map<string, string[]>();
  for (const s of config.services) {
    const g = groups.groupOf.get(s.id)!;
    servicesOf.set(g, [...(servicesOf.get(g) ?? []), s.id]);
  }
  const status = new Map<string, 'off' | 'idle' | 'busy'>(config.counters.map((c) => [c.id, 'off']));
  const closing = new Set<string>();
  let lastOpenHour = -1;
  for (const hours of input.staffing.values()) for (const [h, n] of hours.entries()) if (n > 0) lastOpenHour = Math.max(lastOpenHour, h);
  const closesAt = hourStart(day, Math.min(23, lastOpenHour + 1), tz);

  // The hours' starts once: the zone's wall clock is slow to ask at every ticket.
  const starts = Array.from({ length: 24 }, (_, h) => hourStart(day, h, tz));
  let seq = 0;
  const queue = new TinyQueue<Sim>([], (a, b) => a.at - b.at || a.seq - b.seq);
  // Each happening is made for the push: numbering it in place spares a copy per visitor.
  const push = (e: Happening) => queue.push(Object.assign(e, { seq: seq++ }));
  for (let h = 0; h < 24; h++) push({ kind: 'hour', hour: h, at: starts[h]! });
  for (const [index, a] of input.arrivals.entries()) push({ kind: 'arrive', index, at: a.at });

  const hourAt = (at: number) => {
    let h = 23;
    while (h > 0 && at < starts[h]!) h--;
    return h;
  };
  const hourFigures = (service: string, at: number) => figures.get(groups.groupOf.get(service) ?? '')?.[hourAt(at)];
  const servesNow = new Map(config.counters.map((c) => [c.id, c.services.map((s) => s.service)]));

  /** The window calls; false when nobody waits for it. */
  const call = (counter: string): boolean => {
    // Asked first: a refusal from the engine costs an error's stack, and most windows find no one at times.
    if (!servesNow.get(counter)!.some((s) => engine.waitingCount(s) > 0)) return false;
    let events: DomainEvent[];
    try {
      events = engine.callNext(counter);
    } catch (error) {
      if (error instanceof EngineError && error.code === 'queue_empty') return false;
      throw error;
    }
    apply(events);
    const called = events[0];
    if (called?.type !== 'ticket.called') throw new Error('call next called nobody');
    const t = engine.ticket(called.ticketId);
    const f = hourFigures(t.service, t.issuedAt);
    if (f) {
      f.waitsMs.push(now - t.issuedAt);
      if (now - t.issuedAt <= target) f.within++;
    }
    status.set(counter, 'busy');
    if (random() < input.noShowShare) push({ kind: 'free', counter, noShow: true, at: now + NO_SHOW_WAIT_MS });
    else {
      apply(engine.start(counter));
      push({ kind: 'free', counter, noShow: false, at: now + Math.max(30_000, input.visitMs(t.service, random)) });
    }
    return true;
  };
  const leave = (counter: string) => {
    apply(engine.logout(counter));
    status.set(counter, 'off');
    closing.delete(counter);
  };
  /** A free window calls the next visitor, unless it is closing (and, at closing time, the line is out). */
  const free = (counter: string) => {
    status.set(counter, 'idle');
    if (closing.has(counter) && now < closesAt) return leave(counter);
    if (!call(counter) && closing.has(counter)) leave(counter);
  };

  for (let e = queue.pop(); e; e = queue.pop()) {
    now = e.at;
    if (e.kind === 'hour') {
      // A window is open when any group's plan has it open (a group without windows of its own plans on others').
      const wanted = new Set<string>();
      for (const g of groups.ids) {
        const open = input.staffing.get(g)?.[e.hour] ?? 0;
        for (const counter of (groups.windows.get(g) ?? []).slice(0, open)) wanted.add(counter);
        const f = figures.get(g)![e.hour]!;
        if (open > 0) for (const s of servicesOf.get(g) ?? []) f.waitingAtStart += engine.waitingCount(s);
      }
      for (const [counter, state] of status) {
        if (wanted.has(counter)) {
          closing.delete(counter);
          if (state === 'off') {
            apply(engine.login(counter, { username: `plan-${counter}`, name: counter }, `plan-${counter}`));
            free(counter);
          }
        } else if (state === 'idle') leave(counter);
        else if (state === 'busy') closing.add(counter);
      }
    } else if (e.kind === 'arrive') {
      const a = input.arrivals[e.index]!;
      try {
        apply(
          engine.issue({
            service: a.service,
            channel: a.appointmentAt === null ? 'kiosk' : 'appointment',
            priority: a.priority,
            language: 'uk',
            token: `p${e.index}`,
            ...(a.appointmentAt !== null && { appointment: { id: `a${e.index}`, at: a.appointmentAt } }),
          }),
        );
      } catch (error) {
        if (!(error instanceof EngineError) || (error.code !== 'service_closed' && error.code !== 'day_full')) throw error;
        const f = hourFigures(a.service, now);
        if (f) f.turnedAway++;
        continue;
      }
      const f = hourFigures(a.service, now);
      if (f) f.issued++;
      const idle = servedBy.get(a.service)?.find((c) => status.get(c) === 'idle');
      if (idle) call(idle);
    } else {
      if (e.noShow) apply(engine.noShow(e.counter));
      else apply(engine.finish(e.counter, []));
      free(e.counter);
    }
  }
  return figures;
}

/** The 90th percentile of waits, in minutes to a tenth; null for none. */
export function p90Minutes(waitsMs: readonly number[]): number | null {
  if (!waitsMs.length) return null;
  const s = [...waitsMs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.ceil(0.9 * s.length) - 1)]! / 60_000) * 10) / 10;
}
