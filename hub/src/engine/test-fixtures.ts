// Shared by the engine's unit tests: a small centre, a fake clock and helpers that decide a command
// and apply its events, as the hub does.
import { type Config, type ConfigInput, configSchema, type DomainEvent, type Ticket } from '@vikno/shared';
import type { DrawSecrets } from './draw.js';
import { EngineError, type IssueRequest, QueueEngine } from './engine.js';

export const MINUTE = 60_000;

/** The engine's refusal of `fn`: anything else it throws, or no refusal at all, fails the test. */
export function refusal(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('not refused');
}
export const PIN_HASH = 'scrypt$16384$8$1$c2FsdA$aGFzaA';
const SECRET_HASH = '$7$101$c2FsdHNhbHRzYWx0$aGFzaA==';

export const names = (text: string) => ({ uk: text, en: text });

/**
 * The test centre: passport (A, 10 min), pension (B, 6 min), archive (C, inactive).
 * Window 1 serves passport and pension, window 2 passport, window 3 pension, window 4 passport
 * (weight 1) and pension (weight 5).
 */
export function centre(queue: Partial<NonNullable<ConfigInput['queue']>> = {}, counters?: ConfigInput['counters']): Config {
  return configSchema.parse({
    site: { id: 'test-centre', name: names('Test centre'), timezone: 'Europe/Kyiv', languages: ['uk', 'en'] },
    serviceGroups: [{ id: 'main', names: names('Main') }],
    services: [
      { id: 'passport', group: 'main', prefix: 'A', names: names('Passport'), averageServiceMinutes: 10 },
      { id: 'pension', group: 'main', prefix: 'B', names: names('Pension'), averageServiceMinutes: 6 },
      { id: 'archive', group: 'main', prefix: 'C', names: names('Archive'), averageServiceMinutes: 5, active: false },
    ],
    zones: [{ id: 'hall', names: names('Hall') }],
    counters: counters ?? [
      { id: 'k1', window: 1, zone: 'hall', services: [{ service: 'passport' }, { service: 'pension' }, { service: 'archive' }] },
      { id: 'k2', window: 2, zone: 'hall', services: [{ service: 'passport' }] },
      { id: 'k3', window: 3, zone: 'hall', services: [{ service: 'pension' }] },
      {
        id: 'k4',
        window: 4,
        zone: 'hall',
        services: [
          { service: 'passport', weight: 1 },
          { service: 'pension', weight: 5 },
        ],
      },
    ],
    operators: [
      { username: 'alice', name: 'Alice', pinHash: PIN_HASH },
      { username: 'bob', name: 'Bob', pinHash: PIN_HASH },
      { username: 'carol', name: 'Carol', pinHash: PIN_HASH },
    ],
    devices: [{ id: 'kiosk-1', role: 'kiosk', secretHash: SECRET_HASH }],
    queue: {
      priorityCategories: [
        { id: 'veteran', names: names('Veteran') },
        { id: 'disabled', names: names('Disability') },
      ],
      priorityRatio: { priority: 1, normal: 2 },
      appointmentToleranceMinutes: 10,
      maxWaitMinutes: 60,
      estimateSampleSize: 3,
      recentCallsShown: 5,
      outcomes: [
        { id: 'accepted', names: names('Accepted') },
        { id: 'refused', names: names('Refused') },
      ],
      ...queue,
    },
  });
}

/** 2026-11-23 09:00 in Kyiv (UTC+2 in winter). */
export const MORNING = Date.UTC(2026, 10, 23, 7, 0);

export type Harness = ReturnType<typeof harness>;

/** `drawSecrets`: what the hub would hand in for the back-office draws (backoffice.test.ts). */
export function harness(config: Config = centre(), start = MORNING, drawSecrets?: DrawSecrets) {
  let now = start;
  const clock = () => now;
  const engine = new QueueEngine(config, clock, undefined, drawSecrets);
  /** Every event applied so far, in order: what the hub's record would hold. */
  const log: DomainEvent[] = [];
  const run = (events: DomainEvent[]): DomainEvent[] => {
    engine.apply(events);
    log.push(...events);
    return events;
  };
  let tokens = 0;
  const h = {
    engine,
    config,
    clock,
    log,
    run,
    get now() {
      return now;
    },
    set now(at: number) {
      now = at;
    },
    advance(minutes: number) {
      now += minutes * MINUTE;
    },
    issue(service = 'passport', extra: Partial<IssueRequest> = {}): Ticket {
      const [e] = run(engine.issue({ service, channel: 'kiosk', priority: null, language: 'uk', token: `token-${++tokens}`, ...extra }));
      if (e?.type !== 'ticket.issued') throw new Error('issue produced no ticket');
      return engine.ticket(e.ticket.id);
    },
    /** Logs `user` in at the counter, which opens it. */
    login(counter: string, user = `op-${counter}`) {
      return run(engine.login(counter, { username: user, name: user.toUpperCase() }, `dev-${counter}`));
    },
    /** Calls next and returns the called ticket's number and the rule. */
    callNext(counter: string): { number: string; rule: string; id: string } {
      const [e] = run(engine.callNext(counter));
      if (e?.type !== 'ticket.called') throw new Error('callNext produced no call');
      return { number: engine.ticket(e.ticketId).number, rule: e.rule, id: e.ticketId };
    },
    finish(counter: string, outcomes: string[] = []) {
      return run(engine.finish(counter, outcomes));
    },
    /** Call next and finish at once, returning `number:rule`. */
    serveNext(counter: string): string {
      const c = h.callNext(counter);
      h.finish(counter);
      return `${c.number}:${c.rule}`;
    },
  };
  return h;
}

/** Everything a client can read from the engine, deep-copied for comparison. */
export function snapshot(engine: QueueEngine) {
  return structuredClone({
    day: engine.day,
    counters: engine.counterIds().map((id) => engine.counterState(id)),
    queues: engine.config.services.map((s) => engine.queueSummary(s.id)),
    waiting: engine.config.services.map((s) => engine.waitingTickets(s.id).map((t) => t.id)),
    calls: engine.recentCalls(),
    tickets: [...engine.tickets()],
  });
}
