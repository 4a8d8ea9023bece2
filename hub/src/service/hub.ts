// The hub's command loop. Commands arrive over MQTT and are handled strictly one at a time:
// read → check → decide → apply → commit → sync → answer → publish. Nothing is answered before its
// transaction is on disk, and a repeated command id gets its first answer back unchanged.
// The parts, each in its own file: taking a command in (intake.ts), the one queue of work
// (command-loop.ts), the batched write (group-commit.ts), what is published (state-messages.ts) and
// the order it goes out in (outbox.ts).
import {
  type CommandName,
  type Config,
  type Device,
  type DomainEvent,
  isReadOnly,
  type ParsedCommandArgs,
  type Reply,
  topics,
} from '@vikno/shared';
import type { Logger } from 'pino';
import { DrawSecretStore } from '../audit/draw-secrets.js';
import type { Bus } from '../broker/bus.js';
import type { Decision } from '../engine/decision.js';
import { type Clock, EngineError, QueueEngine } from '../engine/engine.js';
import { RepeatedWarnings } from '../log/repeated-warnings.js';
import { verifyPin } from '../security/hashing.js';
import { PinAttempts } from '../security/pin-attempts.js';
import type { Store } from '../store/store.js';
import { CommandLoop } from './command-loop.js';
import { decide, type Verified } from './commands.js';
import { closeMissedDays, commitDraws, turnDay } from './days.js';
import { GroupCommit, ticketsTouched } from './group-commit.js';
import { REJECTED_SESSION, takeIn } from './intake.js';
import { NO_CHANGES, Outbox } from './outbox.js';
import { StateMessages } from './state-messages.js';

/**
 * Commands whose rules read the record, not only the engine's state: a booking counts the bookings
 * of its slot and of its phone number there, so the batch before it is written first.
 */
const DECIDED_FROM_RECORD = new Set<CommandName>(['appointment.book']);

export class Hub {
  private engine: QueueEngine;
  private devices: Map<string, Device>;
  /** Bumped by each config change; apps watch it on the retained config topic. */
  private configVersion = 1;
  private rolloverTimer: NodeJS.Timeout | undefined;
  private unsubscribe: () => Promise<void> = async () => {};
  private readonly loop: CommandLoop;
  private readonly batch: GroupCommit;
  private readonly outbox: Outbox;
  private readonly messages: StateMessages;
  /** The secrets behind the back-office draws, kept in the record. */
  private readonly drawSecrets: DrawSecretStore;
  /** Wrong PINs per username, here and at the admin sign-in. */
  readonly pinAttempts: PinAttempts;
  /** Requests refused before they could be answered: a device sending bad ones in a loop fills no disk. */
  private readonly warnings: RepeatedWarnings;

  constructor(
    private config: Config,
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly log: Logger,
    readonly clock: Clock = Date.now,
  ) {
    this.devices = new Map(config.devices.map((d) => [d.id, d]));
    this.pinAttempts = new PinAttempts(clock, store);
    this.warnings = new RepeatedWarnings(log);
    this.outbox = new Outbox(bus, log);
    this.messages = new StateMessages(this);
    this.loop = new CommandLoop({ beforeUnbatched: () => this.batch.flush(), drained: () => this.batch.flushWhenIdle() }, log);
    this.batch = new GroupCommit(
      store,
      this.outbox,
      {
        changes: (events) => this.messages.changes(events),
        writeFailed: () => this.reload(),
        loopIdle: () => !this.loop.busy,
      },
      log,
    );
    this.drawSecrets = new DrawSecretStore(store);
    closeMissedDays(config, clock, store, this.drawSecrets, log);
    this.engine = this.replayToday();
    const committed = commitDraws(this.engine, this.drawSecrets);
    if (committed.length) this.store.commit({ events: committed, tickets: [] });
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

  async start(): Promise<void> {
    this.unsubscribe = await this.bus.subscribe([topics.command(this.site, '+', '+')], (topic, payload) => this.receive(topic, payload));
    this.outbox.post([...this.messages.all(), this.messages.config(this.configVersion, this.clock())]);
    await this.outbox.settled();
    await this.bus.publish(topics.presence(this.site, 'hub'), JSON.stringify({ status: 'online', at: this.clock() }), { retain: true });
    this.rolloverTimer = setInterval(
      () =>
        this.loop.enqueue(() => {
          this.rolloverIfDue();
          this.casesDueNow();
        }, false),
      30_000,
    );
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
    this.warnings.close();
  }

  /** Resolves when every command received so far has been answered (tests, benchmarks). */
  async idle(): Promise<void> {
    // The batch is written at the end of the event loop's turn, or once the sync before it returns:
    // wait for those too.
    do {
      await this.loop.settled();
      await new Promise<void>((resolve) => setImmediate(resolve));
      await this.outbox.settled();
    } while (this.loop.busy || this.batch.pending);
  }

  /**
   * A change asked for by the hub's own HTTP side (the public pages: feedback, booking): queued
   * behind the commands and decided, committed and published exactly like them. Resolves with the
   * result; rejects with the EngineError of a refusal, or the error that kept it from the record.
   */
  perform<T>(decideIt: (engine: QueueEngine, store: Store) => Decision<T>): Promise<T> {
    return this.loop.run(() => {
      this.rolloverIfDue();
      let result: T;
      let changes = NO_CHANGES;
      try {
        const decision = decideIt(this.engine, this.store);
        this.engine.apply(decision.events);
        this.store.commit({
          events: decision.events,
          tickets: ticketsTouched(decision.events, this.engine),
          appointments: decision.appointments,
        });
        result = decision.result();
        changes = this.messages.changes(decision.events);
      } catch (error) {
        if (!(error instanceof EngineError)) {
          this.log.error({ err: error }, 'http change failed; state reloaded from the record');
          this.reload();
        }
        throw error;
      }
      return new Promise<T>((resolve) => this.outbox.later(() => this.outbox.deliver(changes, () => resolve(result))));
    });
  }

  /**
   * Swaps the config at run time, inside the command loop: today's record is replayed under the new
   * config first (a change that leaves today's events pointing at a removed counter is refused),
   * then a `config.changed` event is committed, and all state is republished with the new version.
   */
  replaceConfig(next: Config, by: string, changes: string[]): Promise<number> {
    if (next.site.id !== this.site) return Promise.reject(new Error('the site id cannot change while the hub runs'));
    return this.loop.run(() => {
      let engine: QueueEngine;
      try {
        engine = this.replay(next);
      } catch (error) {
        throw new Error(`today's record does not fit the new config: ${(error as Error).message}`);
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
      this.outbox.post([...this.messages.events([event]), ...this.messages.all(), this.messages.config(version, event.at)]);
      return new Promise<number>((resolve) => this.outbox.later(() => resolve(version)));
    });
  }

  private receive(topic: string, payload: Buffer): void {
    const intake = takeIn(this.site, this.devices, topic, payload);
    switch (intake.kind) {
      case 'ignored':
        // One count for every device the hub does not know: their ids are whatever the topic says.
        if (intake.why) this.warnings.warn({ device: '(unknown)' }, { topic }, intake.why);
        return;
      case 'rejected': {
        const { device, command, refusal } = intake;
        this.warnings.warn({ device: device.id }, { command, code: refusal.code }, refusal.message);
        return this.outbox.answer(topics.reply(this.site, device.id, REJECTED_SESSION), { id: '', ok: false, error: refusal });
      }
      case 'refused':
        return this.outbox.answer(intake.replyTo, { id: intake.id, ok: false, error: intake.refusal });
    }
    const { device, name, id, args, replyTo } = intake;
    const answer = (reply: Reply | string) => this.outbox.answer(replyTo, reply);
    // The PIN check is slow on purpose (scrypt); do it before joining the queue so it delays no one.
    const login = name === 'operator.login';
    const verifying = login ? this.verifyLogin(args as { username: string; pin: string }) : Promise.resolve({});
    // A login waits for its PIN check: the batch before it is written first rather than held up.
    this.loop.enqueue(async () => {
      const verified = await verifying;
      this.execute(device, name, id, args, verified, answer);
    }, !login && !DECIDED_FROM_RECORD.has(name));
  }

  private async verifyLogin(a: { username: string; pin: string }): Promise<Verified> {
    const op = this.config.operators.find((o) => o.username === a.username);
    const outcome = await this.pinAttempts.attempt(a.username, async () => !!op && (await verifyPin(a.pin, op.pinHash)));
    if (outcome.kind === 'locked') return { lockedMs: outcome.lockedMs };
    return outcome.kind === 'ok' && op ? { operator: { username: op.username, name: op.name, counters: op.counters } } : {};
  }

  private execute(
    device: Device,
    name: CommandName,
    id: string,
    args: ParsedCommandArgs<CommandName>,
    verified: Verified,
    answer: (r: Reply | string) => void,
  ): void {
    // A query answers from the state as decided so far, and only once all of that is on disk: it never
    // shows what is not yet recorded (nor what is decided after it while the disk syncs).
    if (isReadOnly(name)) {
      const reply = this.query(device, name, id, args);
      return this.batch.afterCommit(() => answer(reply));
    }
    const key = `${device.id} ${id}`;
    const inBatch = this.batch.replyOf(key);
    if (inBatch) return this.batch.afterCommit(() => answer(inBatch));
    const seen = this.store.reply(device.id, id);
    if (seen !== undefined) {
      this.log.debug({ device: device.id, id, command: name }, 'repeated command: first answer returned');
      // Its first answer may still be waiting for its sync.
      return this.batch.afterCommit(() => answer(seen));
    }
    this.rolloverIfDue();
    const at = this.clock();
    const internal: Reply = { id, ok: false, error: { code: 'internal', message: 'the hub could not record this command' } };
    let reply: Reply;
    let events: DomainEvent[] = [];
    let appointments: Decision['appointments'];
    try {
      const decision = decide(this.engine, this.store, this.config, device, name, args, verified);
      events = decision.events;
      this.engine.apply(events);
      // A change may let waiting back-office cases be drawn (a registrar signs in, a case is ready).
      const due = this.engine.casesDue();
      this.engine.apply(due);
      events = [...events, ...due];
      reply = { id, ok: true, data: decision.result() };
      appointments = decision.appointments;
    } catch (error) {
      if (!(error instanceof EngineError)) {
        this.log.error({ err: error, device: device.id, command: name }, 'command failed; state reloaded from the record');
        // The commands before this one are sound: write them, then rebuild the state from the record.
        this.batch.flush();
        this.reload();
        return answer(internal);
      }
      reply = { id, ok: false, error: error.body };
    }
    this.log.info({ device: device.id, command: name, id, ok: reply.ok, ...(reply.ok ? {} : { code: reply.error.code }) }, 'command');
    // The rows as they stand now: a later command of the batch changes the engine's live tickets.
    const tickets = ticketsTouched(events, this.engine).map((t) => ({ ...t }));
    const body = JSON.stringify(reply);
    this.batch.add(
      key,
      { events, tickets, reply: { device: device.id, id, day: this.engine.day, at, body }, appointments },
      () => answer(body),
      () => answer(internal),
    );
  }

  /** A read-only query: answered from the state as it stands; its answer is not recorded and nothing is published. */
  private query(device: Device, name: CommandName, id: string, args: ParsedCommandArgs<CommandName>): Reply {
    this.rolloverIfDue();
    try {
      return { id, ok: true, data: decide(this.engine, this.store, this.config, device, name, args, {}).result() };
    } catch (error) {
      if (error instanceof EngineError) return { id, ok: false, error: error.body };
      this.log.error({ err: error, device: device.id, command: name }, 'query failed');
      return { id, ok: false, error: { code: 'internal', message: 'the hub could not answer this query' } };
    }
  }

  /**
   * After local midnight: yesterday's open tickets expire, operators are logged out, its draw secret
   * is revealed, its open cases go on today, numbers restart (days.ts).
   */
  private rolloverIfDue(): void {
    if (!this.engine.dayIsOver()) return;
    this.batch.flush();
    const closedDay = this.engine.day;
    const { commits, events } = turnDay(this.engine, this.drawSecrets);
    this.store.commit(...commits);
    this.log.info({ day: closedDay, events: events.length }, 'day closed');
    this.store.forgetRepliesBefore(this.engine.day);
    this.outbox.post([...this.messages.events(events), ...this.messages.all()]);
  }

  /** Back-office cases of registrars away too long go back to the draw even when no command comes. */
  private casesDueNow(): void {
    const events = this.engine.casesDue();
    if (!events.length) return;
    this.batch.flush();
    this.engine.apply(events);
    this.store.commit({ events, tickets: ticketsTouched(events, this.engine) });
    const changes = this.messages.changes(events);
    this.outbox.later(() => this.outbox.deliver(changes, () => {}));
  }

  /** The state is ahead of the record (a write failed, or a decision threw midway): rebuilt from the record. */
  private reload(): void {
    this.engine = this.replayToday();
  }

  private replayToday(): QueueEngine {
    const engine = this.replay(this.config);
    this.log.info({ day: engine.day }, 'state replayed from the record');
    return engine;
  }

  private replay(config: Config): QueueEngine {
    const engine = new QueueEngine(config, this.clock, undefined, this.drawSecrets.lookup);
    engine.apply(this.store.eventsOfDay(engine.day));
    return engine;
  }
}
