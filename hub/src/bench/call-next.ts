// "Call next" against the length of the queue: the regional centre with every counter logged in and
// 100, 10,000 or 100,000 tickets waiting (spread over the services by the day's demand, 4 % priority,
// joined over the last half hour), counters chosen at random calling one after another. Each call is
// followed, untimed, by the visit's end and one new ticket, so the queue keeps its length. Timed: the
// engine deciding the call and applying it (the store's commit is the same whatever the queue, and is
// in the day's figures), and separately what the hub publishes after it: the called ticket's
// service's queue summary, whose wait estimate plays the calls forward (engine/estimate.ts).
// The queues are measured in turns, a tenth of the calls each, so that other work on the machine
// weighs on each of them alike.
import { type Config, configSchema, type DomainEvent } from '@vikno/shared';
import { EngineError, QueueEngine } from '../engine/engine.js';
import { prng } from '../planner/random.js';
import type { Centre } from './centre.js';
import { type Latency, percentile, round } from './measure.js';
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

const TURNS = 10;

export function benchCallNext(o: { centre: Centre; waiting: readonly number[]; calls: number; seed: number }): CallNextResult[] {
  const halls = o.waiting.map((waiting, i) => new Hall(o.centre, waiting, o.seed + i));
  // The first calls warm the JIT up; they are not timed.
  for (const hall of halls) for (let i = 0; i < Math.min(500, o.calls); i++) hall.call();
  const call = halls.map((): number[] => []);
  const summary = halls.map((): number[] => []);
  for (let turn = 0; turn < TURNS; turn++) {
    for (const [h, hall] of halls.entries()) {
      // First the calls alone, then the summaries alone: a summary plays calls forward over the same
      // lines, and timed in turn with the calls it would leave them the colder for it.
      const services: string[] = [];
      for (let i = 0; i < o.calls / TURNS; i++) {
        const { ms, service } = hall.call();
        call[h]!.push(ms);
        services.push(service);
      }
      for (const service of services) summary[h]!.push(hall.summary(service));
    }
  }
  return halls.map((hall, h) => ({ waiting: hall.waiting, calls: call[h]!.length, call: micros(call[h]!), summary: micros(summary[h]!) }));
}

/** The regional centre with `waiting` tickets waiting, kept at that length. */
class Hall {
  private now = Date.parse('2026-03-03T11:00:00+02:00');
  private readonly engine: QueueEngine;
  private readonly random: () => number;
  private readonly demand: [string, number][];
  private readonly serviceCdf: number[];
  private readonly categories: string[];
  private readonly counters: string[];
  private tokens = 0;

  constructor(
    centre: Centre,
    readonly waiting: number,
    seed: number,
  ) {
    const config: Config = configSchema.parse(centre.input);
    this.random = prng(seed);
    this.engine = new QueueEngine(config, () => this.now);
    this.demand = [...centre.demand.entries()];
    this.serviceCdf = cumulative(this.demand.map(([, share]) => share));
    this.categories = config.queue.priorityCategories.map((p) => p.id);
    this.counters = config.counters.map((c) => c.id);
    for (const c of this.counters) this.engine.apply(this.engine.login(c, { username: `op-${c}`, name: c }, `counter-${c}`));
    const start = this.now - 30 * MINUTE;
    for (let i = 0; i < waiting; i++) {
      this.now = start + Math.floor((i / waiting) * 30 * MINUTE);
      this.issue();
    }
    this.now = start + 30 * MINUTE;
  }

  /** One call next at a counter with someone to call, timed, then the visit's end and a new ticket. */
  call(): { ms: number; service: string } {
    this.now += 1000;
    let counter: string;
    let events: DomainEvent[] | undefined;
    let t0: number;
    // With 100 waiting over 400 services, a few counters have no one to call.
    do {
      counter = this.counters[Math.floor(this.random() * this.counters.length)]!;
      t0 = performance.now();
      events = tryCall(this.engine, counter);
    } while (!events);
    this.engine.apply(events);
    const ms = performance.now() - t0;
    const e = events[0];
    if (e?.type !== 'ticket.called') throw new Error('call next called nobody');
    const service = this.engine.ticket(e.ticketId).service;
    this.engine.apply(this.engine.finish(counter, []));
    this.issue();
    return { ms, service };
  }

  summary(service: string): number {
    const t0 = performance.now();
    this.engine.queueSummary(service);
    return performance.now() - t0;
  }

  private issue(): void {
    const service = this.demand[pickIndex(this.serviceCdf, this.random())]![0];
    const priority = this.random() < 0.04 ? this.categories[Math.floor(this.random() * this.categories.length)]! : null;
    // Staff tickets: a line held at 100,000 is past what the capacity rule lets a kiosk issue, and the
    // channel changes nothing in how a ticket is called.
    this.engine.apply(this.engine.issue({ service, channel: 'operator', priority, language: 'uk', token: `t${++this.tokens}` }));
  }
}

function tryCall(engine: QueueEngine, counter: string): DomainEvent[] | undefined {
  try {
    return engine.callNext(counter);
  } catch (error) {
    if (error instanceof EngineError && error.code === 'queue_empty') return undefined;
    throw error;
  }
}

// Percentiles from the samples themselves: latency() rounds to whole microseconds, which made a 2 µs
// median 2 or 3 and the medians' ratio jump by a third.
function micros(ms: readonly number[]): LatencyMicros {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    n: ms.length,
    meanUs: round((ms.reduce((a, b) => a + b, 0) / ms.length) * 1000, 1),
    p50Us: round(percentile(sorted, 50) * 1000, 1),
    p99Us: round(percentile(sorted, 99) * 1000, 1),
  };
}
