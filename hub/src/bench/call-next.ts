// "Call next" against the length of the queue: the regional centre with every counter logged in and
// 100, 10,000 or 100,000 tickets waiting (spread over the services by the day's demand, 4 % priority,
// joined over the last half hour), counters chosen at random calling one after another. Each call is
// followed, untimed, by the visit's end and one new ticket, so the queue keeps its length. Timed: the
// engine deciding the call and applying it (the store's commit is the same whatever the queue, and is
// in the day's figures), and separately what the hub publishes after it: the called ticket's
// service's queue summary, whose wait estimate plays the calls forward (engine/estimate.ts).
import { type Config, configSchema, type DomainEvent } from '@vikno/shared';
import { EngineError, QueueEngine } from '../engine/engine.js';
import { type Centre, prng } from './centre.js';
import { type Latency, latency, round } from './measure.js';
import { cumulative, MINUTE, pickIndex } from './visitors.js';

export interface CallNextResult {
  waiting: number;
  calls: number;
  /** Deciding and applying one call, µs. */
  call: LatencyMicros;
  /** The called ticket's service's queue summary, µs. */
  summary: LatencyMicros;
}

type LatencyMicros = Omit<Latency, 'p50Ms' | 'p95Ms' | 'p99Ms' | 'maxMs'> & { meanUs: number; p50Us: number; p99Us: number };

export function benchCallNext(o: { centre: Centre; waiting: number; calls: number; seed: number }): CallNextResult {
  const config: Config = configSchema.parse(o.centre.input);
  const random = prng(o.seed);
  let now = Date.parse('2026-03-03T11:00:00+02:00');
  const engine = new QueueEngine(config, () => now);
  const demand = [...o.centre.demand.entries()];
  const serviceCdf = cumulative(demand.map(([, share]) => share));
  const categories = config.queue.priorityCategories.map((p) => p.id);
  let tokens = 0;
  const issue = () => {
    const service = demand[pickIndex(serviceCdf, random())]![0];
    const priority = random() < 0.04 ? categories[Math.floor(random() * categories.length)]! : null;
    engine.apply(engine.issue({ service, channel: 'kiosk', priority, language: 'uk', token: `t${++tokens}` }));
  };
  const counters = config.counters.map((c) => c.id);
  for (const c of counters) engine.apply(engine.login(c, { username: `op-${c}`, name: c }, `counter-${c}`));
  const start = now - 30 * MINUTE;
  for (let i = 0; i < o.waiting; i++) {
    now = start + Math.floor((i / o.waiting) * 30 * MINUTE);
    issue();
  }
  now = start + 30 * MINUTE;

  // First the calls alone, then the summaries alone: a summary plays calls forward over the same
  // lines, and timed in turn with the calls it would leave them the colder for it.
  const call: number[] = [];
  const summary: number[] = [];
  const called: string[] = [];
  // The first calls warm the JIT up; they are not timed.
  const warmUp = Math.min(500, o.calls);
  for (let i = 0; i < warmUp + o.calls; i++) {
    now += 1000;
    // A counter with someone to call: with 100 waiting over 400 services, a few have none.
    let counter: string;
    let events: DomainEvent[] | undefined;
    let t0: number;
    do {
      counter = counters[Math.floor(random() * counters.length)]!;
      t0 = performance.now();
      events = tryCall(engine, counter);
    } while (!events);
    engine.apply(events);
    const ms = performance.now() - t0;
    const e = events[0];
    if (e?.type !== 'ticket.called') throw new Error('call next called nobody');
    if (i >= warmUp) {
      call.push(ms);
      called.push(engine.ticket(e.ticketId).service);
    }
    engine.apply(engine.finish(counter, []));
    issue();
  }
  for (const service of called) {
    const t0 = performance.now();
    engine.queueSummary(service);
    summary.push(performance.now() - t0);
  }
  return { waiting: o.waiting, calls: o.calls, call: micros(call), summary: micros(summary) };
}

function tryCall(engine: QueueEngine, counter: string): DomainEvent[] | undefined {
  try {
    return engine.callNext(counter);
  } catch (error) {
    if (error instanceof EngineError && error.code === 'queue_empty') return undefined;
    throw error;
  }
}

function micros(ms: readonly number[]): LatencyMicros {
  const l = latency(ms);
  return {
    n: l.n,
    meanUs: round((ms.reduce((a, b) => a + b, 0) / ms.length) * 1000, 1),
    p50Us: round(l.p50Ms * 1000, 1),
    p99Us: round(l.p99Ms * 1000, 1),
  };
}
