// The queue engine: pure TypeScript, no I/O, time from an injected clock. Each command is *decided*
// into events without touching the state; the hub commits the events, then `apply`s them. A refused
// command throws an EngineError and produces nothing.
import type {
  BackOfficeCase,
  CallRule,
  CommandErrorBody,
  Config,
  CounterLine,
  CounterState,
  DomainEvent,
  ErrorCode,
  ErrorParams,
  LineTicket,
  OperatorToday,
  QueueSummary,
  Ticket,
  TransferNotice,
  TransferOptions,
  TransferPlacement,
  TransferTarget,
} from '@vikno/shared';
import { AutoCall } from './auto-call.js';
import { carryOver, caseList, casesDue, openCase, publicCase } from './backoffice.js';
import { dayBounds, dayOf } from './day.js';
import type { DrawSecrets } from './draw.js';
import { estimate, expectedTurnaroundMs, expectedVisitMs, remainingMs, type WaitEstimate, type Window } from './estimate.js';
import { byWait, type Entry } from './lines.js';
import { type CentreOpening, type LineLoad, OpeningHours, type ServiceTickets } from './opening.js';
import { pickNext } from './select.js';
import { type CounterRuntime, type DayState, emptyDay, evolve } from './state.js';

export type Clock = () => number;

export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What an app needs to explain the refusal in its own words (opening.ts: when tickets are issued again). */
    readonly params?: ErrorParams,
  ) {
    super(message);
    this.name = 'EngineError';
  }

  /** The refusal as a command's answer carries it. */
  get body(): CommandErrorBody {
    return { code: this.code, message: this.message, ...(this.params && { params: this.params }) };
  }
}

export interface IssueRequest {
  service: string;
  channel: Ticket['channel'];
  priority: string | null;
  language: string;
  /** From the hub's own randomness: the engine has none. */
  token: string;
  appointment?: { id: string; at: number };
}

export interface Operator {
  username: string;
  name: string;
}

/** `counter.transfer`'s arguments. */
export interface TransferRequest {
  service?: string;
  counter?: string;
  operator?: string;
  placement?: TransferPlacement;
  comment?: string;
  evenIfNoOtherWindow?: boolean;
}

type IssuedFields =
  | 'id'
  | 'day'
  | 'number'
  | 'service'
  | 'channel'
  | 'priority'
  | 'language'
  | 'issuedAt'
  | 'appointmentAt'
  | 'appointmentId';

/** A ticket as it is issued: waiting in its service's line, never called. */
export function newTicket(t: Pick<Ticket, IssuedFields>): Ticket {
  return {
    id: t.id,
    day: t.day,
    number: t.number,
    service: t.service,
    channel: t.channel,
    priority: t.priority,
    language: t.language,
    issuedAt: t.issuedAt,
    queuedAt: t.issuedAt,
    appointmentAt: t.appointmentAt,
    appointmentId: t.appointmentId,
    targetCounter: null,
    targetOperator: null,
    sentBy: null,
    returned: false,
    status: 'waiting',
    counter: null,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    recalls: 0,
    transfers: 0,
    outcomes: [],
    comment: null,
  };
}

export class QueueEngine {
  private state: DayState;
  private readonly weights = new Map<string, Map<string, number>>();
  /** The counters that serve each service, and each service's configured minutes: asked for every queue summary. */
  private readonly serving = new Map<string, string[]>();
  private readonly configuredMinutes = new Map<string, number>();
  private readonly windows = new Map<string, { window: number; zone: string }>();
  /** Each operator's work today, tallied as events are applied: a ticket does not keep who served it. */
  private work = new Map<string, Tally>();
  /** Per service, the runtimes of the counters that serve it: every estimate reads them all. */
  private readonly runtimes = new Map<string, CounterRuntime[]>();
  /** Per service, the visit expected now (estimate.ts), until its next visit ends. */
  private readonly expectedVisits = new Map<string, number>();
  /** The instants the state's day spans in the site's zone, once the clock has been seen inside it. */
  private today: { day: string; start: number; end: number } | undefined;
  private readonly hours: OpeningHours;
  private readonly autoCalls: AutoCall;
  /** Events applied so far: the hub's auto-call timer looks again only after a change. */
  private applied = 0;

  /**
   * `drawSecrets` hands the engine the secret behind the day's draw commitment (hub/src/engine/draw.ts):
   * the hub makes and keeps it; the engine only draws (and reveals it when the day closes).
   */
  constructor(
    readonly config: Config,
    private readonly clock: Clock,
    day: string = dayOf(clock(), config.site.timezone),
    private readonly drawSecrets: DrawSecrets = () => undefined,
  ) {
    this.state = emptyDay(day, config);
    for (const c of config.counters) {
      this.weights.set(c.id, new Map(c.services.map((s) => [s.service, s.weight])));
      this.windows.set(c.id, { window: c.window, zone: c.zone });
      for (const s of c.services) {
        const by = this.serving.get(s.service);
        if (by) by.push(c.id);
        else this.serving.set(s.service, [c.id]);
      }
    }
    for (const s of config.services) this.configuredMinutes.set(s.id, s.averageServiceMinutes);
    this.hours = new OpeningHours(config);
    this.autoCalls = new AutoCall(config);
  }

  get day(): string {
    return this.state.day;
  }

  now(): number {
    return this.clock();
  }

  apply(events: readonly DomainEvent[]): void {
    for (const e of events) {
      evolve(this.state, e, this.config);
      this.tally(e);
      if (e.type === 'ticket.finished') this.expectedVisits.delete(this.ticket(e.ticketId).service);
    }
    this.applied += events.length;
  }

  /** Changes with every event applied. */
  get version(): number {
    return this.applied;
  }

  // ── day rollover ────────────────────────────────────────────────────────────────────────────────

  /** True when the clock has passed midnight in the site's zone since the state's day began. */
  dayIsOver(): boolean {
    const now = this.clock();
    // Every command asks; naming the day through Intl each time cost 2 % of the hub's time under load.
    if (this.today?.day !== this.state.day) {
      if (dayOf(now, this.config.site.timezone) !== this.state.day) return true;
      this.today = { day: this.state.day, ...dayBounds(now, this.config.site.timezone) };
    }
    return now < this.today.start || now >= this.today.end;
  }

  /**
   * Events that close the day, dated the old day: open tickets expire, operators are logged out, the
   * day's draw secrets are revealed, and `day.closed` says it is done. None for a day already closed.
   */
  closeDay(): DomainEvent[] {
    if (this.state.closed) return [];
    const at = this.clock();
    const day = this.state.day;
    const events: DomainEvent[] = [];
    for (const t of this.state.tickets.values()) {
      if (t.status === 'waiting' || t.status === 'called' || t.status === 'serving' || t.status === 'parked') {
        events.push({ type: 'ticket.expired', at, day, ticketId: t.id });
      }
    }
    for (const k of this.state.counters.values()) {
      if (k.operator) events.push({ type: 'counter.loggedOut', at, day, counter: k.id, operator: k.operator.username });
    }
    for (const commitment of this.state.commitments) {
      const secret = this.state.revealed.has(commitment) ? undefined : this.drawSecrets(commitment);
      if (secret) events.push({ type: 'draw.revealed', at, day, commitment, secret: secret.toString('hex') });
    }
    events.push({ type: 'day.closed', at, day });
    return events;
  }

  /** The cases still open, as events that open them again on the clock's day (the one about to start). */
  carryOver(): DomainEvent[] {
    return carryOver(this.state, dayOf(this.clock(), this.config.site.timezone), this.clock());
  }

  startDay(): void {
    this.state = emptyDay(dayOf(this.clock(), this.config.site.timezone), this.config);
    this.runtimes.clear();
    this.expectedVisits.clear();
    this.work = new Map();
  }

  /** The day's latest draw commitment; null until the hub has made one. */
  get drawCommitment(): string | null {
    return this.state.commitments.at(-1) ?? null;
  }

  /** Records the commitment to the secret the day's draws will use (the hub makes the secret). */
  commitDraws(commitment: string): DomainEvent[] {
    return [{ type: 'draw.committed', at: this.clock(), day: this.state.day, commitment }];
  }

  /**
   * What the back-office cases need now (backoffice.ts): cases of registrars away too long go back to
   * the draw, waiting cases are drawn. The hub asks after every change and on a timer.
   */
  casesDue(): DomainEvent[] {
    return casesDue(this.state, this.config, this.drawSecrets, this.clock());
  }

  // ── commands ───────────────────────────────────────────────────────────────────────────────────

  issue(req: IssueRequest): DomainEvent[] {
    const service = this.config.services.find((s) => s.id === req.service);
    if (!service) throw new EngineError('unknown_service', `no service "${req.service}"`);
    if (!service.active && req.channel === 'kiosk')
      throw new EngineError('unknown_service', `service "${req.service}" is not offered today`);
    if (req.priority !== null && !this.config.queue.priorityCategories.some((p) => p.id === req.priority)) {
      throw new EngineError('unknown_priority', `no priority category "${req.priority}"`);
    }
    // A visitor's own ticket keeps to the opening hours; staff and checked-in appointments do not.
    if (req.channel === 'kiosk' || req.channel === 'web') {
      const refused = this.hours.refusal(this.state.day, this.clock(), service.id, this.lineLoad(service.id));
      if (refused) throw new EngineError(refused.code, refused.message, refused.params);
    }
    // The record says whether an appointment was checked in only once its ticket is written; two
    // check-ins of one code decided together must not both pass.
    const appointmentId = req.appointment?.id;
    if (appointmentId && [...this.tickets()].some((t) => t.appointmentId === appointmentId)) {
      throw new EngineError('appointment_used', 'this appointment has already been checked in');
    }
    const at = this.clock();
    const seq = (this.state.sequences.get(service.id) ?? 0) + 1;
    const number = `${service.prefix}-${String(seq).padStart(3, '0')}`;
    const tolerance = this.config.queue.appointmentToleranceMinutes * 60_000;
    // A visitor later than the tolerance joins the live queue like everyone else.
    const onTime = req.appointment && at <= req.appointment.at + tolerance;
    const ticket = newTicket({
      id: `${this.state.day}:${number}`,
      day: this.state.day,
      number,
      service: service.id,
      channel: req.channel,
      priority: req.priority,
      language: req.language,
      issuedAt: at,
      appointmentAt: onTime && req.appointment ? req.appointment.at : null,
      appointmentId: req.appointment?.id ?? null,
    });
    return [{ type: 'ticket.issued', at, day: this.state.day, ticket, token: req.token }];
  }

  login(counterId: string, operator: Operator, device: string): DomainEvent[] {
    const k = this.counterRuntime(counterId);
    if (k.operator && k.operator.username !== operator.username) {
      throw new EngineError('counter_busy', `${k.operator.name} is logged in at window ${this.windowOf(k.id)}`);
    }
    const at = this.clock();
    const day = this.state.day;
    const events: DomainEvent[] = [];
    // One operator, one counter: logging in elsewhere leaves the previous counter.
    const other = this.counterOf(operator.username);
    if (other && other.id !== k.id) {
      if (other.ticketId) throw new EngineError('has_current_ticket', `finish your ticket at window ${this.windowOf(other.id)} first`);
      events.push({ type: 'counter.loggedOut', at, day, counter: other.id, operator: operator.username });
    }
    events.push({ type: 'counter.loggedIn', at, day, counter: k.id, operator: operator.username, operatorName: operator.name, device });
    return events;
  }

  logout(counterId: string): DomainEvent[] {
    const k = this.loggedIn(counterId);
    this.noCurrentTicket(k);
    return [{ type: 'counter.loggedOut', at: this.clock(), day: this.state.day, counter: k.id, operator: k.operator!.username }];
  }

  open(counterId: string): DomainEvent[] {
    const k = this.loggedIn(counterId);
    if (k.status === 'open') return [];
    return [{ type: 'counter.opened', at: this.clock(), day: this.state.day, counter: k.id }];
  }

  close(counterId: string): DomainEvent[] {
    const k = this.loggedIn(counterId);
    this.noCurrentTicket(k);
    if (k.status === 'closed') return [];
    return [{ type: 'counter.closed', at: this.clock(), day: this.state.day, counter: k.id }];
  }

  pause(counterId: string, reason: string): DomainEvent[] {
    const k = this.loggedIn(counterId);
    this.noCurrentTicket(k);
    if (k.status === 'closed') throw new EngineError('counter_closed', 'open the counter first');
    return [{ type: 'counter.paused', at: this.clock(), day: this.state.day, counter: k.id, reason }];
  }

  resume(counterId: string): DomainEvent[] {
    const k = this.loggedIn(counterId);
    if (k.status !== 'paused') throw new EngineError('counter_closed', 'the counter is not paused');
    return [{ type: 'counter.resumed', at: this.clock(), day: this.state.day, counter: k.id }];
  }

  callNext(counterId: string): DomainEvent[] {
    const k = this.readyToCall(counterId);
    const pick = pickNext(this.state.lines, k, this.config.queue, this.clock());
    if (!pick) throw new EngineError('queue_empty', 'no one is waiting for the services of this counter');
    return [this.called(k, pick.ticket, pick.rule)];
  }

  callTicket(counterId: string, ticketId: string): DomainEvent[] {
    const k = this.readyToCall(counterId);
    const t = this.ticket(ticketId);
    if (t.status !== 'waiting') {
      const where = t.counter ? ` at window ${this.windowOf(t.counter)}` : '';
      throw new EngineError('already_called', `ticket ${t.number} is ${t.status.replace('_', '-')}${where}`);
    }
    if (!this.state.lines.mayCall(k, t)) {
      const why =
        t.targetCounter !== null
          ? `ticket ${t.number} was transferred to window ${this.windowOf(t.targetCounter)}`
          : t.targetOperator !== null
            ? `ticket ${t.number} was transferred to operator ${t.targetOperator}`
            : t.sentBy === k.id
              ? `ticket ${t.number} was transferred from this window to the other windows serving "${t.service}"`
              : `this counter does not serve "${t.service}"`;
      throw new EngineError('not_serving_service', why);
    }
    return [this.called(k, t, 'specific')];
  }

  recall(counterId: string): DomainEvent[] {
    const { k, t } = this.current(counterId, ['called']);
    return [{ type: 'ticket.recalled', at: this.clock(), day: this.state.day, ticketId: t.id, counter: k.id, recalls: t.recalls + 1 }];
  }

  start(counterId: string): DomainEvent[] {
    const { k, t } = this.current(counterId, ['called']);
    return [{ type: 'ticket.started', at: this.clock(), day: this.state.day, ticketId: t.id, counter: k.id }];
  }

  /** A visit of a back-office service opens its case, drawn at once if enough registrars can take it. */
  finish(counterId: string, outcomes: readonly string[]): DomainEvent[] {
    const { k, t } = this.current(counterId, ['called', 'serving']);
    for (const o of outcomes) {
      if (!this.config.queue.outcomes.some((x) => x.id === o)) throw new EngineError('unknown_outcome', `no outcome mark "${o}"`);
    }
    const at = this.clock();
    return [
      { type: 'ticket.finished', at, day: this.state.day, ticketId: t.id, counter: k.id, outcomes: [...new Set(outcomes)] },
      ...openCase(this.state, this.config, this.drawSecrets, t.id, t.service, at),
    ];
  }

  noShow(counterId: string): DomainEvent[] {
    const { k, t } = this.current(counterId, ['called']);
    const at = this.clock();
    return [
      { type: 'ticket.noShow', at, day: this.state.day, ticketId: t.id, counter: k.id },
      ...this.autoCalls.afterNoShow(this.state, k, at),
    ];
  }

  // ── auto-call (auto-call.ts) ───────────────────────────────────────────────────────────────────

  /** The operator's choice at a window that offers auto-call. */
  setAutoCall(counterId: string, on: boolean): DomainEvent[] {
    const k = this.loggedIn(counterId);
    if (!this.autoCalls.offered(k.id))
      throw new EngineError('auto_call_unavailable', `window ${this.windowOf(k.id)} does not call by itself`);
    return this.autoCalls.toggle(this.state, k, on, this.clock());
  }

  cancelAutoCall(counterId: string): DomainEvent[] {
    return this.autoCalls.cancel(this.state, this.loggedIn(counterId), this.clock());
  }

  /** The window calls by itself, once its countdown has ended, whoever call-next would pick. From the hub's timer. */
  autoCall(counterId: string): DomainEvent[] {
    const k = this.counterRuntime(counterId);
    const at = this.autoCalls.at(this.state, k);
    if (at === null || at > this.clock()) throw new EngineError('counter_closed', `window ${this.windowOf(k.id)} is not due to call`);
    const [called] = this.callNext(k.id);
    if (called?.type !== 'ticket.called') throw new Error('call next produced no call');
    return [{ ...called, auto: true }];
  }

  /** Windows whose countdown has ended and that have someone to call: what the hub's timer asks to call. */
  autoCallsDue(): string[] {
    const now = this.clock();
    return this.autoCalls
      .due(this.state, now)
      .filter((k) => pickNext(this.state.lines, k, this.config.queue, now) !== null)
      .map((k) => k.id);
  }

  /** When the next countdown ends, for the hub's timer; null when none runs. */
  nextAutoCallAt(): number | null {
    return this.autoCalls.next(this.state, this.clock());
  }

  /**
   * To a service's line, to one counter or to one operator wherever they sign in. A transfer to a
   * service no other open window serves would wait there, or come back here: refused unless the
   * operator, told so, confirmed (`evenIfNoOtherWindow`).
   */
  transfer(counterId: string, to: TransferRequest): DomainEvent[] {
    const { k, t } = this.current(counterId, ['called', 'serving']);
    const toService = to.service ?? t.service;
    if (!this.config.services.some((s) => s.id === toService)) throw new EngineError('unknown_service', `no service "${toService}"`);
    if (to.counter !== undefined && to.operator !== undefined)
      throw new EngineError('unknown_counter', 'transfer to a counter or to an operator, not both');
    if (to.counter !== undefined) {
      this.counterRuntime(to.counter);
      if (to.counter === k.id) throw new EngineError('unknown_counter', 'cannot transfer a ticket to its own counter');
    }
    if (to.operator !== undefined) {
      if (!this.config.operators.some((o) => o.username === to.operator))
        throw new EngineError('unknown_operator', `no operator "${to.operator}"`);
      if (to.operator === k.operator?.username) throw new EngineError('unknown_operator', 'cannot transfer a ticket to yourself');
    }
    if (
      to.counter === undefined &&
      to.operator === undefined &&
      !to.evenIfNoOtherWindow &&
      this.state.lines.otherOpen(toService, k.id) === 0
    ) {
      const back = this.weights.get(k.id)?.has(toService) ?? false;
      throw new EngineError(
        'no_other_window',
        back
          ? `no other open window serves "${toService}": the ticket would come back to this window`
          : `no open window serves "${toService}" now: the ticket would wait until one opens`,
        { service: toService, servedHere: back },
      );
    }
    return [
      {
        type: 'ticket.transferred',
        at: this.clock(),
        day: this.state.day,
        ticketId: t.id,
        counter: k.id,
        toService,
        toCounter: to.counter ?? null,
        toOperator: to.operator ?? null,
        placement: to.placement ?? this.config.queue.transferPlacement,
        comment: to.comment?.trim() || null,
      },
    ];
  }

  /** What the transfer dialog offers at a counter: the services with their other open windows, the operators and where they are. */
  transferOptions(counterId: string): TransferOptions {
    const k = this.loggedIn(counterId);
    const at = new Map<string, CounterRuntime>();
    for (const c of this.state.counters.values()) if (c.operator) at.set(c.operator.username, c);
    return {
      placement: this.config.queue.transferPlacement,
      services: this.config.services.map((s) => ({
        service: s.id,
        otherWindows: this.state.lines.otherOpen(s.id, k.id),
        servedHere: this.weights.get(k.id)?.has(s.id) ?? false,
      })),
      operators: this.config.operators
        .filter((o) => o.username !== k.operator?.username && o.roles.includes('operator'))
        .map((o) => {
          const where = at.get(o.username);
          return {
            username: o.username,
            name: o.name,
            counter: where?.id ?? null,
            window: where ? (this.windows.get(where.id)?.window ?? null) : null,
          };
        }),
      at: this.clock(),
    };
  }

  park(counterId: string): DomainEvent[] {
    const { k, t } = this.current(counterId, ['called', 'serving']);
    return [{ type: 'ticket.parked', at: this.clock(), day: this.state.day, ticketId: t.id, counter: k.id }];
  }

  unpark(counterId: string, ticketId: string): DomainEvent[] {
    const k = this.readyToCall(counterId);
    const t = this.ticket(ticketId);
    if (t.status !== 'parked' || !k.parked.includes(t.id))
      throw new EngineError('unknown_ticket', `ticket ${t.number} is not parked at this counter`);
    return [{ type: 'ticket.unparked', at: this.clock(), day: this.state.day, ticketId: t.id, counter: k.id }];
  }

  /** The visitor's rating of a finished visit, tied to its service and the counter that finished it. */
  feedback(ticketId: string, score: number, comment: string | null): DomainEvent[] {
    const t = this.ticket(ticketId);
    if (t.status !== 'finished' || !t.counter) throw new EngineError('not_finished', `ticket ${t.number} is not finished yet`);
    if (this.state.rated.has(t.id)) throw new EngineError('feedback_given', `ticket ${t.number} has already been rated`);
    return [
      {
        type: 'ticket.feedback',
        at: this.clock(),
        day: this.state.day,
        ticketId: t.id,
        counter: t.counter,
        service: t.service,
        score,
        comment: comment?.trim() || null,
      },
    ];
  }

  /** The case's registrar begins work on it: a started case stays theirs while they are away. Again: no change. */
  caseStart(caseId: string, registrar: string): DomainEvent[] {
    const c = this.backOfficeCase(caseId);
    if (c.registrar !== registrar) throw new EngineError('forbidden', `case ${c.number} is not assigned to you`);
    if (c.status !== 'open') throw new EngineError('case_ready', `case ${c.number} is already ready for pickup`);
    if (c.startedAt !== null) return [];
    return [{ type: 'case.started', at: this.clock(), day: this.state.day, ticketId: c.id, registrar }];
  }

  /**
   * A registrar finished a case: the citizen gets a ticket in the service's pickup line, with the
   * front-office ticket's language and priority, and their tracking link follows it there.
   * `registrar` is who asks from a counter terminal (only the case's own registrar may); null for an
   * admin device, which may mark any case ready. `token` is the new ticket's own, from the hub's
   * randomness as in `issue`.
   */
  caseReady(caseId: string, by: { registrar: string | null; device: string; token: string }): DomainEvent[] {
    const c = this.backOfficeCase(caseId);
    if (by.registrar !== null && by.registrar !== c.registrar)
      throw new EngineError('forbidden', `case ${c.number} is assigned to another registrar`);
    if (c.status !== 'open') throw new EngineError('case_ready', `case ${c.number} is already ready for pickup`);
    const pickup = this.config.services.find((s) => s.id === c.service)?.pickupService;
    if (!pickup) throw new EngineError('unknown_service', `service "${c.service}" has no pickup service`);
    const t = this.ticket(c.id);
    const [issued] = this.issue({ service: pickup, channel: 'operator', priority: t.priority, language: t.language, token: by.token });
    if (issued?.type !== 'ticket.issued') throw new Error('issue produced no ticket');
    const ready: DomainEvent = {
      type: 'case.ready',
      at: issued.at,
      day: this.state.day,
      ticketId: c.id,
      registrar: c.registrar,
      device: by.device,
      pickupTicketId: issued.ticket.id,
    };
    return [ready, issued];
  }

  hasFeedback(ticketId: string): boolean {
    return this.state.rated.has(ticketId);
  }

  // ── reads ──────────────────────────────────────────────────────────────────────────────────────

  ticket(id: string): Ticket {
    const t = this.state.tickets.get(id);
    if (!t) throw new EngineError('unknown_ticket', `no ticket "${id}" today`);
    return t;
  }

  ticketByToken(token: string): Ticket | undefined {
    const id = this.state.tokens.get(token);
    return id === undefined ? undefined : this.state.tickets.get(id);
  }

  backOfficeCase(id: string): BackOfficeCase {
    const c = this.state.cases.get(id);
    if (!c) throw new EngineError('unknown_case', `no case "${id}" today`);
    return publicCase(c);
  }

  /** True while the ticket's back-office case is open: its citizen waits for the decision. */
  hasOpenCase(ticketId: string): boolean {
    return this.state.cases.get(ticketId)?.status === 'open';
  }

  /** Today's back-office cases in the order they were opened: all, or one registrar's. */
  cases(registrar?: string): BackOfficeCase[] {
    return caseList(this.state, registrar);
  }

  tickets(): IterableIterator<Ticket> {
    return this.state.tickets.values();
  }

  /** The counter an operator's device commands, if it has logged in at one. */
  counterOfDevice(device: string): string | undefined {
    return this.state.devices.get(device);
  }

  counterState(id: string): CounterState {
    const k = this.counterRuntime(id);
    const place = this.windows.get(id)!;
    return {
      counter: k.id,
      window: place.window,
      zone: place.zone,
      status: k.status,
      operator: k.operator,
      device: k.device,
      ticket: k.ticketId ? { ...this.ticket(k.ticketId) } : null,
      pauseReason: k.pauseReason,
      since: k.since,
      parked: [...k.parked],
      directed: this.state.lines.directed(k),
      autoCall: this.autoCalls.view(this.state, k),
      autoCallAt: this.autoCalls.at(this.state, k),
    };
  }

  counterIds(): string[] {
    return [...this.state.counters.keys()];
  }

  recentCalls() {
    return [...this.state.recentCalls];
  }

  /** The transferred tickets still waiting, newest transfer first, as many as the recent calls shown. */
  recentTransfers(): TransferNotice[] {
    const all = [...this.state.transferred.values()];
    return all
      .slice(-this.config.queue.recentCallsShown)
      .reverse()
      .map(({ ticket: t, at }) => ({ ticketId: t.id, number: t.number, service: t.service, target: this.transferTarget(t)!, at }));
  }

  transfersWaiting(): number {
    return this.state.transferred.size;
  }

  /** Where a waiting transferred ticket was sent; null for any other ticket. */
  transferTarget(t: Ticket): TransferTarget | null {
    if (t.status !== 'waiting' || t.transfers === 0) return null;
    if (t.targetCounter !== null) return { to: 'window', window: this.windows.get(t.targetCounter)?.window ?? null };
    if (t.targetOperator !== null) {
      const at = this.counterOf(t.targetOperator);
      return { to: 'operator', window: at ? (this.windows.get(at.id)?.window ?? null) : null };
    }
    return { to: 'service', window: null };
  }

  /** How many wait for a service. */
  waitingCount(service: string): number {
    return this.state.lines.count(service);
  }

  /** Waiting tickets of a service by the time they joined its line (call order depends on the counter). */
  waitingTickets(service: string): Ticket[] {
    return this.state.lines.waiting(service);
  }

  /** What a counter may call now (its services' lines and tickets transferred to it) and what is parked there. */
  line(counterId: string): CounterLine {
    const k = this.counterRuntime(counterId);
    const waiting = this.state.lines.callable(k).sort(byWait);
    const next = pickNext(this.state.lines, k, this.config.queue, this.clock());
    return {
      waiting: waiting.map((e) => inLine(e.ticket)),
      next: next?.ticket.id ?? null,
      parked: k.parked.map((id) => inLine(this.ticket(id))),
      at: this.clock(),
    };
  }

  operatorToday(username: string): OperatorToday {
    const w = this.work.get(username);
    return {
      operator: username,
      served: w?.served ?? 0,
      noShows: w?.noShows ?? 0,
      transferred: w?.transferred ?? 0,
      averageServiceMs: w?.served ? Math.round(w.serviceMs / w.served) : null,
      at: this.clock(),
    };
  }

  queueSummary(service: string): QueueSummary {
    const now = this.clock();
    const e = this.estimateFor(this.newcomer(service, now), true);
    return {
      service,
      waiting: this.state.lines.count(service),
      oldestQueuedAt: this.state.lines.oldest(service)?.queuedAt ?? null,
      estimatedWaitMinutes: e.minutes,
      estimatedWaitRange: { low: e.low, high: e.high },
      openCounters: this.servingNow(service),
      at: now,
    };
  }

  /** The centre's hours now, by the rules the kiosks issue by (opening.ts). */
  opening(): CentreOpening {
    return this.hours.centre(this.state.day, this.clock());
  }

  /** Whether a visitor can take a ticket for the service now, as the kiosk would answer. */
  serviceTickets(service: string): ServiceTickets {
    return this.hours.service(this.state.day, this.clock(), service, this.lineLoad(service));
  }

  /** The service's line and the windows that may serve it today, for the capacity rule (opening.ts). */
  private lineLoad(service: string): LineLoad {
    const staffed = this.state.lines.staffedFor(service);
    return { waiting: this.state.lines.count(service), windows: staffed || (this.serving.get(service)?.length ?? 0) };
  }

  /**
   * For a waiting ticket: how many tickets the windows that may call it would call first, and when
   * it would be called (estimate.ts); null for a ticket that is not waiting, or waits for an operator
   * who is not at any window.
   */
  estimate(ticketId: string): WaitEstimate | null {
    const t = this.ticket(ticketId);
    const entry = this.state.lines.entry(t.id);
    if (!entry) return null;
    // Sent to an operator signed in nowhere: nobody calls it until they come, and when is not known.
    if (t.targetOperator !== null && !this.callersOf(t).length) return null;
    return this.estimateFor(entry, false);
  }

  /** A normal ticket of the service issued now, in the lines for the length of the estimate. */
  private newcomer(service: string, now: number): Entry {
    const t = newTicket({
      id: `${this.state.day}:?`,
      day: this.state.day,
      number: '?',
      service,
      channel: 'kiosk',
      priority: null,
      language: this.config.site.languages[0] ?? 'uk',
      issuedAt: now,
      appointmentAt: null,
      appointmentId: null,
    });
    return this.state.lines.hypothetical(t);
  }

  /** `hypothetical`: the entry is not in the lines, and is put there for the length of the estimate. */
  private estimateFor(entry: Entry, hypothetical: boolean): WaitEstimate {
    const t = entry.ticket;
    const now = this.clock();
    const turnaround = expectedTurnaroundMs(this.state.turnarounds);
    const callers = this.callersOf(t);
    if (hypothetical) entry.line.add(entry);
    try {
      const simulation = (windows: Iterator<Window>) =>
        estimate(entry, {
          lines: this.state.lines,
          rules: this.config.queue,
          now,
          windows,
          working: () => Math.max(1, callers.filter(isWorking).length),
          visitMs: (service) => this.visitMs(service),
          turnaroundMs: turnaround,
          visitsSeen: (service) => this.state.durations.get(service)?.length ?? 0,
        });
      const found = simulation(this.windowsFree(callers, now, turnaround));
      if (found) return found;
      // Nobody works there yet: as if the first window that serves it opened now, so that a figure
      // is still given before the windows open.
      const first = callers[0];
      const assumed =
        first && simulation([{ id: first.id, operator: first.operator, cycle: first.cycle, free: now, order: 0, busy: false }].values());
      return assumed ?? { ahead: 0, minutes: 0, low: 0, high: 0 };
    } finally {
      if (hypothetical) entry.line.delete(entry);
    }
  }

  /** The counters a ticket was transferred to alone: the one named, or the one its operator is signed in at. */
  targetCounters(t: Ticket): string[] {
    return t.targetCounter !== null || t.targetOperator !== null ? this.callersOf(t).map((k) => k.id) : [];
  }

  /**
   * The counters that may call a waiting ticket: the one it was transferred to; the one its operator
   * is signed in at (none while they are not); else those serving its service, but the one that
   * transferred it there while another open one serves it.
   */
  private callersOf(t: Ticket): CounterRuntime[] {
    if (t.targetCounter !== null) {
      const k = this.state.counters.get(t.targetCounter);
      return k ? [k] : [];
    }
    if (t.targetOperator !== null) {
      const k = this.counterOf(t.targetOperator);
      return k ? [k] : [];
    }
    const serving = this.servedBy(t.service);
    const sender = t.sentBy;
    if (sender === null || this.state.lines.otherOpen(t.service, sender) === 0) return serving;
    return serving.filter((k) => k.id !== sender);
  }

  /** The counters that serve a service, as today's state has them. */
  private servedBy(service: string): CounterRuntime[] {
    let list = this.runtimes.get(service);
    if (!list) {
      list = (this.serving.get(service) ?? []).map((id) => this.state.counters.get(id)!);
      this.runtimes.set(service, list);
    }
    return list;
  }

  private servingNow(service: string): number {
    let n = 0;
    for (const k of this.servedBy(service)) if (isWorking(k)) n++;
    return n;
  }

  /**
   * The working windows among `callers` (in the config's order, so their places there order them as
   * the config does) by when they are free, then by their place. Lazily: those free now come as they
   * are found, in order; the others, sorted, only once those are all used, so that an estimate in a
   * centre of thousands of windows with some free reads only as far as its first free ones.
   */
  private *windowsFree(callers: readonly CounterRuntime[], now: number, turnaround: number): Generator<Window> {
    const later: Window[] = [];
    for (const [order, k] of callers.entries()) {
      if (!isWorking(k)) continue;
      const free = this.freeAt(k, now, turnaround);
      const w = { id: k.id, operator: k.operator, cycle: k.cycle, free, order, busy: k.ticketId !== null };
      if (free <= now) yield w;
      else later.push(w);
    }
    yield* later.sort((a, b) => a.free - b.free || a.order - b.order);
  }

  /** When a working window can call next. */
  private freeAt(k: CounterRuntime, now: number, turnaround: number): number {
    const current = k.ticketId === null ? undefined : this.state.tickets.get(k.ticketId);
    // A window just freed calls once its operator has wrapped up; one free for longer, at once.
    if (!current) return Math.max(now, k.since + turnaround);
    return now + remainingMs(this.visitMs(current.service), now - (current.calledAt ?? now)) + turnaround;
  }

  private visitMs(service: string): number {
    let ms = this.expectedVisits.get(service);
    if (ms === undefined) {
      ms = expectedVisitMs(this.configuredMinutes.get(service) ?? 10, this.state.durations.get(service) ?? []);
      this.expectedVisits.set(service, ms);
    }
    return ms;
  }

  /** Credits a visit's end to the operator at its counter (who cannot log out while it is current). */
  private tally(e: DomainEvent): void {
    if (e.type !== 'ticket.finished' && e.type !== 'ticket.noShow' && e.type !== 'ticket.transferred') return;
    const operator = this.state.counters.get(e.counter)?.operator?.username;
    if (!operator) return;
    const w = this.work.get(operator) ?? { served: 0, noShows: 0, transferred: 0, serviceMs: 0 };
    if (e.type === 'ticket.finished') {
      const t = this.ticket(e.ticketId);
      w.served++;
      w.serviceMs += e.at - (t.startedAt ?? t.calledAt ?? e.at);
    } else if (e.type === 'ticket.noShow') w.noShows++;
    else w.transferred++;
    this.work.set(operator, w);
  }

  // ── guards ─────────────────────────────────────────────────────────────────────────────────────

  private called(k: CounterRuntime, t: Ticket, rule: CallRule): DomainEvent {
    return {
      type: 'ticket.called',
      at: this.clock(),
      day: this.state.day,
      ticketId: t.id,
      counter: k.id,
      operator: k.operator!.username,
      rule,
    };
  }

  /** The counter an operator is logged in at. */
  private counterOf(username: string): CounterRuntime | undefined {
    const id = this.state.signedIn.get(username);
    return id === undefined ? undefined : this.state.counters.get(id);
  }

  private counterRuntime(id: string): CounterRuntime {
    const k = this.state.counters.get(id);
    if (!k) throw new EngineError('unknown_counter', `no counter "${id}"`);
    return k;
  }

  private loggedIn(id: string): CounterRuntime {
    const k = this.counterRuntime(id);
    if (!k.operator) throw new EngineError('not_logged_in', `no operator is logged in at window ${this.windowOf(id)}`);
    return k;
  }

  private readyToCall(id: string): CounterRuntime {
    const k = this.loggedIn(id);
    this.noCurrentTicket(k);
    if (k.status !== 'open') throw new EngineError('counter_closed', `the counter is ${k.status}`);
    return k;
  }

  private noCurrentTicket(k: CounterRuntime): void {
    if (k.ticketId) throw new EngineError('has_current_ticket', `finish ticket ${this.ticket(k.ticketId).number} first`);
  }

  private current(id: string, statuses: Ticket['status'][]): { k: CounterRuntime; t: Ticket } {
    const k = this.loggedIn(id);
    if (!k.ticketId) throw new EngineError('no_current_ticket', 'there is no current ticket at this counter');
    const t = this.ticket(k.ticketId);
    if (!statuses.includes(t.status))
      throw new EngineError('no_current_ticket', `ticket ${t.number} is ${t.status}, not ${statuses.join(' or ')}`);
    return { k, t };
  }

  private windowOf(counterId: string): number | string {
    return this.windows.get(counterId)?.window ?? counterId;
  }
}

/** Open, not paused, an operator logged in. */
function isWorking(k: CounterRuntime): boolean {
  return k.status === 'open' && k.operator !== null;
}

interface Tally {
  served: number;
  noShows: number;
  transferred: number;
  serviceMs: number;
}

function inLine(t: Ticket): LineTicket {
  const { id, number, service, channel, priority, issuedAt, queuedAt, appointmentAt, targetCounter, targetOperator, sentBy, returned } = t;
  return {
    id,
    number,
    service,
    channel,
    priority,
    issuedAt,
    queuedAt,
    appointmentAt,
    targetCounter,
    targetOperator,
    sentBy,
    returned,
    transfers: t.transfers,
    comment: t.comment,
  };
}
