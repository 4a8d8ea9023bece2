import type { Config } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../appointments/hours.js';
import { centre, harness, refusal } from './test-fixtures.js';

const MONDAY = '2026-11-23';
const at = (hhmm: string, day = MONDAY) => zonedInstant(day, hhmm, 'Europe/Kyiv');

/** Monday 08:00–12:00 and 13:00–17:00, Saturday 09:00–13:00; tickets from 15 minutes before each opening. */
function hoursCentre(): Config {
  const c = centre();
  return {
    ...c,
    site: {
      ...c.site,
      businessHours: {
        mon: [
          ['08:00', '12:00'],
          ['13:00', '17:00'],
        ],
        sat: [['09:00', '13:00']],
      },
    },
    // passport keeps the default last ticket (its 10-minute average); pension's is 30 minutes before closing.
    services: c.services.map((s) => (s.id === 'pension' ? { ...s, lastTicketMinutesBeforeClosing: 30 } : s)),
    kiosk: { ...c.kiosk, ticketsBeforeOpeningMinutes: 15 },
    appointments: { ...c.appointments, services: ['passport'] },
  };
}

describe('opening hours at the kiosk', () => {
  it('issues from the early window before each opening until closing, and /status says the same', () => {
    const h = harness(hoursCentre(), at('07:44'));
    const closed = refusal(() => h.issue('passport'));
    expect(closed.code).toBe('service_closed');
    expect(closed.params).toEqual({
      service: 'passport',
      bookable: true,
      day: MONDAY,
      weekday: 'mon',
      opens: '08:00',
      ticketsFrom: '07:45',
      opensToday: true,
    });
    expect(h.engine.opening()).toEqual({
      openNow: false,
      ticketsNow: false,
      closesAt: null,
      next: { day: MONDAY, weekday: 'mon', opens: '08:00', ticketsFrom: '07:45' },
    });
    expect(h.engine.serviceTickets('passport')).toEqual({ tickets: 'closed', lastTicketAt: '16:50' });

    // Before the opening, in the early window: tickets, while the centre is still closed.
    h.now = at('07:45');
    expect(h.issue('passport').number).toBe('A-001');
    expect(h.engine.opening()).toMatchObject({ openNow: false, ticketsNow: true, next: { opens: '08:00', ticketsFrom: '07:45' } });
    expect(h.engine.serviceTickets('passport').tickets).toBe('open');

    h.now = at('08:00');
    expect(h.engine.opening()).toEqual({ openNow: true, ticketsNow: true, closesAt: '12:00', next: null });

    // The lunch break closes the kiosk until its own early window.
    h.now = at('12:30');
    expect(refusal(() => h.issue('pension')).params).toMatchObject({
      service: 'pension',
      bookable: false,
      opens: '13:00',
      ticketsFrom: '12:45',
    });
    expect(h.engine.opening()).toMatchObject({ openNow: false, ticketsNow: false, next: { opens: '13:00' } });
    h.now = at('12:45');
    expect(h.issue('pension').number).toBe('B-001');

    // After closing: the next opening is Saturday's.
    h.now = at('17:00');
    expect(refusal(() => h.issue('passport')).params).toMatchObject({
      day: '2026-11-28',
      weekday: 'sat',
      opens: '09:00',
      ticketsFrom: '08:45',
      opensToday: false,
    });
    expect(h.engine.opening()).toMatchObject({ openNow: false, ticketsNow: false, next: { day: '2026-11-28', opens: '09:00' } });
  });

  it('gives each service its last ticket: closing minus its average service time, or as configured', () => {
    const h = harness(hoursCentre(), at('16:29'));
    expect(h.issue('pension').number).toBe('B-001');
    expect(h.engine.serviceTickets('pension')).toEqual({ tickets: 'open', lastTicketAt: '16:30' });
    h.now = at('16:30');
    const full = refusal(() => h.issue('pension'));
    expect(full.code).toBe('day_full');
    expect(full.params).toEqual({ service: 'pension', bookable: false, reason: 'last_ticket', lastTicketAt: '16:30' });
    expect(h.engine.serviceTickets('pension')).toEqual({ tickets: 'full', lastTicketAt: '16:30' });
    // passport (10 minutes on average) still takes visitors until 16:50.
    h.now = at('16:49');
    expect(h.issue('passport').number).toBe('A-001');
    h.now = at('16:50');
    expect(refusal(() => h.issue('passport')).params).toMatchObject({ reason: 'last_ticket', lastTicketAt: '16:50', bookable: true });
    // The centre is still open: only the services are full.
    expect(h.engine.opening()).toMatchObject({ openNow: true, ticketsNow: true, closesAt: '17:00' });
  });

  it('is full when the waiting line needs more of its windows’ time than today has left', () => {
    // From 16:00, an hour is left: at window 2, the only one staffed for passport, six 10-minute visits.
    const h = harness(hoursCentre(), at('16:00'));
    h.login('k2');
    for (let i = 0; i < 5; i++) h.issue('passport');
    expect(h.engine.serviceTickets('passport').tickets).toBe('open');
    h.issue('passport');
    const full = refusal(() => h.issue('passport'));
    expect(full.code).toBe('day_full');
    expect(full.params).toMatchObject({ reason: 'capacity', service: 'passport' });
    expect(h.engine.serviceTickets('passport').tickets).toBe('full');
    // A second window serving passport opens: twice the time left, room again.
    h.login('k1');
    expect(h.issue('passport').number).toBe('A-007');
    // A paused window comes back today: it still counts.
    h.run(h.engine.pause('k1', 'break'));
    expect(h.issue('passport').number).toBe('A-008');
    // Closed, or signed out, it does not.
    h.run(h.engine.resume('k1'));
    h.run(h.engine.close('k1'));
    expect(refusal(() => h.issue('passport')).params).toMatchObject({ reason: 'capacity' });
    h.run(h.engine.open('k1'));
    expect(h.issue('passport').number).toBe('A-009');
    h.run(h.engine.logout('k1'));
    expect(refusal(() => h.issue('passport')).params).toMatchObject({ reason: 'capacity' });
  });

  it('counts the time left across the lunch break, and every window that serves the service before anyone is staffed', () => {
    // 11:00: an hour before lunch and four after = 300 minutes at each of passport's 3 windows (none staffed yet).
    const h = harness(hoursCentre(), at('11:00'));
    for (let i = 0; i < 89; i++) h.issue('passport');
    expect(h.issue('passport').number).toBe('A-090');
    expect(refusal(() => h.issue('passport')).params).toMatchObject({ reason: 'capacity' });
  });

  it('never refuses staff, checked-in appointments or a centre that publishes no hours', () => {
    const h = harness(hoursCentre(), at('17:30'));
    expect(refusal(() => h.issue('passport')).code).toBe('service_closed');
    expect(h.issue('passport', { channel: 'operator' }).number).toBe('A-001');
    expect(h.issue('passport', { channel: 'appointment', appointment: { id: 'apt-1', at: at('16:45') } }).number).toBe('A-002');
    expect(refusal(() => h.issue('passport', { channel: 'web' })).code).toBe('service_closed');

    const always = harness(centre(), at('03:00', '2026-11-29'));
    expect(always.issue('passport').number).toBe('A-001');
    expect(always.engine.opening()).toEqual({ openNow: true, ticketsNow: true, closesAt: null, next: null });
    expect(always.engine.serviceTickets('passport')).toEqual({ tickets: 'open', lastTicketAt: null });
  });
});
