// Waits and positions a visitor is told (estimate.ts), through the engine with its injected clock.
import type { Ticket } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { expectedVisitMs, PRIOR_VISITS, remainingMs } from './estimate.js';
import { centre, type Harness, harness, MINUTE, MORNING } from './test-fixtures.js';

const P = { priority: 'veteran' } as const;

/** Three quick visits of 1 minute at window 2 (passport: 10 minutes configured), ending at 09:03. */
function afterQuickVisits(): Harness {
  const h = harness();
  for (let i = 0; i < 3; i++) h.issue();
  h.login('k2');
  for (let i = 0; i < 3; i++) {
    h.callNext('k2');
    h.advance(1);
    h.finish('k2');
  }
  return h;
}

describe('the wait told at issue', () => {
  it('2 ahead at 3 busy windows with a 10-minute average: about a visit, not the minute a few quick visits suggest', () => {
    const h = afterQuickVisits();
    h.login('k1');
    h.login('k4');
    // All three windows that serve passports take a visitor; two more wait; then one more comes.
    for (let i = 0; i < 5; i++) h.issue();
    for (const k of ['k1', 'k2', 'k4']) h.callNext(k);
    const t = h.issue();
    const e = h.engine.estimate(t.id)!;
    expect(e.ahead).toBe(2);
    // The three windows free up after about one visit (7.5 minutes: three 1-minute visits against
    // the configured 10); the two ahead take the first two, this ticket the third.
    expect(e.minutes).toBeGreaterThanOrEqual(6);
    expect(e.minutes).toBeLessThanOrEqual(10);
    expect(e.low).toBeLessThan(e.minutes);
    expect(e.high).toBeGreaterThan(e.minutes);
    // And a ticket issued after it, as /status and the kiosk's buttons say: another round of visits.
    expect(h.engine.queueSummary('passport').estimatedWaitMinutes).toBeGreaterThanOrEqual(12);
  });

  it('only working windows count: a paused window, or one whose operator left, does not call', () => {
    const h = harness();
    h.login('k1');
    h.login('k2');
    h.login('k4');
    for (let i = 0; i < 3; i++) h.issue();
    for (const k of ['k1', 'k2', 'k4']) h.callNext(k);
    h.advance(10);
    h.finish('k4');
    h.issue();
    h.issue();
    const t = h.issue(); // two ahead
    // Window 4 is free and takes A-004; windows 1 and 2 are past their visit's expected 10 minutes,
    // with half of it (5) still to go, and take.
    expect(h.engine.estimate(t.id)).toMatchObject({ ahead: 2, minutes: 5 });
    h.run(h.engine.pause('k4', 'tea'));
    expect(h.engine.queueSummary('passport').openCounters).toBe(2);
    // Two windows: take them in 5 minutes, A-006 waits for another visit there.
    expect(h.engine.estimate(t.id)).toMatchObject({ ahead: 2, minutes: 15 });
    h.run(h.engine.resume('k4'));
    expect(h.engine.estimate(t.id)).toMatchObject({ ahead: 2, minutes: 5 });
    h.run(h.engine.logout('k4'));
    expect(h.engine.estimate(t.id)).toMatchObject({ ahead: 2, minutes: 15 });
  });

  it('a priority ticket is told the tickets that are really called before it: none at a priority turn', () => {
    const h = harness();
    h.login('k2');
    h.issue();
    h.issue();
    const veteran = h.issue('passport', P);
    expect(h.engine.estimate(veteran.id)).toMatchObject({ ahead: 0, minutes: 0 });
    expect(h.callNext('k2').number).toBe('A-003');
    h.advance(10);
    h.finish('k2');
    // The interleave (1 priority per 2 normal) now owes two normal turns: a second veteran waits for both.
    const second = h.issue('passport', P);
    expect(h.engine.estimate(second.id)).toMatchObject({ ahead: 2, minutes: 20 });
  });

  it('counts what the window calls first by its weights, transfers and due appointments, whatever their service', () => {
    const h = harness();
    h.login('k4'); // passport weight 1, pension weight 5
    const passport = h.issue('passport');
    h.issue('pension'); // B-001
    h.issue('pension'); // B-002
    // Pension weighs more at window 4: both pension tickets go first, 6 minutes each.
    expect(h.engine.estimate(passport.id)).toMatchObject({ ahead: 2, minutes: 12 });
    // A due appointment goes before all of them.
    h.issue('passport', { channel: 'appointment', appointment: { id: 'ap-1', at: MORNING + 5 * MINUTE } });
    expect(h.engine.estimate(passport.id)).toMatchObject({ ahead: 3, minutes: 22 });
    // A ticket window 1 sends back to passport goes ahead too.
    h.login('k1');
    const sent = h.issue('passport');
    h.run(h.engine.callTicket('k1', sent.id));
    h.run(h.engine.transfer('k1', { service: 'passport' }));
    h.run(h.engine.logout('k1'));
    expect(h.engine.estimate(passport.id)).toMatchObject({ ahead: 4, minutes: 32 });
  });

  it('a ticket transferred to one window waits for that window alone', () => {
    const h = harness();
    h.login('k1');
    h.login('k2');
    h.issue();
    h.issue();
    const t = h.issue();
    h.run(h.engine.callTicket('k1', t.id));
    h.run(h.engine.transfer('k1', { counter: 'k2' }));
    // Window 1 is free and serves passports, but only window 2 may call A-003: first, as a returned ticket.
    expect(h.engine.estimate(t.id)).toMatchObject({ ahead: 0, minutes: 0 });
    h.callNext('k2');
    expect(h.engine.estimate('2026-11-23:A-001')).toMatchObject({ ahead: 0, minutes: 0 });
  });

  it('promises what then happens when nobody else comes and visits last as expected: the wait and the people ahead', () => {
    // Every window serves both services (with its own weights): the simulation leaves out windows that
    // do not serve a ticket's service, and here there are none to leave out.
    const both = (passport: number, pension: number) => [
      { service: 'passport', weight: passport },
      { service: 'pension', weight: pension },
    ];
    const h = harness(
      centre({}, [
        { id: 'k1', window: 1, zone: 'hall', services: both(1, 1) },
        { id: 'k2', window: 2, zone: 'hall', services: both(2, 1) },
        { id: 'k4', window: 4, zone: 'hall', services: both(1, 5) },
      ]),
    );
    h.login('k1');
    h.login('k2');
    h.login('k4');
    for (let i = 0; i < 12; i++) h.issue(i % 3 ? 'passport' : 'pension', i % 4 === 1 ? P : {});
    h.issue('passport', { channel: 'appointment', appointment: { id: 'ap-1', at: MORNING + 25 * MINUTE } });
    // Everyone has come: what each is told now is what the windows will do.
    const promised = new Map(
      ['passport', 'pension'].flatMap((s) => h.engine.waitingTickets(s)).map((t) => [t.id, h.engine.estimate(t.id)!] as const),
    );
    // Each window calls as soon as it is free, and every visit lasts exactly its service's configured
    // time, so the expected visit never moves.
    const calledAt = new Map<string, number>();
    const calls: string[] = [];
    const busyUntil = new Map(['k1', 'k2', 'k4'].map((k) => [k, MORNING]));
    while (true) {
      const [k, free] = [...busyUntil].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]!;
      h.now = free;
      if (h.engine.counterState(k).ticket) h.finish(k);
      if (!['passport', 'pension'].some((s) => h.engine.waitingTickets(s).length)) break;
      try {
        const c = h.callNext(k);
        calledAt.set(c.id, h.now);
        calls.push(c.id);
        busyUntil.set(k, h.now + (h.engine.ticket(c.id).service === 'passport' ? 10 : 6) * MINUTE);
      } catch {
        busyUntil.delete(k);
      }
    }
    expect(calledAt.size).toBe(promised.size);
    for (const [id, p] of promised) {
      expect(Math.round((calledAt.get(id)! - MORNING) / MINUTE), id).toBe(p.minutes);
      expect(calls.indexOf(id), id).toBe(p.ahead);
    }
  });
});

describe('a queue longer than the simulation plays', () => {
  it('is counted on from the tickets still before the ticket, at the pace played so far', () => {
    const h = harness();
    h.login('k2');
    const line: Ticket[] = [];
    for (let i = 0; i < 200; i++) {
      line.push(h.issue());
      h.advance(0.1);
    }
    // One window, one service, ten minutes a visit: beyond the calls played, the count goes on exactly.
    for (const at of [10, 100, 150, 199]) {
      expect(h.engine.estimate(line[at]!.id), `#${at}`).toMatchObject({ ahead: at, minutes: at * 10 });
    }
    expect(h.engine.queueSummary('passport').estimatedWaitMinutes).toBe(2000);
    const { low, high } = h.engine.estimate(line[150]!.id)!;
    expect(low).toBeLessThan(1500);
    expect(high).toBeGreaterThan(1500);
  });
});

describe('the expected visit', () => {
  it('blends the configured average with the visits seen, the average worth PRIOR_VISITS visits', () => {
    expect(expectedVisitMs(10, [])).toBe(10 * MINUTE);
    // Three 1-minute visits do not collapse a configured 10 minutes…
    expect(expectedVisitMs(10, [MINUTE, MINUTE, MINUTE]) / MINUTE).toBeCloseTo((PRIOR_VISITS * 10 + 3) / (PRIOR_VISITS + 3));
    expect(expectedVisitMs(10, [MINUTE, MINUTE, MINUTE])).toBeGreaterThan(7 * MINUTE);
    // …while twenty 20-minute visits outweigh it.
    expect(expectedVisitMs(10, Array(20).fill(20 * MINUTE))).toBeGreaterThan(17 * MINUTE);
  });

  it('a visit past its expected length still has half of it to go', () => {
    expect(remainingMs(10 * MINUTE, 0)).toBe(10 * MINUTE);
    expect(remainingMs(10 * MINUTE, 3 * MINUTE)).toBe(7 * MINUTE);
    expect(remainingMs(10 * MINUTE, 25 * MINUTE)).toBe(5 * MINUTE);
  });

  it('learns from visits from the call to the finish, the last estimateSampleSize of them; no-shows do not count', () => {
    const h = harness();
    for (let i = 0; i < 6; i++) h.issue();
    h.login('k2');
    for (const minutes of [20, 2, 4, 6]) {
      h.callNext('k2');
      h.advance(1);
      h.run(h.engine.start('k2'));
      h.advance(minutes - 1);
      h.finish('k2');
    }
    h.callNext('k2');
    h.advance(1);
    h.run(h.engine.noShow('k2'));
    // Sample size 3: 2, 4 and 6 minutes; the 20-minute visit has dropped out. One waits at window 2.
    const expected = expectedVisitMs(
      10,
      [2, 4, 6].map((m) => m * MINUTE),
    );
    expect(h.engine.queueSummary('passport').estimatedWaitMinutes).toBe(Math.round(expected / MINUTE));
  });
});

describe('the queue summary', () => {
  it('says how long a ticket issued now would wait, at the working windows', () => {
    const h = harness();
    expect(h.engine.queueSummary('passport')).toEqual({
      service: 'passport',
      waiting: 0,
      oldestQueuedAt: null,
      estimatedWaitMinutes: 0,
      estimatedWaitRange: { low: 0, high: 0 },
      openCounters: 0,
      at: MORNING,
    });
    h.issue();
    h.advance(1);
    h.issue();
    h.advance(1);
    h.issue();
    // Nobody works yet: as if the first window serving it opened now. Three 10-minute visits first.
    const summary = h.engine.queueSummary('passport');
    expect(summary).toMatchObject({ waiting: 3, oldestQueuedAt: MORNING, estimatedWaitMinutes: 30, openCounters: 0 });
    expect(summary.estimatedWaitRange.low).toBeLessThan(30);
    expect(summary.estimatedWaitRange.high).toBeGreaterThan(30);
    h.login('k2');
    expect(h.engine.queueSummary('passport')).toMatchObject({ openCounters: 1, estimatedWaitMinutes: 30 });
    h.login('k1');
    // Two windows take two at once, then the third and the newcomer after one visit.
    expect(h.engine.queueSummary('passport')).toMatchObject({ openCounters: 2, estimatedWaitMinutes: 10 });
    // A window that does not serve the service does not count.
    h.login('k3');
    expect(h.engine.queueSummary('passport').openCounters).toBe(2);
  });

  it('a service nobody waits for, at a busy window, still has a wait', () => {
    const h = harness();
    h.login('k2');
    h.issue();
    h.callNext('k2');
    h.advance(4);
    expect(h.engine.queueSummary('passport')).toMatchObject({ waiting: 0, estimatedWaitMinutes: 6 });
  });

  it('oldestQueuedAt follows a transferred ticket’s new queue time', () => {
    const h = harness();
    h.issue('passport');
    h.login('k1');
    h.callNext('k1');
    h.advance(10);
    h.run(h.engine.transfer('k1', { service: 'pension', evenIfNoOtherWindow: true }));
    expect(h.engine.queueSummary('pension')).toMatchObject({ waiting: 1, oldestQueuedAt: MORNING + 10 * MINUTE });
    expect(h.engine.queueSummary('passport')).toMatchObject({ waiting: 0, oldestQueuedAt: null });
  });

  it('an estimate leaves the lines as they were', () => {
    const h = harness(centre());
    h.login('k1');
    h.login('k4');
    const issued: Ticket[] = [];
    for (let i = 0; i < 8; i++) issued.push(h.issue(i % 2 ? 'pension' : 'passport', i % 3 ? {} : P));
    const before = ['passport', 'pension'].map((s) => h.engine.waitingTickets(s).map((t) => t.id));
    const next = h.engine.line('k1').next;
    for (const t of issued) h.engine.estimate(t.id);
    h.engine.queueSummary('passport');
    expect(['passport', 'pension'].map((s) => h.engine.waitingTickets(s).map((t) => t.id))).toEqual(before);
    expect(h.engine.line('k1').next).toBe(next);
  });
});

describe('a ticket transferred away', () => {
  it('waits for the other windows, not the free one that sent it', () => {
    const h = harness();
    h.issue('pension'); // B-001
    h.issue('pension'); // B-002
    h.login('k1');
    h.login('k3');
    h.callNext('k1'); // B-001
    h.callNext('k3'); // B-002: window 3 is busy for about 6 minutes
    h.run(h.engine.transfer('k1', { service: 'pension' }));
    // Window 1 is free but will not call it: window 3 will, once its visit ends.
    expect(h.engine.estimate('2026-11-23:B-001')).toMatchObject({ ahead: 0, minutes: 6 });
    // To an operator signed in nowhere: nobody can call it until she comes, so no wait is promised.
    h.issue('pension'); // B-003
    h.callNext('k1');
    h.run(h.engine.transfer('k1', { operator: 'carol' }));
    expect(h.engine.estimate('2026-11-23:B-003')).toBeNull();
    // Once she signs in at a free window, she calls it next.
    h.login('k2', 'carol');
    expect(h.engine.estimate('2026-11-23:B-003')).toMatchObject({ ahead: 0, minutes: 0 });
  });
});
