// The retained state and the events the hub publishes, made from the engine as it stands when a
// batch is written (they go out once it is on disk: outbox.ts).
import { type Config, type DomainEvent, eventTopic, topics } from '@vikno/shared';
import type { QueueEngine } from '../engine/engine.js';
import type { Changes, Outgoing } from './outbox.js';

/** Events that change whether a counter counts as open for its services' wait estimates. */
const OPENS_OR_CLOSES = new Set<DomainEvent['type']>([
  'counter.loggedIn',
  'counter.loggedOut',
  'counter.opened',
  'counter.closed',
  'counter.paused',
  'counter.resumed',
]);

/** What the messages are made from: the hub's engine and config, both replaced over its life. */
export interface StateSource {
  readonly site: string;
  readonly state: QueueEngine;
  readonly currentConfig: Config;
  readonly clock: () => number;
}

export class StateMessages {
  /** The last queue summary sent per topic, without its time. */
  private readonly published = new Map<string, string>();

  constructor(private readonly source: StateSource) {}

  /** What the events changed: the calls (for the hall) and the rest. */
  changes(events: readonly DomainEvent[]): Changes {
    if (!events.length) return { hall: [], rest: [] };
    const { site, state: engine, currentConfig: config } = this.source;
    const counters = new Set<string>();
    const services = new Set<string>();
    let calls = false;
    for (const e of events) {
      if ('counter' in e) counters.add(e.counter);
      if (e.type === 'ticket.issued') services.add(e.ticket.service);
      if ('ticketId' in e) {
        const t = engine.ticket(e.ticketId);
        services.add(t.service);
        // A ticket waiting for one window alone is counted in that window's state (`directed`).
        for (const c of engine.targetCounters(t)) counters.add(c);
      }
      if (e.type === 'ticket.transferred') services.add(e.toService);
      if (e.type === 'ticket.called' || e.type === 'ticket.recalled' || e.type === 'ticket.unparked') calls = true;
      // The hall shows where transferred tickets went, and the window of an operator one waits for.
      if (e.type === 'ticket.transferred' || e.type === 'ticket.expired') calls = true;
      if ((e.type === 'counter.loggedIn' || e.type === 'counter.loggedOut') && engine.transfersWaiting() > 0) calls = true;
      // A counter opening or closing changes the estimate of every service it serves; a call or a
      // finish there changes only its ticket's service, added above.
      if (OPENS_OR_CLOSES.has(e.type) && 'counter' in e) {
        for (const s of config.counters.find((x) => x.id === e.counter)?.services ?? []) services.add(s.service);
      }
    }
    const rest = this.events(events);
    for (const c of counters) rest.push(message(topics.counter(site, c), engine.counterState(c), true));
    for (const s of services) rest.push(...this.queue(s));
    return { hall: calls ? [this.calls()] : [], rest };
  }

  events(events: readonly DomainEvent[]): Outgoing[] {
    return events.map((e) => {
      // The token is the ticket holder's alone: it never goes out on a topic every display reads;
      // nor does a visitor's feedback comment (free text that may name people): reports read it from the log.
      const { token: _secret, ...visible } = e as DomainEvent & { token?: string };
      if (visible.type === 'ticket.feedback') visible.comment = null;
      return message(eventTopic(this.source.site, e.type), visible);
    });
  }

  /** Every retained state topic, as at a start or after a config change. */
  all(): Outgoing[] {
    const { site, state: engine, currentConfig: config } = this.source;
    return [
      ...engine.counterIds().map((c) => message(topics.counter(site, c), engine.counterState(c), true)),
      ...config.services.flatMap((s) => this.queue(s.id)),
      this.calls(),
    ];
  }

  config(version: number, at: number): Outgoing {
    return message(topics.config(this.source.site), { version, at }, true);
  }

  private calls(): Outgoing {
    const engine = this.source.state;
    return message(
      topics.calls(this.source.site),
      { calls: engine.recentCalls(), transfers: engine.recentTransfers(), at: this.source.clock() },
      true,
    );
  }

  private queue(service: string): Outgoing[] {
    const summary = this.source.state.queueSummary(service);
    // Skip a summary that only differs in its timestamp: no need to wake every display.
    const key = JSON.stringify({ ...summary, at: 0 });
    const topic = topics.queue(this.source.site, service);
    if (this.published.get(topic) === key) return [];
    this.published.set(topic, key);
    return [message(topic, summary, true)];
  }
}

function message(topic: string, payload: unknown, retain = false): Outgoing {
  return { topic, payload: JSON.stringify(payload), retain };
}
