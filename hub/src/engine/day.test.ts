// Calendar days in the site zone (day.ts) and the engine's day rollover.
import { daySchema } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { dayBounds, dayOf } from './day.js';
import { EngineError, QueueEngine } from './engine.js';
import { harness, MORNING, snapshot } from './test-fixtures.js';

describe('dayOf', () => {
  it('uses the site time zone, not UTC', () => {
    expect(dayOf(Date.parse('2026-11-22T22:30:00Z'), 'Europe/Kyiv')).toBe('2026-11-23');
    expect(dayOf(Date.parse('2026-11-22T22:30:00Z'), 'UTC')).toBe('2026-11-22');
    expect(dayOf(Date.parse('2026-11-23T03:00:00Z'), 'America/New_York')).toBe('2026-11-22');
  });

  it('turns at local midnight, in winter (UTC+2) and in summer (UTC+3)', () => {
    expect(dayOf(Date.parse('2026-11-22T21:59:59.999Z'), 'Europe/Kyiv')).toBe('2026-11-22');
    expect(dayOf(Date.parse('2026-11-22T22:00:00Z'), 'Europe/Kyiv')).toBe('2026-11-23');
    expect(dayOf(Date.parse('2026-07-22T20:59:59.999Z'), 'Europe/Kyiv')).toBe('2026-07-22');
    expect(dayOf(Date.parse('2026-07-22T21:00:00Z'), 'Europe/Kyiv')).toBe('2026-07-23');
  });

  it('formats as YYYY-MM-DD with leading zeros', () => {
    const day = dayOf(Date.parse('2026-01-05T10:00:00Z'), 'Europe/Kyiv');
    expect(day).toBe('2026-01-05');
    expect(daySchema.safeParse(day).success).toBe(true);
    expect(dayOf(Date.parse('2026-12-31T22:00:00Z'), 'Europe/Kyiv')).toBe('2027-01-01');
  });
});

describe('dayBounds', () => {
  const kyiv = (iso: string) => dayBounds(Date.parse(iso), 'Europe/Kyiv');
  const hours = (b: { start: number; end: number }) => (b.end - b.start) / 3_600_000;

  it('spans local midnight to local midnight, to the millisecond', () => {
    const b = kyiv('2026-11-23T10:00:00Z');
    expect(b).toEqual({ start: Date.parse('2026-11-22T22:00:00Z'), end: Date.parse('2026-11-23T22:00:00Z') });
    expect(dayOf(b.start, 'Europe/Kyiv')).toBe('2026-11-23');
    expect(dayOf(b.start - 1, 'Europe/Kyiv')).toBe('2026-11-22');
    expect(dayOf(b.end - 1, 'Europe/Kyiv')).toBe('2026-11-23');
    expect(dayOf(b.end, 'Europe/Kyiv')).toBe('2026-11-24');
    // From its first and its last millisecond alike.
    expect(dayBounds(b.start, 'Europe/Kyiv')).toEqual(b);
    expect(dayBounds(b.end - 1, 'Europe/Kyiv')).toEqual(b);
  });

  it('is 23 hours on the day clocks go forward and 25 on the day they go back', () => {
    expect(hours(kyiv('2026-03-29T12:00:00Z'))).toBe(23);
    expect(hours(kyiv('2026-10-25T12:00:00Z'))).toBe(25);
    expect(hours(dayBounds(Date.parse('2026-11-01T12:00:00Z'), 'America/New_York'))).toBe(25);
    expect(hours(dayBounds(Date.parse('2026-11-23T12:00:00Z'), 'UTC'))).toBe(24);
  });
});

/** 2026-11-23 19:00 in Kyiv. */
const EVENING = Date.parse('2026-11-23T17:00:00Z');
/** 2026-11-24 00:05 in Kyiv. */
const AFTER_MIDNIGHT = Date.parse('2026-11-23T22:05:00Z');

/** An evening with a ticket in every state: waiting, called, serving, parked, finished, no-show. */
function evening() {
  const h = harness(undefined, EVENING);
  const ids = {
    finished: h.issue('passport').id,
    noShow: h.issue('passport').id,
    called: h.issue('passport').id,
    serving: h.issue('passport').id,
    parked: h.issue('pension').id, // B-001
    waiting: h.issue('pension').id, // B-002
  };
  h.login('k1', 'alice');
  h.login('k2', 'bob');
  h.login('k3', 'carol');
  h.run(h.engine.callTicket('k1', ids.finished));
  h.advance(5);
  h.finish('k1');
  h.run(h.engine.callTicket('k1', ids.noShow));
  h.run(h.engine.noShow('k1'));
  h.run(h.engine.callTicket('k1', ids.called));
  h.run(h.engine.callTicket('k2', ids.serving));
  h.run(h.engine.start('k2'));
  h.run(h.engine.callTicket('k3', ids.parked));
  h.run(h.engine.park('k3'));
  return { h, ids };
}

describe('day rollover', () => {
  it('dayIsOver turns true at local midnight', () => {
    const { h } = evening();
    expect(h.engine.dayIsOver()).toBe(false);
    h.now = Date.parse('2026-11-23T21:59:59Z');
    expect(h.engine.dayIsOver()).toBe(false);
    h.now = Date.parse('2026-11-23T22:00:00Z');
    expect(h.engine.dayIsOver()).toBe(true);
    // A clock set back into the day before is not the state's day either.
    h.now = Date.parse('2026-11-22T21:59:59.999Z');
    expect(h.engine.dayIsOver()).toBe(true);
    h.now = Date.parse('2026-11-22T22:00:00Z');
    expect(h.engine.dayIsOver()).toBe(false);
  });

  it('an engine holding a day the clock has left says so from its first question', () => {
    const h = harness(undefined, EVENING);
    const late = new QueueEngine(h.config, () => AFTER_MIDNIGHT, '2026-11-23');
    expect(late.dayIsOver()).toBe(true);
  });

  it('until the rollover, the engine keeps dating events with its own day', () => {
    const { h } = evening();
    h.now = AFTER_MIDNIGHT;
    const t = h.issue('passport');
    expect(t).toMatchObject({ day: '2026-11-23', number: 'A-005', id: '2026-11-23:A-005' });
  });

  it('closeDay expires every open ticket, logs out every operator and closes the day, dated the old day', () => {
    const { h, ids } = evening();
    h.now = AFTER_MIDNIGHT;
    const before = snapshot(h.engine);
    const events = h.engine.closeDay();
    // Deciding changes nothing.
    expect(snapshot(h.engine)).toEqual(before);
    const expired = events.filter((e) => e.type === 'ticket.expired').map((e) => ('ticketId' in e ? e.ticketId : ''));
    expect(expired.sort()).toEqual([ids.called, ids.serving, ids.parked, ids.waiting].sort());
    const loggedOut = events.flatMap((e) => (e.type === 'counter.loggedOut' ? [[e.counter, e.operator]] : []));
    expect(loggedOut).toEqual([
      ['k1', 'alice'],
      ['k2', 'bob'],
      ['k3', 'carol'],
    ]);
    expect(events).toHaveLength(8);
    expect(events.at(-1)?.type).toBe('day.closed');
    for (const e of events) expect(e).toMatchObject({ day: '2026-11-23', at: AFTER_MIDNIGHT });

    h.run(events);
    for (const id of [ids.called, ids.serving, ids.parked, ids.waiting]) expect(h.engine.ticket(id).status).toBe('expired');
    expect(h.engine.ticket(ids.finished).status).toBe('finished');
    expect(h.engine.ticket(ids.noShow).status).toBe('no_show');
    for (const s of h.config.services)
      expect(h.engine.queueSummary(s.id)).toMatchObject({ waiting: 0, oldestQueuedAt: null, openCounters: 0 });
    for (const k of h.engine.counterIds()) {
      // A closed day leaves no counter holding a ticket or a parked list.
      expect(h.engine.counterState(k), k).toMatchObject({ status: 'closed', operator: null, device: null, ticket: null, parked: [] });
    }
    // A closed day has nothing left to close.
    expect(h.engine.closeDay()).toEqual([]);
  });

  it('startDay begins a fresh day: numbers restart at 001, the day changes, yesterday is gone', () => {
    const { h, ids } = evening();
    h.now = AFTER_MIDNIGHT;
    h.run(h.engine.closeDay());
    h.engine.startDay();
    expect(h.engine.day).toBe('2026-11-24');
    expect(h.engine.dayIsOver()).toBe(false);
    expect(h.engine.recentCalls()).toEqual([]);
    expect(() => h.engine.ticket(ids.waiting)).toThrow(EngineError);
    expect(h.engine.ticketByToken('token-6')).toBeUndefined();
    for (const k of h.engine.counterIds())
      expect(h.engine.counterState(k)).toMatchObject({ status: 'closed', operator: null, ticket: null, parked: [] });

    const a = h.issue('passport');
    const b = h.issue('pension');
    expect(a).toMatchObject({ number: 'A-001', id: '2026-11-24:A-001', day: '2026-11-24' });
    expect(b.number).toBe('B-001');
    expect(h.engine.queueSummary('passport').waiting).toBe(1);
    // Yesterday's service times are forgotten: back to the configured average.
    expect(h.engine.estimateWait('passport', 1)).toBe(10);
    // Operators log in again and the day goes on.
    h.login('k1', 'alice');
    const events = h.engine.callNext('k1');
    expect(events[0]).toMatchObject({ day: '2026-11-24', ticketId: '2026-11-24:A-001' });
  });

  it('closeDay on a day with nothing open only closes it, once', () => {
    const h = harness();
    h.issue();
    h.login('k1');
    h.serveNext('k1');
    h.run(h.engine.logout('k1'));
    expect(h.engine.closeDay()).toEqual([{ type: 'day.closed', at: MORNING, day: '2026-11-23' }]);
    h.run(h.engine.closeDay());
    expect(h.engine.closeDay()).toEqual([]);
  });

  it('a missed day is closed by replaying it into an engine made for that day', () => {
    const { h } = evening();
    // The hub was down over midnight; at start it rebuilds the old day, then closes it.
    const later = Date.parse('2026-11-25T08:00:00Z');
    const old = new QueueEngine(h.config, () => later, '2026-11-23');
    old.apply(JSON.parse(JSON.stringify(h.log)));
    expect(old.day).toBe('2026-11-23');
    const events = old.closeDay();
    expect(events).toHaveLength(8);
    for (const e of events) expect(e).toMatchObject({ day: '2026-11-23', at: later });
    old.apply(events);
    expect(old.closeDay()).toEqual([]);
  });

  it('the record of a closed day replays to the same closed state', () => {
    const { h } = evening();
    h.now = AFTER_MIDNIGHT;
    h.run(h.engine.closeDay());
    const fresh = new QueueEngine(h.config, h.clock, '2026-11-23');
    fresh.apply(JSON.parse(JSON.stringify(h.log)));
    expect(snapshot(fresh)).toEqual(snapshot(h.engine));
  });

  it('the next day starts the interleave afresh', () => {
    const h = harness(undefined, EVENING);
    h.issue('passport', { priority: 'veteran' });
    h.issue('passport');
    h.login('k2');
    expect(h.serveNext('k2')).toBe('A-001:priority');
    h.now = AFTER_MIDNIGHT;
    h.run(h.engine.closeDay());
    h.engine.startDay();
    h.advance(8 * 60);
    h.issue('passport', { priority: 'veteran' });
    h.issue('passport');
    h.login('k2');
    // A fresh cycle starts at the priority turn again.
    expect(h.serveNext('k2')).toBe('A-001:priority');
    expect(h.serveNext('k2')).toBe('A-002:normal');
  });
});
