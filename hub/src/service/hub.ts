// The hub's command loop. Commands arrive over MQTT and are handled strictly one at a time:
// read → check → decide → apply → commit → sync → answer → publish. Nothing is answered before its
// transaction is on disk, and a repeated command id gets its first answer back unchanged.
// Group commit: the commands that arrive together (while the disk synced the previous ones) are
// decided one by one, then written in one transaction; their answers and state go out once the disk
// has synced it (store.ts). The next commands are decided while it syncs, and written after.
import {
  type CommandName,
  type Config,
  commandRequestSchema,
  commandSchemas,
  type Device,
  type DomainEvent,
  describeArgsError,
  type ErrorCode,
  isCommandName,
  isReadOnly,
  parseTopic,
  type Reply,
  type Ticket,
  topics,
} from '@vikno/shared';
import type { Logger } from 'pino';
import type { Bus } from '../broker/bus.js';
import { type Clock, EngineError, QueueEngine } from '../engine/engine.js';
import { verifyPin } from '../security/hashing.js';
import { PinAttempts } from '../security/pin-attempts.js';
import type { Commit, Store } from '../store/store.js';
import { type Decision, decide, type Verified } from './commands.js';

/** Where the hub reports requests it could not read well enough to answer on their reply topic. */
export const REJECTED_SESSION = 'rejected';

/** Events that change whether a counter counts as open for its services' wait estimates. */
const OPENS_OR_CLOSES = new Set<DomainEvent['type']>([
  'counter.loggedIn',
  'counter.loggedOut',
  'counter.opened',
  'counter.closed',
  'counter.paused',
  'counter.resumed',
]);

export class Hub {
  private engine: QueueEngine;
  private tail: Promise<void> = Promise.resolve();
  /** Jobs queued and not yet finished: when the last one ends, the batch is written (scheduleFlush). */
  private queued = 0;
  private flushScheduled = false;
  /** Decided, applied, not yet written: each with what to do once it is on disk (or is not). */
  private readonly batch: { commit?: Commit; done: () => void; failed?: () => void }[] = [];
  /** The batch's answers by sender and id, for a command repeated within the batch. */
  private readonly batchReplies = new Map<string, string>();
  private batchEvents: DomainEvent[] = [];
  private readonly published = new Map<string, string>();
  /**
   * What is still to go out, in the order it was decided: each batch's answers and state once its
   * sync returns, and everything sent after them behind them.
   */
  private outbox: Promise<void> = Promise.resolve();
  /** Batches written whose sync has not returned: while there is one, the next batch waits (flushWhenIdle). */
  private syncing = 0;
  private devices: Map<string, Device>;
  private rolloverTimer: NodeJS.Timeout | undefined;
  private unsubscribe: () => Promise<void> = async () => {};
  /** Bumped by each config change; apps watch it on the retained config topic. */
  private configVersion = 1;
  /** Wrong PINs per username, here and at the admin sign-in. */
  readonly pinAttempts: PinAttempts;

  constructor(
    private config: Config,
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly clock: Clock = Date.now,
  ) {
    this.devices = new Map(config.devices.map((d) => [d.id, d]));
    this.pinAttempts = new PinAttempts(clock);
    this.closeUnfinishedDays();
    this.engine = this.replayToday();
    this.store.forgetRepliesBefore(this.engine.day);
  }

  get site(): string {
    return this.config.site.id;
  }

  /** The engine, for the HTTP read API. Only read from it. */
  get state(): QueueEngine {
    return this.engine;
  }

  /** The config the hub runs with now (admin edits replace it). */
  get currentConfig(): Config {
    return this.config;
  }

  /** The record, for the HTTP read API (free appointment slots). Only read from it. */
  get record(): Store {
    return this.store;
  }

  /**
   * A change asked for by the hub's own HTTP side (the public pages: feedback, booking): queued
   * behind the commands and decided, committed and published exactly like them. Resolves with the
   * result; rejects with the EngineError of a refusal.
   */
  perform<T>(decideIt: (engine: QueueEngine, store: Store) => Omit<Decision, 'result'> & { result: () => T }): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.enqueue(async () => {
        this.rolloverIfDue();
        try {
          const decision = decideIt(this.engine, this.store);
          this.engine.apply(decision.events);
          this.commit(decision.events, undefined, decision.appointments);
          const result = decision.result();
          const changes = this.changes(decision.events);
          this.later(() => this.deliver(changes, () => resolve(result)));
        } catch (error) {
          if (!(error instanceof EngineError)) {
            this.log.error({ err: error }, 'http change failed; state reloaded from the record');
            this.engine = this.replayToday();
          }
          reject(error);
        }
      });
    });
  }

  async start(): Promise<void> {
    this.unsubscribe = await this.bus.subscribe([topics.command(this.site, '+', '+')], (topic, payload) => this.receive(topic, payload));
    this.post([...this.allState(), this.message(topics.config(this.site), { version: this.configVersion, at: this.clock() }, true)]);
    await this.outbox;
    await this.bus.publish(topics.presence(this.site, 'hub'), JSON.stringify({ status: 'online', at: this.clock() }), { retain: true });
    this.rolloverTimer = setInterval(() => this.enqueue(async () => this.rolloverIfDue()), 30_000);
    this.rolloverTimer.unref();
  }

  /** Lets the commands already received finish, then stops taking more. */
  async stop(): Promise<void> {
    clearInterval(this.rolloverTimer);
    await this.unsubscribe();
    await this.idle();
    if (this.bus.connected) {
      await this.bus.publish(topics.presence(this.site, 'hub'), JSON.stringify({ status: 'offline', at: this.clock() }), { retain: true });
    }
  }

  /** Resolves when every command received so far has been answered (tests, benchmarks). */
  async idle(): Promise<void> {
    // The batch is written at the end of the event loop's turn (enqueue), or once the sync before it
    // returns: wait for those too.
    do {
      await this.tail;
      await new Promise<void>((resolve) => setImmediate(resolve));
      await this.outbox;
    } while (this.queued || this.batch.length || this.syncing);
  }

  private receive(topic: string, payload: Buffer): void {
    const t = parseTopic(topic);
    if (t?.kind !== 'command' || t.site !== this.site) return;
    const device = this.devices.get(t.device);
    if (!device) {
      this.log.warn({ topic }, 'command from an unknown device');
      return;
    }
    const rejected = (code: ErrorCode, message: string) => {
      this.log.warn({ device: device.id, command: t.command, code }, message);
      this.answer(topics.reply(this.site, device.id, REJECTED_SESSION), { id: '', ok: false, error: { code, message } });
    };
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      return rejected('bad_request', `${t.command}: the payload is not JSON`);
    }
    const request = commandRequestSchema.safeParse(body);
    if (!request.success)
      return rejected('bad_request', `${t.command}: the request needs an id and a replyTo (${request.error.issues[0]?.message})`);
    const { id, replyTo } = request.data;
    // Answers go only under the sender's own reply topics, which only the sender may read.
    if (!replyTo.startsWith(topics.reply(this.site, device.id, '')) || replyTo.includes('+') || replyTo.includes('#')) {
      return rejected('bad_request', `${t.command}: replyTo must be under ${topics.reply(this.site, device.id, '<session>')}`);
    }
    const answer = (reply: Reply | string) => this.answer(replyTo, reply);
    const fail = (code: ErrorCode, message: string): Reply => ({ id, ok: false, error: { code, message } });

    if (!isCommandName(t.command)) return answer(fail('bad_request', `unknown command "${t.command}"`));
    const name = t.command;
    const spec = commandSchemas[name];
    if (!(spec.roles as readonly string[]).includes(device.role)) return answer(fail('forbidden', `a ${device.role} may not ${name}`));
    const args = spec.args.safeParse(request.data.args);
    if (!args.success) {
      return answer(fail('bad_request', `${name}: ${describeArgsError(args.error)}`));
    }

    // The PIN check is slow on purpose (scrypt); do it before joining the queue so it delays no one.
    const login = name === 'operator.login';
    const verifying = login ? this.verifyLogin(args.data as { username: string; pin: string }) : Promise.resolve({});
    // A login waits for its PIN check: the batch before it is written first rather than held up.
    this.enqueue(async () => {
      const verified = await verifying;
      this.execute(device, name, id, args.data, verified, answer);
    }, !login);
  }

  /**
   * Swaps the config at run time, inside the command loop: today's record is replayed under the new
   * config first (a change that leaves today's events pointing at a removed counter is refused),
   * then a `config.changed` event is committed, and all state is republished with the new version.
   */
  replaceConfig(next: Config, by: string, changes: string[]): Promise<number> {
    if (next.site.id !== this.site) return Promise.reject(new Error('the site id cannot change while the hub runs'));
    return new Promise((resolve, reject) => {
      this.enqueue(async () => {
        let engine: QueueEngine;
        try {
          engine = this.replay(next);
        } catch (error) {
          return reject(new Error(`today's record does not fit the new config: ${(error as Error).message}`));
        }
        const version = this.configVersion + 1;
        const event: DomainEvent = { type: 'config.changed', at: this.clock(), day: engine.day, by, version, changes };
        this.store.commit({ events: [event], tickets: [] });
        this.config = next;
        this.devices = new Map(next.devices.map((d) => [d.id, d]));
        this.engine = engine;
        this.engine.apply([event]);
        this.configVersion = version;
        this.log.info({ by, version, changes: changes.length }, 'config changed');
        this.post([
          ...this.eventMessages([event]),
          ...this.allState(),
          this.message(topics.config(this.site), { version, at: event.at }, true),
        ]);
        this.later(() => resolve(version));
      });
    });
  }

  /** Runs `job` after every job queued before it. Anything but a plain command first writes the batch. */
  private enqueue(job: () => Promise<void>, batched = false): void {
    const failed = (error: unknown) => this.log.error({ err: error }, 'command loop');
    this.queued++;
    this.tail = this.tail
      .then(() => {
        if (!batched) this.flush();
        return job();
      })
      .catch(failed)
      .then(() => {
        if (--this.queued === 0) this.flushWhenIdle();
      })
      .catch(failed);
  }

  /**
   * Once the queue is empty, the batch is written at the end of this turn of the event loop, after
   * every message that arrived in it: commands from many devices share one transaction even when the
   * broker hands them over a promise step apart, as the embedded broker does. While the disk syncs
   * the batch before, the batch keeps growing: it is written when that sync returns (flush).
   */
  private flushWhenIdle(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.queued === 0 && this.syncing === 0) this.flush();
    });
  }

  private async verifyLogin(a: { username: string; pin: string }): Promise<Verified> {
    const lockedMs = this.pinAttempts.lockedFor(a.username);
    if (lockedMs > 0) return { lockedMs };
    const op = this.config.operators.find((o) => o.username === a.username);
    if (!op || !(await verifyPin(a.pin, op.pinHash))) {
      this.pinAttempts.failed(a.username);
      return {};
    }
    this.pinAttempts.succeeded(a.username);
    return { operator: { username: op.username, name: op.name, counters: op.counters } };
  }

  private execute(
    device: Device,
    name: CommandName,
    id: string,
    args: unknown,
    verified: Verified,
    answer: (r: Reply | string) => void,
  ): void {
    // A query answers from the state as decided so far, and only once all of that is on disk: it never
    // shows what is not yet recorded (nor what is decided after it while the disk syncs).
    if (isReadOnly(name)) {
      const reply = this.query(device, name, id, args);
      return this.afterCommit(() => answer(reply));
    }
    const key = `${device.id} ${id}`;
    const inBatch = this.batchReplies.get(key);
    if (inBatch) return this.afterCommit(() => answer(inBatch));
    const seen = this.store.reply(device.id, id);
    if (seen !== undefined) {
      this.log.debug({ device: device.id, id, command: name }, 'repeated command: first answer returned');
      // Its first answer may still be waiting for its sync.
      return this.afterCommit(() => answer(seen));
    }
    this.rolloverIfDue();
    const at = this.clock();
    const internal: Reply = { id, ok: false, error: { code: 'internal', message: 'the hub could not record this command' } };
    let reply: Reply;
    let events: DomainEvent[] = [];
    let appointments: Commit['appointments'];
    try {
      const decision = decide(this.engine, this.store, this.config, device, name, args, verified);
      events = decision.events;
      this.engine.apply(events);
      reply = { id, ok: true, data: decision.result() };
      appointments = decision.appointments;
    } catch (error) {
      if (!(error instanceof EngineError)) {
        this.log.error({ err: error, device: device.id, command: name }, 'command failed; state reloaded from the record');
        // The commands before this one are sound: write them, then rebuild the state from the record.
        this.flush();
        this.engine = this.replayToday();
        return answer(internal);
      }
      reply = { id, ok: false, error: error.body };
    }
    this.log.info({ device: device.id, command: name, id, ok: reply.ok, ...(reply.ok ? {} : { code: reply.error.code }) }, 'command');
    // The rows as they stand now: a later command of the batch changes the engine's live tickets.
    const tickets = ticketsTouched(events, this.engine).map((t) => ({ ...t }));
    const body = JSON.stringify(reply);
    this.batch.push({
      commit: { events, tickets, reply: { device: device.id, id, day: this.engine.day, at, body }, appointments },
      done: () => answer(body),
      failed: () => answer(internal),
    });
    this.batchReplies.set(key, body);
    this.batchEvents.push(...events);
  }

  /** Runs `then` once everything decided so far is on disk (at once when nothing is pending). */
  private afterCommit(then: () => void): void {
    if (this.batch.length) this.batch.push({ done: then });
    else this.later(then);
  }

  /**
   * Writes the batch in one transaction; once the disk has synced it, answers its commands and
   * publishes what changed, as it stood when written.
   */
  private flush(): void {
    if (!this.batch.length) return;
    const batch = this.batch.splice(0);
    const events = this.batchEvents;
    this.batchEvents = [];
    this.batchReplies.clear();
    let synced: Promise<void>;
    try {
      synced = this.store.commitAll(batch.flatMap((b) => (b.commit ? [b.commit] : [])));
    } catch (error) {
      this.log.error({ err: error, commands: batch.length }, 'commit failed; state reloaded from the record');
      this.engine = this.replayToday();
      this.later(() => {
        for (const b of batch) (b.failed ?? b.done)();
      });
      return;
    }
    this.log.debug({ commands: batch.length }, 'batch written');
    const changes = this.changes(events);
    this.syncing++;
    this.outbox = this.outbox
      .then(() => synced)
      .then(
        () => true,
        (error: unknown) => {
          // Written, so the record and the state agree; but the disk did not confirm it: no command
          // is told it succeeded. A device repeating one gets the recorded answer.
          this.log.error(
            { err: error, commands: batch.length },
            'the disk did not confirm a commit; its commands were answered with an error',
          );
          return false;
        },
      )
      .then((onDisk) => {
        this.deliver(changes, () => {
          for (const b of batch) (onDisk ? b.done : (b.failed ?? b.done))();
        });
      })
      .catch(this.outboxFailed)
      // Whatever happened above, the batches behind this one must not wait for it for ever.
      .then(() => {
        if (--this.syncing === 0 && this.queued === 0) this.flush();
      })
      .catch(this.outboxFailed);
  }

  /** A read-only query: answered from the state as it stands; its answer is not recorded and nothing is published. */
  private query(device: Device, name: CommandName, id: string, args: unknown): Reply {
    this.rolloverIfDue();
    try {
      return { id, ok: true, data: decide(this.engine, this.store, this.config, device, name, args, {}).result() };
    } catch (error) {
      if (error instanceof EngineError) return { id, ok: false, error: error.body };
      this.log.error({ err: error, device: device.id, command: name }, 'query failed');
      return { id, ok: false, error: { code: 'internal', message: 'the hub could not answer this query' } };
    }
  }

  private commit(
    events: DomainEvent[],
    reply: Parameters<Store['commit']>[0]['reply'],
    appointments: Parameters<Store['commit']>[0]['appointments'] = [],
  ): void {
    this.store.commit({ events, tickets: ticketsTouched(events, this.engine), reply, appointments });
  }

  /** After local midnight: yesterday's open tickets expire, operators are logged out, numbers restart. */
  private rolloverIfDue(): void {
    if (!this.engine.dayIsOver()) return;
    this.flush();
    const events = this.engine.closeDay();
    this.engine.apply(events);
    this.commit(events, undefined);
    const closed = this.eventMessages(events);
    this.log.info({ day: this.engine.day, expired: events.length }, 'day closed');
    this.store.forgetRepliesBefore(this.engine.day);
    this.engine.startDay();
    this.post([...closed, ...this.allState()]);
  }

  /** A hub stopped before midnight and started after it closes the days it missed first. */
  private closeUnfinishedDays(): void {
    const today = new QueueEngine(this.config, this.clock).day;
    for (const day of this.store.unfinishedDaysBefore(today)) {
      const old = new QueueEngine(this.config, this.clock, day);
      old.apply(this.store.eventsOfDay(day));
      const events = old.closeDay();
      if (!events.length) continue;
      old.apply(events);
      this.store.commit({ events, tickets: ticketsTouched(events, old) });
      this.log.info({ day, events: events.length }, 'closed a day the hub was not running at midnight');
    }
  }

  private replayToday(): QueueEngine {
    const engine = this.replay(this.config);
    this.log.info({ day: engine.day }, 'state replayed from the record');
    return engine;
  }

  private replay(config: Config): QueueEngine {
    const engine = new QueueEngine(config, this.clock);
    engine.apply(this.store.eventsOfDay(engine.day));
    return engine;
  }

  // ── publishing ─────────────────────────────────────────────────────────────────────────────────
  // Messages are made when their state is written, and sent in that order once it is on disk: the
  // state may be ahead of the disk by the batch being synced, and no display sees that batch early.

  /** What the events changed, as the state stands now: the calls (hall) go out before the answers, the rest after. */
  private changes(events: readonly DomainEvent[]): { hall: Outgoing[]; rest: Outgoing[] } {
    if (!events.length) return { hall: [], rest: [] };
    const counters = new Set<string>();
    const services = new Set<string>();
    let calls = false;
    for (const e of events) {
      if ('counter' in e) counters.add(e.counter);
      if (e.type === 'ticket.issued') services.add(e.ticket.service);
      if ('ticketId' in e) services.add(this.engine.ticket(e.ticketId).service);
      if (e.type === 'ticket.transferred') services.add(e.toService);
      if (e.type === 'ticket.called' || e.type === 'ticket.recalled' || e.type === 'ticket.unparked') calls = true;
      // A counter opening or closing changes the estimate of every service it serves; a call or a
      // finish there changes only its ticket's service, added above.
      if (OPENS_OR_CLOSES.has(e.type) && 'counter' in e) {
        for (const s of this.config.counters.find((x) => x.id === e.counter)?.services ?? []) services.add(s.service);
      }
    }
    const rest = this.eventMessages(events);
    for (const c of counters) rest.push(this.message(topics.counter(this.site, c), this.engine.counterState(c), true));
    for (const s of services) rest.push(...this.queueMessage(s));
    return { hall: calls ? [this.callsMessage()] : [], rest };
  }

  /** The hall first: a call reaches the displays before the answers, then the rest of the state. */
  private deliver(changes: { hall: Outgoing[]; rest: Outgoing[] }, answer: () => void): void {
    this.sendAll(changes.hall);
    answer();
    this.sendAll(changes.rest);
  }

  private eventMessages(events: readonly DomainEvent[]): Outgoing[] {
    return events.map((e) => {
      // The token is the ticket holder's alone: it never goes out on a topic every display reads;
      // nor does a visitor's feedback comment (free text that may name people): reports read it from the log.
      const { token: _secret, ...visible } = e as DomainEvent & { token?: string };
      if (visible.type === 'ticket.feedback') visible.comment = null;
      return this.message(topics.event(this.site, e.type), visible);
    });
  }

  private allState(): Outgoing[] {
    return [
      ...this.engine.counterIds().map((c) => this.message(topics.counter(this.site, c), this.engine.counterState(c), true)),
      ...this.config.services.flatMap((s) => this.queueMessage(s.id)),
      this.callsMessage(),
    ];
  }

  private callsMessage(): Outgoing {
    return this.message(topics.calls(this.site), { calls: this.engine.recentCalls(), at: this.clock() }, true);
  }

  private queueMessage(service: string): Outgoing[] {
    const summary = this.engine.queueSummary(service);
    // Skip a summary that only differs in its timestamp: no need to wake every display.
    const key = JSON.stringify({ ...summary, at: 0 });
    const topic = topics.queue(this.site, service);
    if (this.published.get(topic) === key) return [];
    this.published.set(topic, key);
    return [this.message(topic, summary, true)];
  }

  private message(topic: string, payload: unknown, retain = false): Outgoing {
    return { topic, payload: JSON.stringify(payload), retain };
  }

  /** Sends after everything before it in the outbox. */
  private post(messages: readonly Outgoing[]): void {
    this.later(() => this.sendAll(messages));
  }

  private later(job: () => void): void {
    this.outbox = this.outbox.then(job).catch(this.outboxFailed);
  }

  private readonly outboxFailed = (error: unknown) => this.log.error({ err: error }, 'outbox');

  private sendAll(messages: readonly Outgoing[]): void {
    for (const m of messages) this.publish(m.topic, m.payload, { retain: m.retain });
  }

  /** `reply` as recorded (a string) is sent as it is. */
  private answer(topic: string, reply: Reply | string): void {
    this.publish(topic, typeof reply === 'string' ? reply : JSON.stringify(reply));
  }

  private publish(topic: string, payload: string, options?: { retain: boolean }): void {
    this.bus
      .publish(topic, payload, options)
      .catch((err: unknown) => this.log.warn({ topic, err }, 'mqtt: a message did not reach the broker'));
  }
}

interface Outgoing {
  topic: string;
  payload: string;
  retain: boolean;
}

/** The tickets the events changed, as they stand now: the rows the store keeps in step with the log. */
export function ticketsTouched(events: readonly DomainEvent[], engine: QueueEngine): Ticket[] {
  const ids = new Set(events.flatMap((e) => ('ticketId' in e ? [e.ticketId] : e.type === 'ticket.issued' ? [e.ticket.id] : [])));
  return [...ids].map((id) => engine.ticket(id));
}
