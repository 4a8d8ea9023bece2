// Request/response commands. The embedded broker speaks MQTT 3.1.1 (no v5 response topic or
// correlation data), so the request carries its own id and reply topic, as zigbee2mqtt's
// `transaction` does; the hub answers on `replyTo` with an ok/error envelope.
import { z } from 'zod';
import { type DeviceRole, idSchema, languageSchema, transferPlacementSchema } from './config.js';
import {
  appointmentSchema,
  backOfficeCaseSchema,
  channelSchema,
  counterLineSchema,
  counterStateSchema,
  operatorTodaySchema,
  ticketSchema,
  transferOptionsSchema,
  waitRangeSchema,
} from './domain.js';

export const commandIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[\w-]+$/, 'letters, digits, _ and -');

const empty = z.object({}).strict();
const counterResult = z.object({ counter: counterStateSchema });
const ticketResult = z.object({ counter: counterStateSchema, ticket: ticketSchema });

export const commandSchemas = {
  'ticket.issue': {
    roles: ['kiosk', 'counter', 'admin'],
    args: z.union([
      z
        .object({
          service: idSchema,
          priority: idSchema.nullable().default(null),
          language: languageSchema,
          /** Honoured from admin devices (default `web`); a kiosk always issues `kiosk`, a counter `operator`. */
          channel: channelSchema.optional(),
        })
        .strict(),
      z.object({ appointmentCode: z.string().min(1).max(32), language: languageSchema }).strict(),
    ]),
    result: z.object({
      ticket: ticketSchema,
      /** Unguessable, given only to the ticket's holder: it will open the ticket's tracking page. */
      token: z.string(),
      /** Tickets the engine would call before this one at the windows that serve it. */
      ahead: z.number().int().nonnegative(),
      estimatedWaitMinutes: z.number().nonnegative(),
      estimatedWaitRange: waitRangeSchema,
    }),
  },
  'appointment.book': {
    roles: ['admin', 'counter'],
    /** The caller's phone number, when given, counts for the one-booking-per-person-per-service-per-day rule. */
    args: z.object({ service: idSchema, at: z.iso.datetime({ offset: true }), phone: z.string().min(1).max(32).optional() }).strict(),
    result: z.object({ appointment: appointmentSchema }),
  },
  'operator.login': {
    roles: ['counter'],
    args: z.object({ username: z.string().min(1).max(64), pin: z.string().min(1).max(32), counter: idSchema.optional() }).strict(),
    result: counterResult,
  },
  'operator.logout': { roles: ['counter'], args: empty, result: counterResult },
  'counter.open': { roles: ['counter'], args: empty, result: counterResult },
  'counter.close': { roles: ['counter'], args: empty, result: counterResult },
  'counter.pause': { roles: ['counter'], args: z.object({ reason: z.string().min(1).max(200) }).strict(), result: counterResult },
  'counter.resume': { roles: ['counter'], args: empty, result: counterResult },
  'counter.callNext': { roles: ['counter'], args: empty, result: ticketResult },
  'counter.callTicket': { roles: ['counter'], args: z.object({ ticketId: z.string().min(1) }).strict(), result: ticketResult },
  'counter.recall': { roles: ['counter'], args: empty, result: ticketResult },
  'counter.start': { roles: ['counter'], args: empty, result: ticketResult },
  'counter.finish': {
    roles: ['counter'],
    args: z.object({ outcomes: z.array(idSchema).default([]) }).strict(),
    result: ticketResult,
  },
  'counter.noShow': { roles: ['counter'], args: empty, result: ticketResult },
  'counter.transfer': {
    roles: ['counter'],
    /**
     * To a service's line (`service` alone), to one counter or to one operator (the ticket keeps its
     * service unless `service` names another). `placement` defaults to the centre's
     * `queue.transferPlacement`. A transfer to a service that no other open window serves is refused
     * with `no_other_window` unless `evenIfNoOtherWindow` says the operator was told.
     */
    args: z
      .object({
        service: idSchema.optional(),
        counter: idSchema.optional(),
        operator: idSchema.optional(),
        placement: transferPlacementSchema.optional(),
        comment: z.string().max(500).optional(),
        evenIfNoOtherWindow: z.literal(true).optional(),
      })
      .strict()
      .refine((a) => a.service || a.counter || a.operator, 'name a service, a counter or an operator to transfer to')
      .refine((a) => !(a.counter && a.operator), 'transfer to a counter or to an operator, not both'),
    result: ticketResult,
  },
  /** The operator's choice, for the rest of the day, at a window whose config offers auto-call. */
  'counter.autoCall': { roles: ['counter'], args: z.object({ on: z.boolean() }).strict(), result: counterResult },
  /** Skips the auto-call counting down now: the window calls by itself again after the operator's next call. */
  'counter.cancelAutoCall': { roles: ['counter'], args: empty, result: counterResult },
  'counter.park': { roles: ['counter'], args: empty, result: ticketResult },
  'counter.unpark': { roles: ['counter'], args: z.object({ ticketId: z.string().min(1) }).strict(), result: ticketResult },
  /** From a counter terminal only by the case's registrar (logged in there); from an admin device for any case. */
  'case.ready': {
    roles: ['counter', 'admin'],
    /** A case's id is its front-office ticket's id. */
    args: z.object({ caseId: z.string().min(1) }).strict(),
    result: z.object({ case: backOfficeCaseSchema, ticket: ticketSchema }),
  },
  /** From a counter terminal, by the case's registrar: a started case stays theirs while they are away. */
  'case.start': {
    roles: ['counter'],
    args: z.object({ caseId: z.string().min(1) }).strict(),
    result: z.object({ case: backOfficeCaseSchema }),
  },
  // Read-only queries (`readOnly`): answered from the state as it stands, never recorded, nothing published.
  'counter.session': {
    roles: ['counter'],
    args: empty,
    result: z.object({
      /** The counter this terminal is fixed to in the config; null when the operator chooses one. */
      fixedCounter: idSchema.nullable(),
      /** Where this terminal is logged in now; null when it is not. */
      counter: counterStateSchema.nullable(),
    }),
    readOnly: true,
  },
  'operator.counters': {
    roles: ['counter'],
    args: z.object({ username: z.string().min(1).max(64) }).strict(),
    /** The counters the operator may work at; every counter for an unknown username (no hint that it exists). */
    result: z.object({ counters: z.array(idSchema) }),
    readOnly: true,
  },
  'counter.waiting': { roles: ['counter'], args: empty, result: counterLineSchema, readOnly: true },
  /** What the transfer dialog offers, for the ticket at this counter now. */
  'counter.transferOptions': { roles: ['counter'], args: empty, result: transferOptionsSchema, readOnly: true },
  'operator.today': { roles: ['counter'], args: empty, result: operatorTodaySchema, readOnly: true },
  /** Today's cases in assignment order: a registrar's own from a counter terminal; from an admin device all, or one registrar's. */
  'case.list': {
    roles: ['counter', 'admin'],
    args: z.object({ registrar: idSchema.optional() }).strict(),
    result: z.object({ cases: z.array(backOfficeCaseSchema), at: z.number().int().nonnegative() }),
    readOnly: true,
  },
} as const satisfies Record<string, { roles: readonly DeviceRole[]; args: z.ZodType; result: z.ZodType; readOnly?: true }>;

export type CommandName = keyof typeof commandSchemas;
export const commandNames = Object.keys(commandSchemas) as CommandName[];
export type CommandArgs<C extends CommandName> = z.input<(typeof commandSchemas)[C]['args']>;
export type ParsedCommandArgs<C extends CommandName> = z.output<(typeof commandSchemas)[C]['args']>;
export type CommandResult<C extends CommandName> = z.output<(typeof commandSchemas)[C]['result']>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commandSchemas, name);
}

/** A query that changes nothing: the hub neither records its answer nor publishes anything for it. */
export function isReadOnly(name: CommandName): boolean {
  return 'readOnly' in commandSchemas[name];
}

/** The request as published on `vikno/v1/<site>/cmd/<device>/<command>`. */
export const commandRequestSchema = z.object({
  id: commandIdSchema,
  /** Must be under the sender's own reply topic: `vikno/v1/<site>/reply/<device>/…`. */
  replyTo: z.string().min(1),
  args: z.unknown().default({}),
});
export type CommandRequest = z.input<typeof commandRequestSchema>;

export const errorCodes = [
  'bad_request',
  'forbidden',
  'not_logged_in',
  'wrong_pin',
  'pin_locked',
  'unknown_service',
  'unknown_counter',
  'unknown_operator',
  'unknown_ticket',
  'unknown_appointment',
  'unknown_priority',
  'unknown_outcome',
  'queue_empty',
  'no_current_ticket',
  'has_current_ticket',
  'already_called',
  'counter_busy',
  'counter_closed',
  'counter_not_allowed',
  'not_serving_service',
  'appointment_used',
  'slot_unavailable',
  'slot_full',
  'already_booked',
  'bad_phone',
  'not_finished',
  'feedback_given',
  'unknown_case',
  'case_ready',
  'rate_limited',
  'service_closed',
  'day_full',
  'auto_call_unavailable',
  'no_other_window',
  'internal',
] as const;
export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** Facts an app needs to explain a refusal in its own words (`service_closed`: when tickets are issued again). */
export const errorParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type ErrorParams = z.infer<typeof errorParamsSchema>;

export const commandErrorSchema = z.object({ code: errorCodeSchema, message: z.string(), params: errorParamsSchema.optional() });
export type CommandErrorBody = z.infer<typeof commandErrorSchema>;

export const replySchema = z.discriminatedUnion('ok', [
  z.object({ id: z.string(), ok: z.literal(true), data: z.unknown() }),
  z.object({ id: z.string(), ok: z.literal(false), error: commandErrorSchema }),
]);
export type Reply = z.infer<typeof replySchema>;

/** A refused command, carrying the hub's code so that apps can show the catalog's words for it. */
export class CommandError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.name = 'CommandError';
  }
}
