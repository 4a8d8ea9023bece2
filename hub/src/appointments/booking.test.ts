import type { Config, Device } from '@vikno/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineError, QueueEngine } from '../engine/engine.js';
import { centre, MINUTE } from '../engine/test-fixtures.js';
import { decide } from '../service/commands.js';
import { Store } from '../store/store.js';
import { tempDbFile } from '../store/test-fixtures.js';
import { type BookingRequest, book, bookableDays, freeSlots, slotStarts } from './booking.js';
import { addDays, wallTime, weekdayOf, zonedInstant } from './hours.js';
import { normalizePhone } from './phone.js';

const TZ = 'Europe/Kyiv';
const MONDAY = '2026-11-23';
const at = (day: string, hhmm: string) => zonedInstant(day, hhmm, TZ);

const config: Config = {
  ...centre(),
  site: {
    ...centre().site,
    businessHours: {
      mon: [
        ['08:00', '12:00'],
        ['13:00', '17:00'],
      ],
      sat: [['09:00', '13:00']],
    },
  },
  appointments: { slotMinutes: 15, capacityPerSlot: 2, daysAhead: 14, services: ['passport'], publicBookingsPerHour: 10 },
};

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof EngineError) return error.code;
    throw error;
  }
  throw new Error('not refused');
}

describe('wall-clock times in the site zone', () => {
  it('converts local times to instants across a DST change', () => {
    expect(new Date(at(MONDAY, '08:00')).toISOString()).toBe('2026-11-23T06:00:00.000Z');
    // Summer time in Kyiv (UTC+3) starts on 2026-03-29.
    expect(new Date(at('2026-03-28', '09:00')).toISOString()).toBe('2026-03-28T07:00:00.000Z');
    expect(new Date(at('2026-03-30', '09:00')).toISOString()).toBe('2026-03-30T06:00:00.000Z');
    expect(wallTime(at('2026-03-30', '09:15'), TZ)).toBe('09:15');
    expect(weekdayOf(MONDAY)).toBe('mon');
    expect(weekdayOf('2026-11-29')).toBe('sun');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('slots', () => {
  it('fill the opening intervals and skip the closed days', () => {
    const monday = slotStarts(config, MONDAY);
    expect(monday).toHaveLength(32);
    expect(monday.map((s) => wallTime(s, TZ)).slice(14, 18)).toEqual(['11:30', '11:45', '13:00', '13:15']);
    expect(slotStarts(config, '2026-11-28')).toHaveLength(16);
    expect(slotStarts(config, '2026-11-29')).toEqual([]);
  });

  it('bookable days: from today (while a slot is ahead) to daysAhead, open days only', () => {
    expect(bookableDays(config, at(MONDAY, '10:00'))).toEqual([MONDAY, '2026-11-28', '2026-11-30', '2026-12-05', '2026-12-07']);
    expect(bookableDays(config, at(MONDAY, '16:50'))[0]).toBe('2026-11-28');
  });
});

describe('booking rules', () => {
  let store: Store;
  let remove: () => void;
  const now = at(MONDAY, '10:00');
  beforeEach(() => {
    const f = tempDbFile();
    remove = f.remove;
    store = new Store(f.file);
  });
  afterEach(() => {
    store.close();
    remove();
  });

  const request = (over: Partial<BookingRequest> = {}): BookingRequest => ({
    service: 'passport',
    at: at(MONDAY, '10:30'),
    phone: '+380 67 123 45 67',
    channel: 'public',
    ...over,
  });
  const commit = (req: BookingRequest, when = now) => {
    const d = book(config, store, req, when);
    store.commit({ events: [], tickets: [], appointments: d.appointments });
    return d.result().appointment;
  };

  it('takes capacityPerSlot bookings of a slot, then refuses and stops offering it', () => {
    commit(request({ phone: '0671111111' }));
    expect(freeSlots(config, store, 'passport', MONDAY, now).find((s) => s.at === request().at)?.free).toBe(1);
    commit(request({ phone: '0672222222' }));
    expect(refusal(() => book(config, store, request({ phone: '0673333333' }), now))).toBe('slot_full');
    expect(freeSlots(config, store, 'passport', MONDAY, now).find((s) => s.at === request().at)?.free).toBe(0);
    // Staff are held to the same capacity.
    expect(refusal(() => book(config, store, request({ phone: undefined, channel: 'staff' }), now))).toBe('slot_full');
    // Another service's bookings do not count against it.
    commit(request({ service: 'pension', phone: undefined, channel: 'staff' }));
  });

  it('one booking per phone number per service per day, whatever the number is written like', () => {
    commit(request({ phone: '+380 67 123 45 67' }));
    expect(refusal(() => book(config, store, request({ at: at(MONDAY, '14:00'), phone: '067-123-45-67' }), now))).toBe('already_booked');
    expect(refusal(() => book(config, store, request({ at: at(MONDAY, '14:00'), phone: '380671234567', channel: 'staff' }), now))).toBe(
      'already_booked',
    );
    // Another service the same day, or the same service another day, is fine.
    commit(request({ service: 'pension', at: at(MONDAY, '14:00'), channel: 'staff' }));
    commit(request({ at: at('2026-11-28', '09:00') }));
  });

  it('stores the phone number only as a keyed hash', () => {
    const a = commit(request());
    const row = (store as unknown as { db: import('better-sqlite3').Database }).db
      .prepare<[string], { phone_hash: string }>('SELECT phone_hash FROM appointments WHERE id = ?')
      .get(a.id);
    expect(row?.phone_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.phone_hash).not.toContain('671234567');
  });

  it('refuses times in the past, off the slot grid, outside the hours or too far ahead', () => {
    expect(refusal(() => book(config, store, request({ at: at(MONDAY, '09:45') }), now))).toBe('slot_unavailable');
    expect(refusal(() => book(config, store, request({ at: at(MONDAY, '10:00') }), now))).toBe('slot_unavailable');
    expect(refusal(() => book(config, store, request({ at: at(MONDAY, '10:20') }), now))).toBe('slot_unavailable');
    expect(refusal(() => book(config, store, request({ at: at(MONDAY, '12:15') }), now))).toBe('slot_unavailable');
    expect(refusal(() => book(config, store, request({ at: at(MONDAY, '16:45') + 15 * MINUTE }), now))).toBe('slot_unavailable');
    expect(refusal(() => book(config, store, request({ at: at('2026-11-29', '10:00') }), now))).toBe('slot_unavailable');
    expect(refusal(() => book(config, store, request({ at: at('2026-12-12', '09:00') }), now))).toBe('slot_unavailable');
    expect(() => book(config, store, request({ at: at('2026-12-05', '09:00') }), now)).not.toThrow();
  });

  it('the public page needs a phone number and one of the listed services; staff need neither', () => {
    expect(refusal(() => book(config, store, request({ phone: undefined }), now))).toBe('bad_phone');
    expect(refusal(() => book(config, store, request({ phone: 'call me' }), now))).toBe('bad_phone');
    expect(refusal(() => book(config, store, request({ service: 'pension' }), now))).toBe('unknown_service');
    expect(refusal(() => book(config, store, request({ service: 'nope', channel: 'staff' }), now))).toBe('unknown_service');
    expect(() => book(config, store, request({ service: 'pension', phone: undefined, channel: 'staff' }), now)).not.toThrow();
  });

  it('appointment.book from a staff device goes through the same rules', () => {
    const engine = new QueueEngine(config, () => now);
    const admin: Device = { id: 'admin-1', role: 'admin', secretHash: '' };
    const args = { service: 'passport', at: new Date(at(MONDAY, '11:00')).toISOString(), phone: '0501234567' };
    const first = decide(engine, store, config, admin, 'appointment.book', args, {});
    store.commit({ events: [], tickets: [], appointments: first.appointments });
    expect(
      refusal(() =>
        decide(engine, store, config, admin, 'appointment.book', { ...args, at: new Date(at(MONDAY, '11:15')).toISOString() }, {}),
      ),
    ).toBe('already_booked');
    expect(
      refusal(() =>
        decide(engine, store, config, admin, 'appointment.book', { ...args, at: new Date(at(MONDAY, '11:05')).toISOString() }, {}),
      ),
    ).toBe('slot_unavailable');
  });

  it('a visitor checking in later than the tolerance joins the live queue; on time keeps the appointment', () => {
    const kiosk: Device = { id: 'kiosk-1', role: 'kiosk', secretHash: '' };
    const onTime = commit(request({ phone: '0671111111' }));
    const late = commit(request({ phone: '0672222222' }));
    const checkIn = (code: string, when: number) => {
      const engine = new QueueEngine(config, () => when);
      const d = decide(engine, store, config, kiosk, 'ticket.issue', { appointmentCode: code, language: 'uk' }, {});
      engine.apply(d.events);
      return (d.result() as { ticket: { appointmentAt: number | null; appointmentId: string | null; channel: string } }).ticket;
    };
    const tolerance = config.queue.appointmentToleranceMinutes * MINUTE;
    expect(checkIn(onTime.code, onTime.at + tolerance)).toMatchObject({
      appointmentAt: onTime.at,
      appointmentId: onTime.id,
      channel: 'appointment',
    });
    expect(checkIn(late.code, late.at + tolerance + MINUTE)).toMatchObject({
      appointmentAt: null,
      appointmentId: late.id,
      channel: 'appointment',
    });
  });
});

describe('phone numbers', () => {
  it('normalizes Ukrainian and international forms and refuses what is not a number', () => {
    expect(normalizePhone('+380 (67) 123-45-67')).toBe('380671234567');
    expect(normalizePhone('067 123 45 67')).toBe('380671234567');
    expect(normalizePhone('00380671234567')).toBe('380671234567');
    expect(normalizePhone('+36 1 234 5678')).toBe('3612345678');
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('067 CALL ME')).toBeNull();
  });
});
