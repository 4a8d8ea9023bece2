// Turns one parsed command from one device into engine decisions. Knows who may do what; the
// engine knows whether it can be done. Runs inside the hub's one-at-a-time command loop.
// One handler per command, in a map typed from the contract (shared/src/commands.ts), as Actual's
// handler maps are: each handler receives its command's parsed arguments and must produce its
// command's result type, so a handler that drifts from the contract does not compile.
import { randomBytes } from 'node:crypto';
import type { CommandName, CommandResult, Config, Device, DomainEvent, ParsedCommandArgs } from '@vikno/shared';
import { book } from '../appointments/booking.js';
import { dayOf } from '../engine/day.js';
import type { Decision } from '../engine/decision.js';
import { EngineError, type QueueEngine } from '../engine/engine.js';
import { configCounter } from '../engine/state.js';
import type { Store } from '../store/store.js';

/** Already-checked facts a command needs that take I/O outside the loop (the operator's PIN). */
export interface Verified {
  /** Set only when the username exists and the PIN matched. */
  operator?: { username: string; name: string; counters: readonly string[] };
  /** Milliseconds the username is locked for after too many wrong PINs; its PIN was not checked. */
  lockedMs?: number;
}

interface Context {
  engine: QueueEngine;
  store: Store;
  config: Config;
  device: Device;
  verified: Verified;
}

type Handler<C extends CommandName> = (ctx: Context, args: ParsedCommandArgs<C>) => Decision<CommandResult<C>>;

export function decide<C extends CommandName>(
  engine: QueueEngine,
  store: Store,
  config: Config,
  device: Device,
  name: C,
  args: ParsedCommandArgs<C>,
  verified: Verified,
): Decision<CommandResult<C>> {
  const handler = handlers[name] as Handler<C>;
  return handler({ engine, store, config, device, verified }, args);
}

/** A command of the counter the terminal's operator is logged in at: a counter terminal commands only that one. */
function atCounter<C extends CommandName>(
  run: (engine: QueueEngine, counter: string, args: ParsedCommandArgs<C>, ctx: Context) => Decision<CommandResult<C>>,
): Handler<C> {
  return (ctx, args) => {
    if (ctx.device.role !== 'counter') throw new EngineError('forbidden', `a ${ctx.device.role} may not do this`);
    const counter = ctx.engine.counterOfDevice(ctx.device.id);
    if (!counter) throw new EngineError('not_logged_in', 'log in at a counter first');
    return run(ctx.engine, counter, args, ctx);
  };
}

const withCounter = (engine: QueueEngine, counter: string, events: DomainEvent[]) => ({
  events,
  result: () => ({ counter: engine.counterState(counter) }),
});

/** The answer of a command about the counter's ticket: the counter, and the ticket its events name. */
function withTicket(engine: QueueEngine, counter: string, events: DomainEvent[]) {
  return {
    events,
    result: () => {
      const e = events.find((x) => 'ticketId' in x);
      if (!e || !('ticketId' in e)) throw new Error('a ticket command produced no ticket event');
      return { counter: engine.counterState(counter), ticket: engine.ticket(e.ticketId) };
    },
  };
}

/** A read-only query's decision: no events, the answer as the state stands. */
function answer<R>(result: R): Decision<R> {
  return { events: [], result: () => result };
}

const handlers: { [C in CommandName]: Handler<C> } = {
  'ticket.issue': issue,
  'appointment.book': ({ engine, store, config }, a) =>
    book(config, store, { service: a.service, at: Date.parse(a.at), phone: a.phone, channel: 'staff' }, engine.now()),
  'operator.login': ({ engine, config, device, verified }, a) => {
    const counter = counterForLogin(config, device, a.counter);
    const op = verified.operator;
    if (verified.lockedMs)
      throw new EngineError('pin_locked', `too many wrong PINs: try again in ${Math.ceil(verified.lockedMs / 60_000)} min`);
    if (!op) throw new EngineError('wrong_pin', 'wrong username or PIN');
    if (op.counters.length && !op.counters.includes(counter))
      throw new EngineError('counter_not_allowed', `${op.name} may not work at this counter`);
    return withCounter(engine, counter, engine.login(counter, { username: op.username, name: op.name }, device.id));
  },
  'operator.logout': atCounter((engine, counter) => withCounter(engine, counter, engine.logout(counter))),
  'counter.open': atCounter((engine, counter) => withCounter(engine, counter, engine.open(counter))),
  'counter.close': atCounter((engine, counter) => withCounter(engine, counter, engine.close(counter))),
  'counter.pause': atCounter((engine, counter, a) => withCounter(engine, counter, engine.pause(counter, a.reason))),
  'counter.resume': atCounter((engine, counter) => withCounter(engine, counter, engine.resume(counter))),
  'counter.callNext': atCounter((engine, counter) => withTicket(engine, counter, engine.callNext(counter))),
  'counter.callTicket': atCounter((engine, counter, a) => withTicket(engine, counter, engine.callTicket(counter, a.ticketId))),
  'counter.recall': atCounter((engine, counter) => withTicket(engine, counter, engine.recall(counter))),
  'counter.start': atCounter((engine, counter) => withTicket(engine, counter, engine.start(counter))),
  'counter.finish': atCounter((engine, counter, a) => withTicket(engine, counter, engine.finish(counter, a.outcomes))),
  'counter.noShow': atCounter((engine, counter) => withTicket(engine, counter, engine.noShow(counter))),
  'counter.transfer': atCounter((engine, counter, a) => withTicket(engine, counter, engine.transfer(counter, a))),
  'counter.autoCall': atCounter((engine, counter, a) => withCounter(engine, counter, engine.setAutoCall(counter, a.on))),
  'counter.cancelAutoCall': atCounter((engine, counter) => withCounter(engine, counter, engine.cancelAutoCall(counter))),
  'counter.park': atCounter((engine, counter) => withTicket(engine, counter, engine.park(counter))),
  'counter.unpark': atCounter((engine, counter, a) => withTicket(engine, counter, engine.unpark(counter, a.ticketId))),
  'case.ready': ({ engine, config, device }, a) => {
    const registrar = device.role === 'admin' ? null : registrarAt(engine, config, device);
    const events = engine.caseReady(a.caseId, { registrar, device: device.id, token: holderToken() });
    return {
      events,
      result: () => {
        const c = engine.backOfficeCase(a.caseId);
        if (!c.pickupTicketId) throw new Error('a ready case has no pickup ticket');
        return { case: c, ticket: engine.ticket(c.pickupTicketId) };
      },
    };
  },
  'case.start': ({ engine, config, device }, a) => ({
    events: engine.caseStart(a.caseId, registrarAt(engine, config, device)),
    result: () => ({ case: engine.backOfficeCase(a.caseId) }),
  }),
  'counter.session': ({ engine, device }) => {
    const at = engine.counterOfDevice(device.id);
    return answer({ fixedCounter: device.counter ?? null, counter: at ? engine.counterState(at) : null });
  },
  'operator.counters': ({ config }, a) => {
    const op = config.operators.find((o) => o.username === a.username);
    return answer({ counters: op?.counters.length ? [...op.counters] : config.counters.map((c) => c.id) });
  },
  'counter.waiting': atCounter((engine, counter) => answer(engine.line(counter))),
  'counter.transferOptions': atCounter((engine, counter) => answer(engine.transferOptions(counter))),
  'operator.today': atCounter((engine, counter) => answer(engine.operatorToday(engine.counterState(counter).operator!.username))),
  'case.list': ({ engine, config, device }, a) => {
    if (device.role === 'admin') return answer({ cases: engine.cases(a.registrar), at: engine.now() });
    const self = registrarAt(engine, config, device);
    if (a.registrar !== undefined && a.registrar !== self) throw new EngineError('forbidden', 'a registrar sees only their own cases');
    return answer({ cases: engine.cases(self), at: engine.now() });
  },
};

function issue(
  { engine, store, config, device }: Context,
  args: ParsedCommandArgs<'ticket.issue'>,
): Decision<CommandResult<'ticket.issue'>> {
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
      // Just issued, so waiting: it has an estimate.
      const { ahead, minutes, low, high } = engine.estimate(ticket.id)!;
      return { ticket, token, ahead, estimatedWaitMinutes: minutes, estimatedWaitRange: { low, high } };
    },
  };
}

/** Unguessable: whoever holds it follows the ticket's tracking page. */
function holderToken(): string {
  return randomBytes(16).toString('base64url');
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

export function counterForLogin(config: Config, device: Device, wanted: string | undefined): string {
  if (device.counter && wanted && wanted !== device.counter) {
    const window = configCounter(config, device.counter)?.window;
    throw new EngineError('counter_not_allowed', `this terminal belongs to window ${window}`);
  }
  const counter = device.counter ?? wanted;
  if (!counter) throw new EngineError('bad_request', 'choose a counter');
  if (!configCounter(config, counter)) throw new EngineError('unknown_counter', `no counter "${counter}"`);
  return counter;
}
