// The booking rules, in one place for the public /book page and for staff booking a caller
// (`appointment.book`): a slot within the business hours, not in the past and at most `daysAhead`
// days ahead; at most `capacityPerSlot` bookings of a service per slot; one booking per phone number
// per service per day.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Appointment, Config } from '@vikno/shared';
import { dayOf } from '../engine/day.js';
import type { Decision } from '../engine/decision.js';
import { EngineError } from '../engine/engine.js';
import type { Store } from '../store/store.js';
import { addDays, hoursOf, wallTime, zonedInstant } from './hours.js';
import { hashPhone, normalizePhone } from './phone.js';

export interface Slot {
  at: number;
  /** `HH:MM` in the site's zone. */
  time: string;
  /** Bookings it still takes. */
  free: number;
}

export interface BookingRequest {
  service: string;
  at: number;
  /** Required on the public page, optional for staff. */
  phone?: string | undefined;
  /** The public page offers only the services the config lists. */
  channel: 'public' | 'staff';
}

/** Every slot start of a day within its opening intervals. */
export function slotStarts(config: Config, day: string): number[] {
  const step = config.appointments.slotMinutes * 60_000;
  const starts: number[] = [];
  for (const [open, close] of hoursOf(config, day)) {
    const end = zonedInstant(day, close, config.site.timezone);
    for (let at = zonedInstant(day, open, config.site.timezone); at + step <= end; at += step) starts.push(at);
  }
  return starts;
}

/** Days from today to `daysAhead` days on that the centre is open. */
export function bookableDays(config: Config, now: number): string[] {
  const today = dayOf(now, config.site.timezone);
  const days: string[] = [];
  for (let i = 0; i <= config.appointments.daysAhead; i++) {
    const day = addDays(today, i);
    if (slotStarts(config, day).some((at) => at > now)) days.push(day);
  }
  return days;
}

/** The slots of a day still ahead of `now`, each with the bookings it still takes. */
export function freeSlots(config: Config, store: Store, service: string, day: string, now: number): Slot[] {
  const starts = slotStarts(config, day).filter((at) => at > now);
  if (!starts.length || !withinDaysAhead(config, day, now)) return [];
  const taken = store.bookingsPerSlot(service, starts[0]!, starts.at(-1)! + 1);
  return starts.map((at) => ({
    at,
    time: wallTime(at, config.site.timezone),
    free: Math.max(0, config.appointments.capacityPerSlot - (taken.get(at) ?? 0)),
  }));
}

// Letters and digits a visitor cannot confuse when typing the code (no 0/O, 1/I/L).
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Checks a booking against every rule and decides it; throws the EngineError of the first rule broken. */
export function book(config: Config, store: Store, req: BookingRequest, now: number): Decision<{ appointment: Appointment }> {
  const service = config.services.find((s) => s.id === req.service);
  if (!service || (req.channel === 'public' && !config.appointments.services.includes(service.id)))
    throw new EngineError('unknown_service', `service "${req.service}" cannot be booked`);
  const tz = config.site.timezone;
  const day = dayOf(req.at, tz);
  if (!slotStarts(config, day).includes(req.at))
    throw new EngineError(
      'slot_unavailable',
      `${day} ${wallTime(req.at, tz)} is not a ${config.appointments.slotMinutes}-minute slot within the opening hours`,
    );
  if (req.at <= now) throw new EngineError('slot_unavailable', 'this time has already passed');
  if (!withinDaysAhead(config, day, now))
    throw new EngineError('slot_unavailable', `visits can be booked at most ${config.appointments.daysAhead} days ahead`);
  if ((store.bookingsPerSlot(service.id, req.at, req.at + 1).get(req.at) ?? 0) >= config.appointments.capacityPerSlot)
    throw new EngineError('slot_full', `${day} ${wallTime(req.at, tz)} is fully booked`);

  let phoneHash: string | null = null;
  if (req.phone !== undefined) {
    const phone = normalizePhone(req.phone);
    if (!phone) throw new EngineError('bad_phone', 'that does not look like a phone number');
    phoneHash = hashPhone(phone, store.secret('phone'));
    const from = zonedInstant(day, '00:00', tz);
    const to = zonedInstant(addDays(day, 1), '00:00', tz);
    if (store.bookingsOfPhone(phoneHash, service.id, from, to) > 0)
      throw new EngineError('already_booked', `this phone number already has a booking for this service on ${day}`);
  } else if (req.channel === 'public') {
    throw new EngineError('bad_phone', 'a phone number is needed to book');
  }

  let code: string;
  do {
    code = [...randomBytes(8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  } while (store.appointmentByCode(code));
  const appointment: Appointment = { id: randomUUID(), code, service: service.id, at: req.at, status: 'booked', ticketId: null };
  return { events: [], appointments: [{ ...appointment, phoneHash }], result: () => ({ appointment }) };
}

function withinDaysAhead(config: Config, day: string, now: number): boolean {
  return day <= addDays(dayOf(now, config.site.timezone), config.appointments.daysAhead);
}
