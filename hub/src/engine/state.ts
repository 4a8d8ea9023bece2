// The engine's state for one day, and `evolve`, the only code that changes it: the state is always the
// fold of the day's events, so a restarted hub replays them and is exactly where it was.
import type { BackOfficeCase, Call, CallRule, Config, CounterStatus, DomainEvent, QueueRules, Ticket } from '@vikno/shared';
import { type AutoCallState, emptyAutoCall, evolveAutoCall } from './auto-call-state.js';
import { Lines } from './lines.js';

export interface CounterRuntime {
  id: string;
  status: CounterStatus;
  operator: { username: string; name: string } | null;
  device: string | null;
  /** The ticket called or served here now. */
  ticketId: string | null;
  pauseReason: string | null;
  since: number;
  parked: string[];
  /** Position in the priority/normal interleave cycle (see select.ts). */
  cycle: number;
}

export interface DayState {
  day: string;
  tickets: Map<string, Ticket>;
  tokens: Map<string, string>;
  /** The waiting tickets, in the orders the call rules need. */
  lines: Lines;
  /** The counter each device is logged in at. */
  devices: Map<string, string>;
  /** The counter each operator is logged in at: a login, and a ticket sent to an operator, look it up. */
  signedIn: Map<string, string>;
  /** Last number given per service today. */
  sequences: Map<string, number>;
  counters: Map<string, CounterRuntime>;
  /** Recent visits (ms from the call to the finish) per service, newest last, for the wait estimate. */
  durations: Map<string, number[]>;
  /**
   * Recent times (ms) from a window becoming free to its next call, when someone already waited: the
   * operator's wrap-up, newest last, for the wait estimate.
   */
  turnarounds: number[];
  /** Newest first. */
  recentCalls: Call[];
  /** Transferred tickets still waiting, by id, in the order of their last transfer: what the hall shows. */
  transferred: Map<string, { ticket: Ticket; at: number }>;
  /** Tickets their visitor has rated: one rating each. */
  rated: Set<string>;
  /** Back-office cases open today or carried into it (backoffice.ts), by id, in the order they were opened. */
  cases: Map<string, CaseRuntime>;
  /** The day's draw commitments (draw.ts), oldest first: draws use the last. */
  commitments: string[];
  /** Commitments whose secret the record has revealed. */
  revealed: Set<string>;
  /** Operators signed out or on a break today, since when: a registrar's unstarted cases go back after a while. */
  away: Map<string, { since: number; reason: 'signedOut' | 'break' }>;
  /** When the day's first operator signed in: one not yet signed in counts as away from then. */
  firstLoginAt: number | null;
  /** The day has been closed (`day.closed`): nothing more happens in it. */
  closed: boolean;
  /** The windows' auto-call countdowns and the operators' choices (auto-call-state.ts). */
  autoCall: AutoCallState;
}

/** A case as the engine keeps it: how many times it has been drawn today numbers its next draw. */
export interface CaseRuntime extends BackOfficeCase {
  draws: number;
}

export function emptyDay(day: string, config: Config): DayState {
  const counters = new Map<string, CounterRuntime>();
  for (const c of config.counters) {
    counters.set(c.id, {
      id: c.id,
      status: 'closed',
      operator: null,
      device: null,
      ticketId: null,
      pauseReason: null,
      since: 0,
      parked: [],
      cycle: 0,
    });
  }
  return {
    day,
    tickets: new Map(),
    tokens: new Map(),
    lines: new Lines(config),
    devices: new Map(),
    signedIn: new Map(),
    sequences: new Map(),
    counters,
    durations: new Map(),
    turnarounds: [],
    recentCalls: [],
    transferred: new Map(),
    rated: new Set(),
    cases: new Map(),
    autoCall: emptyAutoCall(),
    commitments: [],
    revealed: new Set(),
    away: new Map(),
    firstLoginAt: null,
    closed: false,
  };
}

/** Applies one committed event. Events are trusted: `decide` checked them before they were stored. */
export function evolve(state: DayState, event: DomainEvent, config: Config): void {
  evolveAutoCall(state.autoCall, event);
  switch (event.type) {
    case 'ticket.issued': {
      const t = fromRecord(event.ticket);
      state.tickets.set(t.id, t);
      state.tokens.set(event.token, t.id);
      const seq = Number(t.number.slice(t.number.lastIndexOf('-') + 1));
      state.sequences.set(t.service, Math.max(state.sequences.get(t.service) ?? 0, seq));
      state.lines.add(t);
      return;
    }
    case 'ticket.called': {
      // The waiting ticket's entry holds it: one lookup among the day's tickets, not two.
      const t = state.lines.remove(event.ticketId)?.ticket ?? ticket(state, event.ticketId);
      const k = counter(state, event.counter);
      state.transferred.delete(t.id);
      // The window was free while this ticket already waited: how long it took to call it.
      if (t.queuedAt <= k.since) {
        state.turnarounds.push(Math.min(event.at - k.since, MAX_TURNAROUND_MS));
        if (state.turnarounds.length > TURNAROUNDS_KEPT) state.turnarounds.shift();
      }
      k.cycle = nextCycle(k.cycle, event.rule, config.queue.priorityRatio);
      Object.assign(t, {
        status: 'called',
        counter: k.id,
        calledAt: event.at,
        startedAt: null,
        targetCounter: null,
        targetOperator: null,
        sentBy: null,
        returned: false,
      });
      Object.assign(k, { ticketId: t.id, since: event.at });
      pushCall(state, t, k.id, event.at, config);
      return;
    }
    case 'ticket.recalled': {
      const t = ticket(state, event.ticketId);
      t.recalls = event.recalls;
      pushCall(state, t, event.counter, event.at, config);
      return;
    }
    case 'ticket.started': {
      Object.assign(ticket(state, event.ticketId), { status: 'serving', startedAt: event.at });
      counter(state, event.counter).since = event.at;
      return;
    }
    case 'ticket.finished': {
      const t = ticket(state, event.ticketId);
      Object.assign(t, { status: 'finished', finishedAt: event.at, outcomes: event.outcomes });
      // From the call: the visitor's walk to the window keeps the window from calling the next one too.
      const from = t.calledAt ?? event.at;
      const list = state.durations.get(t.service) ?? [];
      list.push(event.at - from);
      if (list.length > config.queue.estimateSampleSize) list.shift();
      state.durations.set(t.service, list);
      release(state, event.counter, event.at);
      return;
    }
    case 'ticket.noShow': {
      Object.assign(ticket(state, event.ticketId), { status: 'no_show', finishedAt: event.at });
      release(state, event.counter, event.at);
      return;
    }
    case 'ticket.transferred': {
      const t = ticket(state, event.ticketId);
      // Records from before operators and placements could be chosen have neither: `first`, as then.
      const toOperator = event.toOperator ?? null;
      const first = (event.placement ?? 'first') === 'first';
      Object.assign(t, {
        status: 'waiting',
        service: event.toService,
        targetCounter: event.toCounter,
        targetOperator: toOperator,
        sentBy: event.toCounter === null && toOperator === null ? event.counter : null,
        returned: first,
        counter: null,
        queuedAt: first ? event.at : t.issuedAt,
        transfers: t.transfers + 1,
        // Recalls count calls at one counter: the first call at the next one is not a recall.
        recalls: 0,
        comment: event.comment,
      });
      state.lines.add(t);
      state.transferred.delete(t.id);
      state.transferred.set(t.id, { ticket: t, at: event.at });
      release(state, event.counter, event.at);
      return;
    }
    case 'ticket.parked': {
      Object.assign(ticket(state, event.ticketId), { status: 'parked' });
      const k = release(state, event.counter, event.at);
      k.parked.push(event.ticketId);
      return;
    }
    case 'ticket.unparked': {
      const t = ticket(state, event.ticketId);
      const k = counter(state, event.counter);
      k.parked = k.parked.filter((id) => id !== t.id);
      Object.assign(t, { status: 'called', calledAt: event.at });
      Object.assign(k, { ticketId: t.id, since: event.at });
      pushCall(state, t, k.id, event.at, config);
      return;
    }
    case 'ticket.expired': {
      const t = ticket(state, event.ticketId);
      state.lines.remove(t.id);
      state.transferred.delete(t.id);
      t.status = 'expired';
      // A closed day leaves no counter holding the ticket, as its current one or parked.
      if (t.counter) {
        const k = counter(state, t.counter);
        if (k.ticketId === t.id) release(state, k.id, event.at);
        k.parked = k.parked.filter((id) => id !== t.id);
      }
      return;
    }
    case 'ticket.feedback':
      state.rated.add(event.ticketId);
      return;
    case 'case.opened':
      state.cases.set(event.ticketId, newCase(event.ticketId, ticket(state, event.ticketId).number, event.service, event.at));
      return;
    case 'case.assigned': {
      // A record from before cases were opened first has the assignment alone.
      const c = state.cases.get(event.ticketId) ?? newCase(event.ticketId, ticket(state, event.ticketId).number, event.service, event.at);
      Object.assign(c, { registrar: event.registrar, assignedAt: event.at, draws: c.draws + 1 });
      state.cases.set(c.id, c);
      return;
    }
    case 'case.returned':
      Object.assign(backOfficeCase(state, event.ticketId), { registrar: null, assignedAt: null });
      return;
    case 'case.started':
      backOfficeCase(state, event.ticketId).startedAt = event.at;
      return;
    case 'case.carried': {
      // The front-office ticket comes along (finished: it joins no line), and so does its holder's link.
      state.tickets.set(event.ticketId, fromRecord(event.ticket));
      if (event.token !== null) state.tokens.set(event.token, event.ticketId);
      state.cases.set(event.ticketId, {
        ...newCase(event.ticketId, event.ticket.number, event.service, event.openedAt),
        registrar: event.registrar,
        assignedAt: event.assignedAt,
        startedAt: event.startedAt,
      });
      return;
    }
    case 'case.ready': {
      const c = backOfficeCase(state, event.ticketId);
      Object.assign(c, { status: 'ready', readyAt: event.at, pickupTicketId: event.pickupTicketId });
      // The holder's tracking link follows the citizen to the pickup line.
      for (const [token, id] of state.tokens) if (id === event.ticketId) state.tokens.set(token, event.pickupTicketId);
      return;
    }
    case 'draw.committed':
      state.commitments.push(event.commitment);
      return;
    case 'draw.revealed':
      state.revealed.add(event.commitment);
      return;
    case 'day.closed':
      state.closed = true;
      return;
    case 'counter.loggedIn': {
      const k = counter(state, event.counter);
      // Another terminal taking the counter over leaves the first without one.
      if (k.device !== null && state.devices.get(k.device) === k.id) state.devices.delete(k.device);
      Object.assign(k, {
        status: 'open',
        operator: { username: event.operator, name: event.operatorName },
        device: event.device,
        pauseReason: null,
        since: event.at,
      });
      state.devices.set(event.device, k.id);
      state.signedIn.set(event.operator, k.id);
      state.lines.setStatus(k.id, k.status);
      state.away.delete(event.operator);
      state.firstLoginAt ??= event.at;
      return;
    }
    case 'counter.loggedOut': {
      const k = counter(state, event.counter);
      if (k.device !== null && state.devices.get(k.device) === k.id) state.devices.delete(k.device);
      Object.assign(k, { status: 'closed', operator: null, device: null, pauseReason: null, since: event.at });
      if (state.signedIn.get(event.operator) === k.id) state.signedIn.delete(event.operator);
      state.lines.setStatus(k.id, k.status);
      state.away.set(event.operator, { since: event.at, reason: 'signedOut' });
      return;
    }
    case 'counter.opened':
    case 'counter.resumed':
      back(state, Object.assign(counter(state, event.counter), { status: 'open', pauseReason: null, since: event.at }));
      state.lines.setStatus(event.counter, 'open');
      return;
    case 'counter.closed':
      back(state, Object.assign(counter(state, event.counter), { status: 'closed', pauseReason: null, since: event.at }));
      state.lines.setStatus(event.counter, 'closed');
      return;
    case 'counter.paused': {
      const k = Object.assign(counter(state, event.counter), { status: 'paused', pauseReason: event.reason, since: event.at });
      state.lines.setStatus(k.id, k.status);
      if (k.operator) state.away.set(k.operator.username, { since: event.at, reason: 'break' });
      return;
    }
  }
}

/**
 * A ticket as its record has it, with the fields that records from before they existed lack (the
 * record is read back without its schema's defaults).
 */
function fromRecord(t: Ticket): Ticket {
  return { ...t, targetOperator: t.targetOperator ?? null, sentBy: t.sentBy ?? null };
}

/** Turnarounds kept, over all windows. */
const TURNAROUNDS_KEPT = 50;
/** A window left longer than this without a pause says little about the next wrap-up. */
const MAX_TURNAROUND_MS = 5 * 60_000;

/** The operator at a counter that is no longer paused is back from their break. */
function back(state: DayState, k: CounterRuntime): void {
  if (k.operator) state.away.delete(k.operator.username);
}

function newCase(id: string, number: string, service: string, openedAt: number): CaseRuntime {
  return {
    id,
    number,
    service,
    registrar: null,
    status: 'open',
    openedAt,
    assignedAt: null,
    startedAt: null,
    readyAt: null,
    pickupTicketId: null,
    draws: 0,
  };
}

function backOfficeCase(state: DayState, id: string): CaseRuntime {
  const c = state.cases.get(id);
  if (!c) throw new Error(`event refers to unknown case ${id}`);
  return c;
}

/** Which kind the interleave wants next: positions [0, priority) are priority turns. */
export function wantedKind(cycle: number, priorityTurns: number): 'priority' | 'normal' {
  return cycle < priorityTurns ? 'priority' : 'normal';
}

/** The interleave moves on only when a call takes the kind it wanted (select.ts, rule 4). */
export function nextCycle(cycle: number, rule: CallRule, ratio: QueueRules['priorityRatio']): number {
  return rule === wantedKind(cycle, ratio.priority) ? (cycle + 1) % (ratio.priority + ratio.normal) : cycle;
}

function release(state: DayState, counterId: string, at: number): CounterRuntime {
  const k = counter(state, counterId);
  k.ticketId = null;
  k.since = at;
  return k;
}

/** Each config's counters by id: a call and a login look theirs up, in a centre of thousands of counters. */
const countersById = new WeakMap<Config, Map<string, Config['counters'][number]>>();

export function configCounter(config: Config, counterId: string): Config['counters'][number] | undefined {
  let byId = countersById.get(config);
  if (!byId) {
    byId = new Map(config.counters.map((c) => [c.id, c]));
    countersById.set(config, byId);
  }
  return byId.get(counterId);
}

function pushCall(state: DayState, t: Ticket, counterId: string, at: number, config: Config): void {
  const c = configCounter(config, counterId);
  if (!c) return;
  state.recentCalls.unshift({
    ticketId: t.id,
    number: t.number,
    service: t.service,
    counter: c.id,
    window: c.window,
    zone: c.zone,
    at,
    recall: t.recalls,
  });
  state.recentCalls.length = Math.min(state.recentCalls.length, config.queue.recentCallsShown);
}

function ticket(state: DayState, id: string): Ticket {
  const t = state.tickets.get(id);
  if (!t) throw new Error(`event refers to unknown ticket ${id}`);
  return t;
}

function counter(state: DayState, id: string): CounterRuntime {
  const k = state.counters.get(id);
  if (!k) throw new Error(`event refers to unknown counter ${id}`);
  return k;
}
