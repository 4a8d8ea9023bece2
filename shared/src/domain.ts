// Domain records shared by the hub and the apps: tickets, appointments, calls, counter and queue
// state, and the events that change them. Types are inferred from the schemas.
import { z } from 'zod';
import { idSchema, languageSchema, transferPlacementSchema } from './config.js';

export const channelSchema = z.enum(['kiosk', 'operator', 'appointment', 'web']);
export type Channel = z.infer<typeof channelSchema>;

export const ticketStatusSchema = z.enum(['waiting', 'called', 'serving', 'parked', 'finished', 'no_show', 'expired']);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

/** Milliseconds since the epoch. */
const instant = z.number().int().nonnegative();
/** A calendar day in the site's time zone: `2026-11-23`. */
export const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ticketSchema = z.object({
  /** `<day>:<number>`: unique for ever, since numbers restart each day. */
  id: z.string(),
  day: daySchema,
  /** What the visitor sees and hears: `A-012`. */
  number: z.string(),
  service: idSchema,
  channel: channelSchema,
  /** A priority category id from the config, or null for the normal queue. */
  priority: idSchema.nullable(),
  language: languageSchema,
  issuedAt: instant,
  /** When the ticket (re)entered the waiting line: issue, transfer or return from parking. */
  queuedAt: instant,
  /** Set while the ticket is an on-time appointment; a late arrival has it cleared. */
  appointmentAt: instant.nullable(),
  appointmentId: z.string().nullable(),
  /** A transfer to one specific counter: only that counter calls it. */
  targetCounter: idSchema.nullable(),
  /**
   * A transfer to one operator (username): only the window they are signed in at calls it, wherever
   * that is; while they are signed in nowhere, it waits. Absent in records from before it existed.
   */
  targetOperator: idSchema.nullable().default(null),
  /**
   * The counter that transferred it to its service: that counter is not offered it while another
   * open window serves the service (hub/src/engine/select.ts). Null unless transferred to a service.
   */
  sentBy: idSchema.nullable().default(null),
  /** Transferred "first in line": it goes ahead of the line it joins. */
  returned: z.boolean(),
  status: ticketStatusSchema,
  /** Where it is called, served or parked. */
  counter: idSchema.nullable(),
  calledAt: instant.nullable(),
  startedAt: instant.nullable(),
  finishedAt: instant.nullable(),
  recalls: z.number().int().nonnegative(),
  transfers: z.number().int().nonnegative(),
  outcomes: z.array(idSchema),
  comment: z.string().nullable(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const appointmentSchema = z.object({
  id: z.string(),
  /** What the visitor types or scans at the kiosk. */
  code: z.string().regex(/^[A-Z0-9]{6,12}$/),
  service: idSchema,
  at: instant,
  status: z.enum(['booked', 'checked_in', 'cancelled']),
  ticketId: z.string().nullable(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

/** A call as the hall sees it. */
export const callSchema = z.object({
  ticketId: z.string(),
  number: z.string(),
  service: idSchema,
  counter: idSchema,
  window: z.number().int(),
  zone: idSchema,
  at: instant,
  /** 0 for the first call, then 1, 2… for each recall. */
  recall: z.number().int().nonnegative(),
});
export type Call = z.infer<typeof callSchema>;

export const counterStatusSchema = z.enum(['closed', 'open', 'paused']);
export type CounterStatus = z.infer<typeof counterStatusSchema>;

export const counterStateSchema = z.object({
  counter: idSchema,
  window: z.number().int(),
  zone: idSchema,
  status: counterStatusSchema,
  operator: z.object({ username: idSchema, name: z.string() }).nullable(),
  /** The device the operator logged in from: the only one that commands this counter. */
  device: idSchema.nullable(),
  ticket: ticketSchema.nullable(),
  pauseReason: z.string().nullable(),
  /** When the status (or the current ticket) last changed. */
  since: instant,
  parked: z.array(z.string()),
  /**
   * Waiting tickets only this window may call: transferred to it, or to its operator. With the
   * queues of its services, what tells a terminal that its list changed. Absent (0) from older hubs.
   */
  directed: z.number().int().nonnegative().default(0),
  /** Auto-call at this window (hub/src/engine/auto-call.ts); null where the config does not offer it. */
  autoCall: z
    .object({
      /** The operator's choice at the terminal; off at each login until they turn it on that day. */
      on: z.boolean(),
      wrapUpSeconds: z.number().int().nonnegative(),
      /** Why the window turned it off by itself: `no_shows`, three auto-called visitors in a row did not come. */
      stopped: z.enum(['no_shows']).nullable(),
    })
    .nullable(),
  /**
   * When the window will call the next waiting visitor by itself (at once if someone waits then, else
   * as soon as someone arrives); null while it will not: auto-call off, a visitor at the window, the
   * window not open, or the countdown cancelled until the operator's next call.
   */
  autoCallAt: instant.nullable(),
});
export type CounterState = z.infer<typeof counterStateSchema>;

/**
 * Where an estimated wait may fall, whole minutes: told as "low–high" when they differ, the estimate
 * is uncertain; equal to the estimate when it is not.
 */
export const waitRangeSchema = z.object({ low: z.number().int().nonnegative(), high: z.number().int().nonnegative() });
export type WaitRange = z.infer<typeof waitRangeSchema>;

export const queueSummarySchema = z.object({
  service: idSchema,
  waiting: z.number().int().nonnegative(),
  /** When the longest-waiting ticket joined the line; null when nobody waits. */
  oldestQueuedAt: instant.nullable(),
  /** How long a ticket issued now would wait. */
  estimatedWaitMinutes: z.number().nonnegative(),
  estimatedWaitRange: waitRangeSchema,
  /** Counters working (open, not paused, an operator logged in) that serve this service now. */
  openCounters: z.number().int().nonnegative(),
  at: instant,
});
export type QueueSummary = z.infer<typeof queueSummarySchema>;

/** A ticket as a counter terminal lists it: enough to choose it and call it. */
export const lineTicketSchema = ticketSchema.pick({
  id: true,
  number: true,
  service: true,
  channel: true,
  priority: true,
  issuedAt: true,
  queuedAt: true,
  appointmentAt: true,
  targetCounter: true,
  targetOperator: true,
  sentBy: true,
  returned: true,
  transfers: true,
  comment: true,
});
export type LineTicket = z.infer<typeof lineTicketSchema>;

/** What one counter may call now, and the tickets parked at it (the `counter.waiting` query). */
export const counterLineSchema = z.object({
  /** Waiting tickets of the counter's services and those transferred to it, longest waiting first. */
  waiting: z.array(lineTicketSchema),
  /** The ticket call-next would pick now; null when nobody waits. */
  next: z.string().nullable(),
  parked: z.array(lineTicketSchema),
  /** The hub's clock when it answered: terminals show waits by it, not by their own clock. */
  at: instant,
});
export type CounterLine = z.infer<typeof counterLineSchema>;

/**
 * What a counter's transfer dialog offers (the `counter.transferOptions` query): for each service,
 * how many other windows serving it are open now (none: a ticket sent there waits, or comes back to
 * this window, which the operator is told before confirming); each operator and where they are signed in.
 */
export const transferOptionsSchema = z.object({
  /** The centre's default placement (`queue.transferPlacement`). */
  placement: transferPlacementSchema,
  services: z.array(
    z.object({
      service: idSchema,
      /** Open windows other than this one that serve it now. */
      otherWindows: z.number().int().nonnegative(),
      /** This window serves it: with no other window open, a ticket sent there comes back here. */
      servedHere: z.boolean(),
    }),
  ),
  /** The centre's operators but the one at this window, in the config's order. */
  operators: z.array(
    z.object({
      username: idSchema,
      name: z.string(),
      /** Where they are signed in now, and its window; null while they are signed in nowhere. */
      counter: idSchema.nullable(),
      window: z.number().int().nullable(),
    }),
  ),
  at: instant,
});
export type TransferOptions = z.infer<typeof transferOptionsSchema>;

/** One operator's work today, at every counter they worked at (the `operator.today` query). */
export const operatorTodaySchema = z.object({
  operator: idSchema,
  /** Visits finished. */
  served: z.number().int().nonnegative(),
  noShows: z.number().int().nonnegative(),
  transferred: z.number().int().nonnegative(),
  /** Mean time from the start (or, if never started, the call) to the finish; null before the first. */
  averageServiceMs: z.number().nonnegative().nullable(),
  at: instant,
});
export type OperatorToday = z.infer<typeof operatorTodaySchema>;

/**
 * A back-office case (hub/src/engine/backoffice.ts): a finished visit of a back-office service,
 * drawn to a registrar. Its id is the front-office ticket's id.
 */
export const backOfficeCaseSchema = z.object({
  id: z.string(),
  /** The front-office ticket's number, as the citizen knows it. */
  number: z.string(),
  service: idSchema,
  /** Null while the case waits for a draw: too few registrars can take it now, or it was given back. */
  registrar: idSchema.nullable(),
  status: z.enum(['open', 'ready']),
  /** When its front-office visit finished. */
  openedAt: instant,
  /** When its registrar was drawn. */
  assignedAt: instant.nullable(),
  /** When its registrar began work on it: a started case stays theirs while they are away. */
  startedAt: instant.nullable(),
  readyAt: instant.nullable(),
  /** The ticket the citizen holds in the pickup line once the case is ready. */
  pickupTicketId: z.string().nullable(),
});
export type BackOfficeCase = z.infer<typeof backOfficeCaseSchema>;

/**
 * Where a waiting ticket was transferred: to a service's windows (its `service` says which), to one
 * window, or to one operator, with the window they are signed in at (null while they are not).
 */
export const transferTargetSchema = z.object({ to: z.enum(['service', 'window', 'operator']), window: z.number().int().nullable() });
export type TransferTarget = z.infer<typeof transferTargetSchema>;

/** A transferred ticket still waiting, as the hall shows it. */
export const transferNoticeSchema = z.object({
  ticketId: z.string(),
  number: z.string(),
  service: idSchema,
  target: transferTargetSchema,
  at: instant,
});
export type TransferNotice = z.infer<typeof transferNoticeSchema>;

export const recentCallsSchema = z.object({
  calls: z.array(callSchema),
  /** The transferred tickets still waiting, newest first (as many as the recent calls shown); absent from older hubs. */
  transfers: z.array(transferNoticeSchema).default([]),
  at: instant,
});
export type RecentCalls = z.infer<typeof recentCallsSchema>;

/** The config's version as the hub publishes it (retained); a change means: refetch `/api/config`. */
export const configVersionSchema = z.object({ version: z.number().int().nonnegative(), at: instant });
export type ConfigVersion = z.infer<typeof configVersionSchema>;

export const presenceSchema = z.object({ status: z.enum(['online', 'offline']), at: instant.optional() });
export type Presence = z.infer<typeof presenceSchema>;

/**
 * Why call-next picked a ticket, in the order the rules apply: a due appointment, a transferred
 * ticket returning ahead, a ticket past the maximum wait, the priority/normal interleave, an early
 * appointment when nobody else waits; `specific` when the operator chose it from the list.
 */
export const callRuleSchema = z.enum(['appointment', 'returned', 'starving', 'priority', 'normal', 'early_appointment', 'specific']);
export type CallRule = z.infer<typeof callRuleSchema>;

const base = { at: instant, day: daySchema };
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * What a draw is made from, recorded with it: the commitment whose secret gave its randomness, the
 * case's draw number today (a case given back is drawn again), and every registrar who could take
 * it with their open cases then, in username order.
 */
export const drawSchema = z.object({
  commitment: sha256Hex,
  round: z.number().int().min(1),
  eligible: z.array(z.object({ registrar: idSchema, open: z.number().int().nonnegative() })).min(1),
});
export type Draw = z.infer<typeof drawSchema>;
const onTicket = { ...base, ticketId: z.string() };
const atCounter = { ...onTicket, counter: idSchema };

/**
 * Every state change, as stored in the append-only event table and published on the event topics.
 * The engine's state for a day is exactly the fold of that day's events.
 */
export const domainEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ticket.issued'), ...base, ticket: ticketSchema, token: z.string() }),
  /** `auto`: the window called it by itself (auto-call); absent when the operator did. */
  z.object({ type: z.literal('ticket.called'), ...atCounter, operator: idSchema, rule: callRuleSchema, auto: z.literal(true).optional() }),
  z.object({ type: z.literal('ticket.recalled'), ...atCounter, recalls: z.number().int() }),
  z.object({ type: z.literal('ticket.started'), ...atCounter }),
  z.object({ type: z.literal('ticket.finished'), ...atCounter, outcomes: z.array(idSchema) }),
  z.object({ type: z.literal('ticket.noShow'), ...atCounter }),
  z.object({
    type: z.literal('ticket.transferred'),
    ...atCounter,
    toService: idSchema,
    toCounter: idSchema.nullable(),
    /** To one operator wherever they sign in; absent (null) in records from before it existed. */
    toOperator: idSchema.nullable().optional(),
    /** Ahead of the line (`first`), or by when the visitor first arrived (`arrival`); absent: `first`. */
    placement: transferPlacementSchema.optional(),
    comment: z.string().nullable(),
  }),
  z.object({ type: z.literal('ticket.parked'), ...atCounter }),
  z.object({ type: z.literal('ticket.unparked'), ...atCounter }),
  z.object({ type: z.literal('ticket.expired'), ...onTicket }),
  /** A visitor's rating of a finished visit, from its tracking page; once per ticket. */
  z.object({
    type: z.literal('ticket.feedback'),
    ...atCounter,
    service: idSchema,
    score: z.number().int().min(1).max(5),
    comment: z.string().max(500).nullable(),
  }),
  /** A back-office visit finished at the front office: its case is open and waits for a draw. */
  z.object({ type: z.literal('case.opened'), ...onTicket, service: idSchema }),
  /** A draw gave the case to `registrar` (hub/src/engine/draw.ts says how, and how to check it). */
  z.object({ type: z.literal('case.assigned'), ...onTicket, service: idSchema, registrar: idSchema, draw: drawSchema }),
  /** Its registrar was away (signed out or on a break) too long before starting it: it goes back to the draw. */
  z.object({ type: z.literal('case.returned'), ...onTicket, registrar: idSchema, reason: z.enum(['signedOut', 'break']) }),
  /** Its registrar began work on it. */
  z.object({ type: z.literal('case.started'), ...onTicket, registrar: idSchema }),
  /**
   * A case open when its day closed, opened again on the next day with its front-office ticket (and
   * the holder's token, so the tracking link keeps working); its registrar, if any, keeps it.
   */
  z.object({
    type: z.literal('case.carried'),
    ...onTicket,
    ticket: ticketSchema,
    token: z.string().nullable(),
    service: idSchema,
    registrar: idSchema.nullable(),
    openedAt: instant,
    assignedAt: instant.nullable(),
    startedAt: instant.nullable(),
  }),
  /**
   * The registrar finished the case (`device` marked it): the citizen's new ticket in the pickup line
   * follows in the same commit, and the holder's tracking link now shows that ticket. `registrar` is
   * null for a case an admin marked ready before it was drawn.
   */
  z.object({
    type: z.literal('case.ready'),
    ...onTicket,
    registrar: idSchema.nullable(),
    device: idSchema,
    pickupTicketId: z.string(),
  }),
  /** The day's draw secret, committed to by its SHA-256 before any draw of the day (hub/src/engine/draw.ts). */
  z.object({ type: z.literal('draw.committed'), ...base, commitment: sha256Hex }),
  /** The secret behind a commitment, made public once its day has closed: anyone can then recompute the draws. */
  z.object({ type: z.literal('draw.revealed'), ...base, commitment: sha256Hex, secret: z.string().regex(/^[0-9a-f]{64}$/) }),
  /** The day is over: its tickets expired, its operators signed out, its draw secret revealed, its open cases carried on. */
  z.object({ type: z.literal('day.closed'), ...base }),
  z.object({
    type: z.literal('counter.loggedIn'),
    ...base,
    counter: idSchema,
    operator: idSchema,
    operatorName: z.string(),
    device: idSchema,
  }),
  z.object({ type: z.literal('counter.loggedOut'), ...base, counter: idSchema, operator: idSchema }),
  z.object({ type: z.literal('counter.opened'), ...base, counter: idSchema }),
  z.object({ type: z.literal('counter.closed'), ...base, counter: idSchema }),
  z.object({ type: z.literal('counter.paused'), ...base, counter: idSchema, reason: z.string() }),
  z.object({ type: z.literal('counter.resumed'), ...base, counter: idSchema }),
  /** The operator turned auto-call on (the choice lasts the day, at any window that offers it). */
  z.object({ type: z.literal('counter.autoCallOn'), ...base, counter: idSchema, operator: idSchema }),
  /** Off by the operator, or by the window itself after three auto-called no-shows in a row (`no_shows`). */
  z.object({
    type: z.literal('counter.autoCallOff'),
    ...base,
    counter: idSchema,
    operator: idSchema,
    reason: z.enum(['operator', 'no_shows']),
  }),
  /** The countdown under way was cancelled: no auto-call until the operator's next call. */
  z.object({ type: z.literal('counter.autoCallCancelled'), ...base, counter: idSchema }),
  /** A supervisor changed the centre's config (admin pages): who, and what changed, one line each. */
  z.object({ type: z.literal('config.changed'), ...base, by: idSchema, version: z.number().int(), changes: z.array(z.string()) }),
]);
export type DomainEvent = z.infer<typeof domainEventSchema>;
export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
