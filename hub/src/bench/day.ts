// A day in a big centre on a simulated clock, as fast as the machine goes: visitors arrive on a
// realistic daily curve, counters call, serve and finish them with realistic service times. Every
// command takes the hub's own path minus MQTT — `decide` → engine `apply` → the store's commit with
// its reply — so the record at the end is what a hub would hold, and the supervisor statistics read
// the simulated outcome from it.
import { join } from 'node:path';
import {
  type CommandName,
  type CommandResult,
  type Config,
  configSchema,
  type Device,
  type DomainEvent,
  type ParsedCommandArgs,
  type Reply,
} from '@vikno/shared';
import { EngineError, QueueEngine } from '../engine/engine.js';
import { prng } from '../planner/random.js';
import { decide, type Verified } from '../service/commands.js';
import { ticketsTouched } from '../service/group-commit.js';
import { openStatistics, percentile } from '../stats/statistics.js';
import { type Commit, Store } from '../store/store.js';
import type { Centre } from './centre.js';
import { arrivalOffset, cumulative, HOURLY_ARRIVALS, MINUTE, pickIndex, serviceTime } from './visitors.js';

export interface DayOptions {
  centre: Centre;
  visitors: number;
  dir: string;
  seed: number;
  /**
   * Commands per transaction: 1 commits each command alone, as a hub does at a centre's pace; more
   * groups them as the hub's group commit does when commands arrive faster than the disk syncs.
   */
  commitGroup: number;
  /** Stops the replay after this much wall time, reporting how far the simulated day got. */
  budgetSeconds: number;
}

/** A Tuesday; the centre is open 08:00–20:00 Kyiv time (UTC+2 in March). */
export const DAY = '2026-03-03';
const at = (hhmm: string) => Date.parse(`${DAY}T${hhmm}:00+02:00`);
const OPEN = at('08:00');
const CLOSE = at('20:00');
const LAST_CALL = at('22:00');
const EARLY_SHIFT = { start: at('08:00'), end: at('14:30'), overtime: false };
const LATE_SHIFT = { start: at('13:30'), end: CLOSE, overtime: true };
const PRIORITY_SHARE = 0.04;
const NO_SHOW_SHARE = 0.03;

type Sim =
  | { kind: 'arrive'; at: number; visitor: number }
  | { kind: 'login' | 'leave' | 'call' | 'start' | 'finish' | 'noShow'; at: number; counter: string };

export interface DayResult {
  visitors: number;
  /** False when the wall-time budget ran out first; the outcome is then left out. */
  completed: boolean;
  /** Simulated local time the replay reached. */
  simulatedUntil: string;
  /** Tickets still waiting then: what each call next had to look through at the end. */
  waitingAtEnd: number;
  commands: number;
  /** Mean wall time of a command by name, in microseconds (the engine's and the store's part). */
  microsecondsPerCommand: Record<string, { n: number; mean: number }>;
  /** Wall time of the whole replay, and the part spent committing to SQLite. */
  wallSeconds: number;
  commitSeconds: number;
  commitGroup: number;
  transactions: number;
  commandsPerSecond: number;
  /** Counters of the centre replayed. */
  counters: number;
  /** The wait each ticket was told at issue against the wait it had until its first call. */
  promises: Promises | null;
  outcome: null | {
    served: number;
    noShows: number;
    unserved: number;
    /** Visitors the kiosk gave no ticket: after their service's last ticket, or its day full (engine/opening.ts). */
    turnedAway: number;
    withinTargetShare: number | null;
    waitP50Minutes: number | null;
    waitP90Minutes: number | null;
    /** Per counter, the time with a visitor (call → finish) over the time an operator was logged in. */
    utilisation: { mean: number; min: number; max: number };
    byGroup: {
      group: string;
      issued: number;
      waitP50Minutes: number | null;
      waitP90Minutes: number | null;
      withinTargetShare: number | null;
    }[];
  };
}

export interface PromiseErrors {
  /** Tickets called, whose promise is measured. */
  n: number;
  /** |promised − waited| in minutes, median and 90th percentile. */
  p50Minutes: number | null;
  p90Minutes: number | null;
  /** Mean of promised − waited: below 0, promises were short. */
  biasMinutes: number | null;
  /** Share of waits inside the range told (the whole minutes low–high, ± half a minute). */
  withinRangeShare: number | null;
}

export interface Promises {
  all: PromiseErrors;
  byGroup: ({ group: string } & PromiseErrors)[];
}

export function replayDay(o: DayOptions): DayResult {
  const config: Config = configSchema.parse({ ...o.centre.input, dataDir: o.dir });
  const random = prng(o.seed);
  let now = at('07:55');
  const clock = () => now;
  const engine = new QueueEngine(config, clock);
  const file = join(o.dir, `day-${o.visitors}.db`);
  // Checkpointed from a thread of its own, as the hub's store is: SQLite's own checkpoints would run
  // inside every thousandth page's commit, on this thread.
  let checkpointError: Error | undefined;
  const store = new Store(file, {
    checkpointInBackground: (error) => {
      checkpointError = error;
    },
  });
  const devices = new Map(config.devices.map((d) => [d.id, d]));
  const kiosks = config.devices.filter((d) => d.role === 'kiosk');
  const categories = config.queue.priorityCategories.map((p) => p.id);
  const minutesOf = new Map(config.services.map((s) => [s.id, s.averageServiceMinutes]));

  // ── the hub's path for one command, with group commit ────────────────────────────────────────
  let commands = 0;
  let transactions = 0;
  let commitMs = 0;
  const pending: Commit[] = [];
  const flush = () => {
    if (!pending.length) return;
    const t0 = performance.now();
    // Durable on return, as the hub's group commit is before it answers.
    store.commit(...pending);
    commitMs += performance.now() - t0;
    transactions++;
    pending.length = 0;
  };
  const cost = new Map<string, { n: number; ms: number }>();
  /** What each ticket was told at issue, and when it was first called. */
  const told = new Map<string, { service: string; issuedAt: number; minutes: number; low: number; high: number }>();
  const firstCalled = new Map<string, number>();
  const run = <C extends CommandName>(device: Device, name: C, args: ParsedCommandArgs<C>, verified: Verified = {}): boolean => {
    const c0 = performance.now();
    const id = `sim-${++commands}`;
    let events: DomainEvent[] = [];
    let reply: Reply;
    try {
      const decision = decide(engine, store, config, device, name, args, verified);
      events = decision.events;
      engine.apply(events);
      const data = decision.result();
      reply = { id, ok: true, data };
      if (name === 'ticket.issue') {
        const { ticket, estimatedWaitMinutes, estimatedWaitRange } = data as CommandResult<'ticket.issue'>;
        told.set(ticket.id, { service: ticket.service, issuedAt: ticket.issuedAt, minutes: estimatedWaitMinutes, ...estimatedWaitRange });
      }
      for (const e of events) if (e.type === 'ticket.called' && !firstCalled.has(e.ticketId)) firstCalled.set(e.ticketId, e.at);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      reply = { id, ok: false, error: error.body };
    }
    // Rows as they stand now: a later command of the same group changes the live objects.
    const tickets = ticketsTouched(events, engine).map((t) => ({ ...t }));
    pending.push({ events, tickets, reply: { device: device.id, id, day: engine.day, at: now, body: JSON.stringify(reply) } });
    if (pending.length >= o.commitGroup) flush();
    const c = cost.get(name) ?? { n: 0, ms: 0 };
    cost.set(name, { n: c.n + 1, ms: c.ms + performance.now() - c0 });
    return reply.ok;
  };

  // ── the visitors ──────────────────────────────────────────────────────────────────────────────
  const hourCdf = cumulative(HOURLY_ARRIVALS);
  const demand = [...o.centre.demand.entries()];
  const serviceCdf = cumulative(demand.map(([, share]) => share));
  const arrivals = Array.from({ length: o.visitors }, () => OPEN + arrivalOffset(hourCdf, random)).sort((a, b) => a - b);
  const visitorService = arrivals.map(() => demand[pickIndex(serviceCdf, random())]![0]);

  // ── the counters: two shifts, each half of the windows; the late shift serves whoever came before
  // closing, for at most two hours more ───────────────────────────────────────────────────────────
  const counterDevice = new Map(config.counters.map((c) => [c.id, devices.get(`counter-${c.id}`)!]));
  const operatorAt = new Map(config.operators.flatMap((op) => op.counters.map((c) => [c, op] as const)));
  const shiftOf = new Map(config.counters.map((c, i) => [c.id, i % 2 ? LATE_SHIFT : EARLY_SHIFT]));
  /** Logged in and waiting for a visitor: per service, the idle counters that serve it. */
  const idle = new Idle(config.counters);
  const staffedMs = new Map<string, number>();
  const busyMs = new Map<string, number>();
  const loggedInAt = new Map<string, number>();
  const calledAt = new Map<string, number>();
  let turnedAway = 0;
  const leave = (counter: string) => {
    idle.delete(counter);
    run(counterDevice.get(counter)!, 'operator.logout', {});
    staffedMs.set(counter, (staffedMs.get(counter) ?? 0) + now - loggedInAt.get(counter)!);
  };

  const t0 = performance.now();
  const queue = new MinHeap<Sim>((a, b) => a.at - b.at);
  for (const c of config.counters) {
    const shift = shiftOf.get(c.id)!;
    queue.push({ kind: 'login', at: shift.start, counter: c.id });
    queue.push({ kind: 'leave', at: shift.end, counter: c.id });
  }
  for (const [visitor, t] of arrivals.entries()) queue.push({ kind: 'arrive', at: t, visitor });

  const deadline = t0 + o.budgetSeconds * 1000;
  let completed = true;
  for (let e = queue.pop(); e; e = queue.pop()) {
    if ((commands & 255) === 0 && performance.now() > deadline) {
      completed = false;
      break;
    }
    now = Math.round(e.at);
    if (e.kind === 'arrive') {
      const service = visitorService[e.visitor]!;
      const priority = random() < PRIORITY_SHARE ? categories[Math.floor(random() * categories.length)]! : null;
      if (!run(kiosks[e.visitor % kiosks.length]!, 'ticket.issue', { service, priority, language: random() < 0.9 ? 'uk' : 'en' })) {
        turnedAway++;
        continue;
      }
      // Of the idle windows for the service, whichever operator presses "call next" first.
      const free = idle.any(service, random());
      if (free) {
        idle.delete(free);
        queue.push({ kind: 'call', at: now, counter: free });
      }
      continue;
    }
    const device = counterDevice.get(e.counter)!;
    const shift = shiftOf.get(e.counter)!;
    switch (e.kind) {
      case 'login': {
        const op = operatorAt.get(e.counter)!;
        run(
          device,
          'operator.login',
          { username: op.username, pin: '' },
          { operator: { username: op.username, name: op.name, counters: op.counters } },
        );
        loggedInAt.set(e.counter, now);
        queue.push({ kind: 'call', at: now, counter: e.counter });
        break;
      }
      case 'leave':
        // Whoever is serving finishes first; the visit's end logs the operator out.
        if (idle.has(e.counter)) leave(e.counter);
        break;
      case 'call': {
        const over = now >= shift.end && (!shift.overtime || now >= LAST_CALL);
        if (over) leave(e.counter);
        else if (run(device, 'counter.callNext', {})) {
          calledAt.set(e.counter, now);
          if (random() < NO_SHOW_SHARE) queue.push({ kind: 'noShow', at: now + 2 * MINUTE, counter: e.counter });
          else queue.push({ kind: 'start', at: now + (30 + 60 * random()) * 1000, counter: e.counter });
        } else if (now >= shift.end) leave(e.counter);
        else idle.add(e.counter);
        break;
      }
      case 'start': {
        run(device, 'counter.start', {});
        const ticket = engine.counterState(e.counter).ticket!;
        queue.push({ kind: 'finish', at: now + serviceTime(minutesOf.get(ticket.service) ?? 10, random), counter: e.counter });
        break;
      }
      case 'finish':
      case 'noShow': {
        run(device, e.kind === 'finish' ? 'counter.finish' : 'counter.noShow', e.kind === 'finish' ? { outcomes: [] } : {});
        busyMs.set(e.counter, (busyMs.get(e.counter) ?? 0) + now - calledAt.get(e.counter)!);
        // A short wrap-up before the next call.
        queue.push({ kind: 'call', at: now + (10 + 30 * random()) * 1000, counter: e.counter });
        break;
      }
    }
  }
  const simulatedUntil = new Date(now).toLocaleTimeString('en-GB', { timeZone: config.site.timezone, hour: '2-digit', minute: '2-digit' });
  const waitingAtEnd = config.services.reduce((n, s) => n + engine.queueSummary(s.id).waiting, 0);
  // Midnight: what is left expires, as the hub's rollover does.
  now = at('23:59');
  const closing = engine.closeDay();
  engine.apply(closing);
  pending.push({ events: closing, tickets: ticketsTouched(closing, engine) });
  flush();
  const wallSeconds = (performance.now() - t0) / 1000;
  store.close();
  if (checkpointError) throw checkpointError;

  const { statistics, close } = openStatistics(file);
  const target = config.queue.targetWaitMinutes;
  const all = statistics.forPeriod({ from: DAY, to: DAY }, { targetWaitMinutes: target });
  const groups = statistics.forPeriod({ from: DAY, to: DAY }, { targetWaitMinutes: target, groupBy: o.centre.groupOf });
  close();
  const utilisation = config.counters.map((c) => (busyMs.get(c.id) ?? 0) / (staffedMs.get(c.id) ?? 1));
  const promises: Promises | null = !completed
    ? null
    : (() => {
        const errors = [...told].flatMap(([id, t]) => {
          const at = firstCalled.get(id);
          if (at === undefined) return [];
          const waited = (at - t.issuedAt) / MINUTE;
          return [
            {
              group: o.centre.groupOf.get(t.service) ?? t.service,
              signed: t.minutes - waited,
              inRange: waited >= t.low - 0.5 && waited <= t.high + 0.5,
            },
          ];
        });
        const groupIds = [...new Set(errors.map((e) => e.group))].sort();
        return {
          all: promiseErrors(errors),
          byGroup: groupIds.map((group) => ({ group, ...promiseErrors(errors.filter((e) => e.group === group)) })),
        };
      })();
  return {
    visitors: o.visitors,
    counters: config.counters.length,
    promises,
    completed,
    simulatedUntil,
    waitingAtEnd,
    commands,
    microsecondsPerCommand: Object.fromEntries([...cost].map(([name, c]) => [name, { n: c.n, mean: Math.round((c.ms / c.n) * 1000) }])),
    wallSeconds: round(wallSeconds),
    commitSeconds: round(commitMs / 1000),
    commitGroup: o.commitGroup,
    transactions,
    commandsPerSecond: Math.round(commands / wallSeconds),
    outcome: !completed
      ? null
      : {
          served: all.total.served,
          noShows: all.total.noShows,
          unserved: all.total.expired,
          turnedAway,
          withinTargetShare: all.total.withinTargetShare,
          waitP50Minutes: all.total.waitP50Minutes,
          waitP90Minutes: all.total.waitP90Minutes,
          utilisation: {
            mean: round(utilisation.reduce((a, b) => a + b, 0) / utilisation.length),
            min: round(Math.min(...utilisation)),
            max: round(Math.max(...utilisation)),
          },
          byGroup: groups.lines.map((l) => ({
            group: l.key,
            issued: l.issued,
            waitP50Minutes: l.waitP50Minutes,
            waitP90Minutes: l.waitP90Minutes,
            withinTargetShare: l.withinTargetShare,
          })),
        },
  };
}

function promiseErrors(errors: readonly { signed: number; inRange: boolean }[]): PromiseErrors {
  if (!errors.length) return { n: 0, p50Minutes: null, p90Minutes: null, biasMinutes: null, withinRangeShare: null };
  const absolute = errors.map((e) => Math.abs(e.signed)).sort((a, b) => a - b);
  return {
    n: errors.length,
    p50Minutes: round(percentile(absolute, 50)),
    p90Minutes: round(percentile(absolute, 90)),
    biasMinutes: round(errors.reduce((sum, e) => sum + e.signed, 0) / errors.length),
    withinRangeShare: round(errors.filter((e) => e.inRange).length / errors.length),
  };
}

/**
 * The idle counters, findable per service in constant time: a centre of 32,000 counters has 1,600 for
 * a service, and each arrival asks for one of them.
 */
class Idle {
  private readonly services = new Map<string, string[]>();
  /** Per service, its idle counters in any order, and where each sits in that list. */
  private readonly lists = new Map<string, string[]>();
  private readonly places = new Map<string, Map<string, number>>();

  constructor(counters: Config['counters']) {
    for (const c of counters) {
      this.services.set(
        c.id,
        c.services.map((s) => s.service),
      );
      for (const s of c.services) {
        if (!this.lists.has(s.service)) {
          this.lists.set(s.service, []);
          this.places.set(s.service, new Map());
        }
      }
    }
  }

  has(counter: string): boolean {
    const first = this.services.get(counter)?.[0];
    return first !== undefined && this.places.get(first)!.has(counter);
  }

  add(counter: string): void {
    if (this.has(counter)) return;
    for (const s of this.services.get(counter) ?? []) {
      const list = this.lists.get(s)!;
      this.places.get(s)!.set(counter, list.length);
      list.push(counter);
    }
  }

  delete(counter: string): void {
    if (!this.has(counter)) return;
    for (const s of this.services.get(counter) ?? []) {
      const list = this.lists.get(s)!;
      const places = this.places.get(s)!;
      const at = places.get(counter)!;
      const last = list.pop()!;
      if (last !== counter) {
        list[at] = last;
        places.set(last, at);
      }
      places.delete(counter);
    }
  }

  /** One of the service's idle counters, `u` in [0, 1) choosing which. */
  any(service: string, u: number): string | undefined {
    const list = this.lists.get(service);
    return list?.[Math.floor(u * list.length)];
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** A binary heap: the simulation's agenda, earliest first. */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => number) {}

  push(item: T): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.before(a[i]!, a[parent]!) >= 0) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && this.before(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
