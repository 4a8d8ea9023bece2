// Turns one parsed command from one device into engine decisions. Knows who may do what; the
// engine knows whether it can be done. Runs inside the hub's one-at-a-time command loop.
import { randomBytes } from 'node:crypto';
import type { CommandName, Config, Device, DomainEvent, ParsedCommandArgs } from '@vikno/shared';
import { book } from '../appointments/booking.js';
import { dayOf } from '../engine/day.js';
import { EngineError, type QueueEngine } from '../engine/engine.js';
import type { Commit, Store } from '../store/store.js';

export interface Decision {
  events: DomainEvent[];
  /** Computed after the events are applied. */
  result: () => unknown;
  appointments?: Commit['appointments'];
}

/** Already-checked facts a command needs that take I/O outside the loop (the operator's PIN). */
export interface Verified {
  /** Set only when the username exists and the PIN matched. */
  operator?: { username: string; name: string; counters: readonly string[] };
  /** Milliseconds the username is locked for after too many wrong PINs; its PIN was not checked. */
  lockedMs?: number;
}

export function decide(
  engine: QueueEngine,
  store: Store,
  config: Config,
  device: Device,
  name: CommandName,
  rawArgs: unknown,
  verified: Verified,
): Decision {
  const args = rawArgs as ParsedCommandArgs<typeof name>;
  switch (name) {
    case 'ticket.issue':
      return issue(engine, store, config, device, args as ParsedCommandArgs<'ticket.issue'>);
    case 'appointment.book': {
      const a = args as ParsedCommandArgs<'appointment.book'>;
      return book(config, store, { service: a.service, at: Date.parse(a.at), phone: a.phone, channel: 'staff' }, engine.now());
    }
    case 'operator.login': {
      const a = args as ParsedCommandArgs<'operator.login'>;
      const counter = counterForLogin(config, device, a.counter);
      const op = verified.operator;
      if (verified.lockedMs)
        throw new EngineError('pin_locked', `too many wrong PINs: try again in ${Math.ceil(verified.lockedMs / 60_000)} min`);
      if (!op) throw new EngineError('wrong_pin', 'wrong username or PIN');
      if (op.counters.length && !op.counters.includes(counter))
        throw new EngineError('counter_not_allowed', `${op.name} may not work at this counter`);
      const events = engine.login(counter, { username: op.username, name: op.name }, device.id);
      return { events, result: () => ({ counter: engine.counterState(counter) }) };
    }
    case 'counter.session': {
      const at = engine.counterOfDevice(device.id);
      return answer({ fixedCounter: device.counter ?? null, counter: at ? engine.counterState(at) : null });
    }
    case 'case.ready': {
      const caseId = (args as ParsedCommandArgs<'case.ready'>).caseId;
      const registrar = device.role === 'admin' ? null : registrarAt(engine, config, device);
      const events = engine.caseReady(caseId, { registrar, device: device.id, token: holderToken() });
      return {
        events,
        result: () => {
          const c = engine.backOfficeCase(caseId);
          if (!c.pickupTicketId) throw new Error('a ready case has no pickup ticket');
          return { case: c, ticket: engine.ticket(c.pickupTicketId) };
        },
      };
    }
    case 'case.list': {
      const wanted = (args as ParsedCommandArgs<'case.list'>).registrar;
      if (device.role === 'admin') return answer({ cases: engine.cases(wanted), at: engine.now() });
      const self = registrarAt(engine, config, device);
      if (wanted !== undefined && wanted !== self) throw new EngineError('forbidden', 'a registrar sees only their own cases');
      return answer({ cases: engine.cases(self), at: engine.now() });
    }
    case 'operator.counters': {
      const op = config.operators.find((o) => o.username === (args as ParsedCommandArgs<'operator.counters'>).username);
      return answer({ counters: op?.counters.length ? [...op.counters] : config.counters.map((c) => c.id) });
    }
    default:
      break;
  }
  if (device.role === 'counter') {
    // A counter terminal commands only the counter its operator logged in at.
    const counter = engine.counterOfDevice(device.id);
    if (!counter) throw new EngineError('not_logged_in', 'log in at a counter first');
    return counterCommand(engine, counter, name, args);
  }
  throw new EngineError('forbidden', `a ${device.role} may not ${name}`);
}

function counterCommand(engine: QueueEngine, counter: string, name: CommandName, args: unknown): Decision {
  const withCounter = (events: DomainEvent[]): Decision => ({ events, result: () => ({ counter: engine.counterState(counter) }) });
  const withTicket = (events: DomainEvent[]): Decision => ({
    events,
    result: () => {
      const e = events.find((x) => 'ticketId' in x);
      const ticketId = e && 'ticketId' in e ? e.ticketId : undefined;
      return { counter: engine.counterState(counter), ticket: ticketId ? engine.ticket(ticketId) : null };
    },
  });
  switch (name) {
    case 'operator.logout':
      return withCounter(engine.logout(counter));
    case 'counter.open':
      return withCounter(engine.open(counter));
    case 'counter.close':
      return withCounter(engine.close(counter));
    case 'counter.pause':
      return withCounter(engine.pause(counter, (args as ParsedCommandArgs<'counter.pause'>).reason));
    case 'counter.resume':
      return withCounter(engine.resume(counter));
    case 'counter.callNext':
      return withTicket(engine.callNext(counter));
    case 'counter.callTicket':
      return withTicket(engine.callTicket(counter, (args as ParsedCommandArgs<'counter.callTicket'>).ticketId));
    case 'counter.recall':
      return withTicket(engine.recall(counter));
    case 'counter.start':
      return withTicket(engine.start(counter));
    case 'counter.finish':
      return withTicket(engine.finish(counter, (args as ParsedCommandArgs<'counter.finish'>).outcomes, randomFraction()));
    case 'counter.noShow':
      return withTicket(engine.noShow(counter));
    case 'counter.transfer':
      return withTicket(engine.transfer(counter, args as ParsedCommandArgs<'counter.transfer'>));
    case 'counter.autoCall':
      return withCounter(engine.setAutoCall(counter, (args as ParsedCommandArgs<'counter.autoCall'>).on));
    case 'counter.cancelAutoCall':
      return withCounter(engine.cancelAutoCall(counter));
    case 'counter.park':
      return withTicket(engine.park(counter));
    case 'counter.unpark':
      return withTicket(engine.unpark(counter, (args as ParsedCommandArgs<'counter.unpark'>).ticketId));
    case 'counter.waiting':
      return answer(engine.line(counter));
    case 'operator.today':
      return answer(engine.operatorToday(engine.counterState(counter).operator!.username));
    default:
      throw new EngineError('forbidden', `a counter may not ${name}`);
  }
}

function issue(engine: QueueEngine, store: Store, config: Config, device: Device, args: ParsedCommandArgs<'ticket.issue'>): Decision {
  if (device.role === 'counter' && !engine.counterOfDevice(device.id)) throw new EngineError('not_logged_in', 'log in at a counter first');
  const token = holderToken();
  let events: DomainEvent[];
  if ('appointmentCode' in args) {
    const a = store.appointmentByCode(args.appointmentCode.trim().toUpperCase());
    if (!a || a.status === 'cancelled') throw new EngineError('unknown_appointment', 'no appointment with that code');
    if (a.status !== 'booked') throw new EngineError('appointment_used', 'this appointment has already been checked in');
    const today = engine.day;
    const day = dayOf(a.at, config.site.timezone);
    if (day !== today) throw new EngineError('unknown_appointment', `this appointment is for ${day}`);
    events = engine.issue({
      service: a.service,
      channel: 'appointment',
      priority: null,
      language: args.language,
      token,
      appointment: { id: a.id, at: a.at },
    });
  } else {
    const channel = device.role === 'kiosk' ? 'kiosk' : device.role === 'counter' ? 'operator' : (args.channel ?? 'web');
    events = engine.issue({ service: args.service, channel, priority: args.priority, language: args.language, token });
  }
  return {
    events,
    result: () => {
      const issued = events[0];
      if (issued?.type !== 'ticket.issued') throw new Error('issue produced no ticket');
      const ticket = engine.ticket(issued.ticket.id);
      const ahead = Math.max(0, engine.queueSummary(ticket.service).waiting - 1);
      return { ticket, token, ahead, estimatedWaitMinutes: engine.estimateWait(ticket.service, ahead) };
    },
  };
}

/** Unguessable: whoever holds it follows the ticket's tracking page. */
function holderToken(): string {
  return randomBytes(16).toString('base64url');
}

/** Picks among equally free registrars (backoffice.ts): from the system's CSPRNG, so no one can predict it. */
function randomFraction(): number {
  return randomBytes(4).readUInt32BE(0) / 2 ** 32;
}

/** The username of the registrar logged in at this counter terminal. */
function registrarAt(engine: QueueEngine, config: Config, device: Device): string {
  const counter = engine.counterOfDevice(device.id);
  if (!counter) throw new EngineError('not_logged_in', 'log in at a counter first');
  const operator = engine.counterState(counter).operator;
  const registrar = operator && config.operators.find((o) => o.username === operator.username && o.roles.includes('registrar'));
  if (!registrar) throw new EngineError('forbidden', 'only a registrar works on back-office cases');
  return registrar.username;
}

/** A read-only query's decision: no events, the answer as the state stands. */
function answer(result: unknown): Decision {
  return { events: [], result: () => result };
}

export function counterForLogin(config: Config, device: Device, wanted: string | undefined): string {
  if (device.counter && wanted && wanted !== device.counter) {
    const window = config.counters.find((c) => c.id === device.counter)?.window;
    throw new EngineError('counter_not_allowed', `this terminal belongs to window ${window}`);
  }
  const counter = device.counter ?? wanted;
  if (!counter) throw new EngineError('bad_request', 'choose a counter');
  if (!config.counters.some((c) => c.id === counter)) throw new EngineError('unknown_counter', `no counter "${counter}"`);
  return counter;
}
