import type { DomainEvent } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { EngineError, QueueEngine } from './engine.js';
import { centre, type Harness, harness, MINUTE, MORNING, refusal, snapshot } from './test-fixtures.js';

/** Asserts that `fn` throws an EngineError with this code (and, optionally, message text). */
function refused(fn: () => unknown, code: string, message?: string | RegExp): EngineError {
  const err = refusal(fn);
  expect(err.code).toBe(code);
  if (message !== undefined) expect(err.message).toMatch(message);
  return err;
}

describe('issue', () => {
  it('numbers tickets with the service prefix and a 3-digit sequence per service', () => {
    const h = harness();
    expect(h.issue('passport').number).toBe('A-001');
    expect(h.issue('passport').number).toBe('A-002');
    expect(h.issue('pension').number).toBe('B-001');
    expect(h.issue('passport').number).toBe('A-003');
    expect(h.issue('pension').number).toBe('B-002');
  });

  it('fills the new ticket from the request and the clock', () => {
    const h = harness();
    const events = h.engine.issue({ service: 'pension', channel: 'kiosk', priority: 'veteran', language: 'en', token: 'secret' });
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e).toMatchObject({ type: 'ticket.issued', at: MORNING, day: '2026-11-23', token: 'secret' });
    h.run(events);
    const t = h.engine.ticket('2026-11-23:B-001');
    expect(t).toMatchObject({
      day: '2026-11-23',
      number: 'B-001',
      service: 'pension',
      channel: 'kiosk',
      priority: 'veteran',
      language: 'en',
      issuedAt: MORNING,
      queuedAt: MORNING,
      appointmentAt: null,
      appointmentId: null,
      targetCounter: null,
      returned: false,
      status: 'waiting',
      counter: null,
      recalls: 0,
      transfers: 0,
      outcomes: [],
      comment: null,
    });
    expect(h.engine.ticketByToken('secret')?.id).toBe(t.id);
    expect(h.engine.ticketByToken('other')).toBeUndefined();
    expect(h.engine.waitingTickets('pension').map((x) => x.number)).toEqual(['B-001']);
  });

  it('does not change the state before the events are applied', () => {
    const h = harness();
    h.engine.issue({ service: 'passport', channel: 'kiosk', priority: null, language: 'uk', token: 't' });
    h.engine.issue({ service: 'passport', channel: 'kiosk', priority: null, language: 'uk', token: 't2' });
    expect(h.engine.queueSummary('passport').waiting).toBe(0);
    // Both decisions saw the same state, so both would be A-001: the caller must apply in between.
    expect(h.issue().number).toBe('A-001');
  });

  it('refuses an unknown service', () => {
    const h = harness();
    refused(
      () => h.engine.issue({ service: 'tax', channel: 'operator', priority: null, language: 'uk', token: 't' }),
      'unknown_service',
      /tax/,
    );
  });

  it('refuses an unknown priority category', () => {
    const h = harness();
    refused(
      () => h.engine.issue({ service: 'passport', channel: 'kiosk', priority: 'mayor', language: 'uk', token: 't' }),
      'unknown_priority',
      /mayor/,
    );
    expect(h.issue('passport', { priority: 'disabled' }).priority).toBe('disabled');
  });

  it('refuses an inactive service at the kiosk but lets an operator issue it', () => {
    const h = harness();
    refused(() => h.engine.issue({ service: 'archive', channel: 'kiosk', priority: null, language: 'uk', token: 't' }), 'unknown_service');
    const t = h.issue('archive', { channel: 'operator' });
    expect(t.number).toBe('C-001');
    expect(t.channel).toBe('operator');
  });

  it('keeps appointmentAt for an appointment checked in on time, up to the tolerance after it', () => {
    const h = harness();
    const early = h.issue('passport', { channel: 'appointment', appointment: { id: 'ap-1', at: MORNING + 30 * MINUTE } });
    expect(early.appointmentAt).toBe(MORNING + 30 * MINUTE);
    expect(early.appointmentId).toBe('ap-1');
    expect(early.channel).toBe('appointment');
    // Exactly at the end of the tolerance (10 minutes after) is still on time.
    const edge = h.issue('passport', { channel: 'appointment', appointment: { id: 'ap-2', at: MORNING - 10 * MINUTE } });
    expect(edge.appointmentAt).toBe(MORNING - 10 * MINUTE);
  });

  it('refuses a second check-in of the same appointment, even before the first is written', () => {
    const h = harness();
    h.issue('passport', { channel: 'appointment', appointment: { id: 'ap-1', at: MORNING } });
    expect(() => h.issue('passport', { channel: 'appointment', appointment: { id: 'ap-1', at: MORNING } })).toThrow(
      expect.objectContaining({ code: 'appointment_used' }),
    );
    // Another appointment checks in as usual.
    expect(h.issue('passport', { channel: 'appointment', appointment: { id: 'ap-2', at: MORNING } }).appointmentId).toBe('ap-2');
  });

  it('clears appointmentAt for a visitor later than the tolerance, keeping the appointment id', () => {
    const h = harness();
    const late = h.issue('passport', { channel: 'appointment', appointment: { id: 'ap-1', at: MORNING - 10 * MINUTE - 1 } });
    expect(late.appointmentAt).toBeNull();
    expect(late.appointmentId).toBe('ap-1');
    const veryLate = h.issue('passport', { channel: 'appointment', appointment: { id: 'ap-2', at: MORNING - 45 * MINUTE } });
    expect(veryLate.appointmentAt).toBeNull();
  });
});

describe('login and logout', () => {
  it('logs in and opens the counter', () => {
    const h = harness();
    const events = h.engine.login('k1', { username: 'alice', name: 'Alice' }, 'term-1');
    expect(events).toEqual([
      {
        type: 'counter.loggedIn',
        at: MORNING,
        day: '2026-11-23',
        counter: 'k1',
        operator: 'alice',
        operatorName: 'Alice',
        device: 'term-1',
      },
    ]);
    h.run(events);
    expect(h.engine.counterState('k1')).toMatchObject({
      counter: 'k1',
      window: 1,
      zone: 'hall',
      status: 'open',
      operator: { username: 'alice', name: 'Alice' },
      device: 'term-1',
      ticket: null,
      pauseReason: null,
      since: MORNING,
      parked: [],
    });
    expect(h.engine.counterOfDevice('term-1')).toBe('k1');
    expect(h.engine.counterOfDevice('term-2')).toBeUndefined();
  });

  it('refuses a second operator at a busy counter, naming who and where', () => {
    const h = harness();
    h.run(h.engine.login('k1', { username: 'alice', name: 'Alice' }, 'term-1'));
    refused(() => h.engine.login('k1', { username: 'bob', name: 'Bob' }, 'term-9'), 'counter_busy', /Alice.*window 1/);
  });

  it('lets the same operator log in again at the same counter (another device)', () => {
    const h = harness();
    h.run(h.engine.login('k1', { username: 'alice', name: 'Alice' }, 'term-1'));
    const events = h.run(h.engine.login('k1', { username: 'alice', name: 'Alice' }, 'term-2'));
    expect(events.map((e) => e.type)).toEqual(['counter.loggedIn']);
    expect(h.engine.counterState('k1').device).toBe('term-2');
    expect(h.engine.counterOfDevice('term-1')).toBeUndefined();
  });

  it('moves an operator who logs in at another counter: the first is logged out', () => {
    const h = harness();
    h.run(h.engine.login('k1', { username: 'alice', name: 'Alice' }, 'term-1'));
    h.now += MINUTE;
    const events = h.engine.login('k2', { username: 'alice', name: 'Alice' }, 'term-2');
    expect(events.map((e) => [e.type, 'counter' in e ? e.counter : null])).toEqual([
      ['counter.loggedOut', 'k1'],
      ['counter.loggedIn', 'k2'],
    ]);
    h.run(events);
    expect(h.engine.counterState('k1')).toMatchObject({ status: 'closed', operator: null, device: null, since: MORNING + MINUTE });
    expect(h.engine.counterState('k2')).toMatchObject({ status: 'open', operator: { username: 'alice' } });
    // Now free, k1 takes another operator.
    h.run(h.engine.login('k1', { username: 'bob', name: 'Bob' }, 'term-1'));
    expect(h.engine.counterState('k1').operator?.username).toBe('bob');
  });

  it('knows where an operator is as they move: a login leaves only the counter they are at, a ticket sent to them shows their window', () => {
    const h = harness();
    h.issue('pension');
    h.login('k1', 'alice');
    h.callNext('k1');
    h.run(h.engine.transfer('k1', { operator: 'bob' }));
    const ticket = h.engine.ticket('2026-11-23:B-001');
    const target = () => h.engine.recentTransfers()[0]?.target;
    expect(target()).toEqual({ to: 'operator', window: null });
    h.login('k3', 'bob');
    expect(target()).toEqual({ to: 'operator', window: 3 });
    expect(h.engine.targetCounters(ticket)).toEqual(['k3']);
    h.run(h.engine.logout('k3'));
    expect(target()).toEqual({ to: 'operator', window: null });
    expect(h.engine.targetCounters(ticket)).toEqual([]);
    // Signed out, he signs in elsewhere: there is nothing to leave.
    expect(h.engine.login('k2', { username: 'bob', name: 'Bob' }, 'dev-k2').map((e) => e.type)).toEqual(['counter.loggedIn']);
    h.login('k2', 'bob');
    expect(target()).toEqual({ to: 'operator', window: 2 });
    expect(h.engine.targetCounters(ticket)).toEqual(['k2']);
  });

  it('refuses to move an operator who still has a ticket at the first counter', () => {
    const h = harness();
    h.issue();
    h.login('k1', 'alice');
    h.callNext('k1');
    refused(() => h.engine.login('k2', { username: 'alice', name: 'ALICE' }, 'term-2'), 'has_current_ticket', /window 1/);
  });

  it('logs out a counter without a ticket; refuses with a current ticket', () => {
    const h = harness();
    h.issue();
    h.login('k1', 'alice');
    h.callNext('k1');
    refused(() => h.engine.logout('k1'), 'has_current_ticket', /A-001/);
    h.finish('k1');
    const events = h.engine.logout('k1');
    expect(events).toEqual([{ type: 'counter.loggedOut', at: MORNING, day: '2026-11-23', counter: 'k1', operator: 'alice' }]);
    h.run(events);
    expect(h.engine.counterState('k1')).toMatchObject({ status: 'closed', operator: null, device: null });
    expect(h.engine.counterOfDevice('dev-k1')).toBeUndefined();
  });

  it('refuses an unknown counter', () => {
    const h = harness();
    refused(() => h.engine.login('k99', { username: 'alice', name: 'Alice' }, 'd'), 'unknown_counter', /k99/);
    refused(() => h.engine.counterState('k99'), 'unknown_counter');
    refused(() => h.engine.callNext('k99'), 'unknown_counter');
  });

  it('refuses every counter command when nobody is logged in', () => {
    const h = harness();
    h.issue();
    const e = h.engine;
    const commands: [string, () => unknown][] = [
      ['logout', () => e.logout('k1')],
      ['open', () => e.open('k1')],
      ['close', () => e.close('k1')],
      ['pause', () => e.pause('k1', 'lunch')],
      ['resume', () => e.resume('k1')],
      ['callNext', () => e.callNext('k1')],
      ['callTicket', () => e.callTicket('k1', '2026-11-23:A-001')],
      ['recall', () => e.recall('k1')],
      ['start', () => e.start('k1')],
      ['finish', () => e.finish('k1', [])],
      ['noShow', () => e.noShow('k1')],
      ['transfer', () => e.transfer('k1', { service: 'pension' })],
      ['park', () => e.park('k1')],
      ['unpark', () => e.unpark('k1', '2026-11-23:A-001')],
    ];
    for (const [name, fn] of commands) {
      const err = refused(fn, 'not_logged_in');
      expect(err.message, name).toMatch(/window 1/);
    }
  });
});

describe('open, close, pause, resume', () => {
  it('closes and opens a counter; a closed counter does not call', () => {
    const h = harness();
    h.issue();
    h.login('k1');
    h.now += MINUTE;
    expect(h.run(h.engine.close('k1')).map((e) => e.type)).toEqual(['counter.closed']);
    expect(h.engine.counterState('k1')).toMatchObject({ status: 'closed', since: MORNING + MINUTE, operator: { username: 'op-k1' } });
    refused(() => h.engine.callNext('k1'), 'counter_closed', /closed/);
    expect(h.engine.close('k1')).toEqual([]);
    refused(() => h.engine.pause('k1', 'lunch'), 'counter_closed');
    expect(h.run(h.engine.open('k1')).map((e) => e.type)).toEqual(['counter.opened']);
    expect(h.engine.counterState('k1').status).toBe('open');
    expect(h.engine.open('k1')).toEqual([]);
    expect(h.callNext('k1').number).toBe('A-001');
  });

  it('refuses to close with a current ticket', () => {
    const h = harness();
    h.issue();
    h.login('k1');
    h.callNext('k1');
    refused(() => h.engine.close('k1'), 'has_current_ticket');
  });

  it('pauses with a reason and resumes', () => {
    const h = harness();
    h.issue();
    h.login('k1');
    h.now += 2 * MINUTE;
    const events = h.engine.pause('k1', 'lunch');
    expect(events).toEqual([{ type: 'counter.paused', at: MORNING + 2 * MINUTE, day: '2026-11-23', counter: 'k1', reason: 'lunch' }]);
    h.run(events);
    expect(h.engine.counterState('k1')).toMatchObject({ status: 'paused', pauseReason: 'lunch', since: MORNING + 2 * MINUTE });
    refused(() => h.engine.callNext('k1'), 'counter_closed', /paused/);
    refused(() => h.engine.callTicket('k1', '2026-11-23:A-001'), 'counter_closed');
    h.now += 3 * MINUTE;
    h.run(h.engine.resume('k1'));
    expect(h.engine.counterState('k1')).toMatchObject({ status: 'open', pauseReason: null, since: MORNING + 5 * MINUTE });
    refused(() => h.engine.resume('k1'), 'counter_closed', /not paused/);
    expect(h.callNext('k1').number).toBe('A-001');
  });

  it('opening a paused counter clears the reason; closing too', () => {
    const h = harness();
    h.login('k1');
    h.run(h.engine.pause('k1', 'lunch'));
    h.run(h.engine.open('k1'));
    expect(h.engine.counterState('k1')).toMatchObject({ status: 'open', pauseReason: null });
    h.run(h.engine.pause('k1', 'meeting'));
    h.run(h.engine.close('k1'));
    expect(h.engine.counterState('k1')).toMatchObject({ status: 'closed', pauseReason: null });
  });

  it('refuses to pause with a current ticket', () => {
    const h = harness();
    h.issue();
    h.login('k1');
    h.callNext('k1');
    refused(() => h.engine.pause('k1', 'lunch'), 'has_current_ticket');
  });
});

describe('calling', () => {
  it('calls the next ticket: the ticket and the counter change, the line shrinks', () => {
    const h = harness();
    const t = h.issue();
    h.issue();
    h.login('k1', 'alice');
    h.now += 5 * MINUTE;
    const events = h.engine.callNext('k1');
    expect(events).toEqual([
      {
        type: 'ticket.called',
        at: MORNING + 5 * MINUTE,
        day: '2026-11-23',
        ticketId: t.id,
        counter: 'k1',
        operator: 'alice',
        rule: 'normal',
      },
    ]);
    h.run(events);
    expect(h.engine.ticket(t.id)).toMatchObject({ status: 'called', counter: 'k1', calledAt: MORNING + 5 * MINUTE, startedAt: null });
    expect(h.engine.counterState('k1')).toMatchObject({ ticket: { id: t.id, status: 'called' }, since: MORNING + 5 * MINUTE });
    expect(h.engine.waitingTickets('passport').map((x) => x.number)).toEqual(['A-002']);
    expect(h.engine.recentCalls()).toEqual([
      { ticketId: t.id, number: 'A-001', service: 'passport', counter: 'k1', window: 1, zone: 'hall', at: MORNING + 5 * MINUTE, recall: 0 },
    ]);
  });

  it('refuses to call with a current ticket, and with an empty queue', () => {
    const h = harness();
    h.issue();
    h.login('k1');
    h.callNext('k1');
    refused(() => h.engine.callNext('k1'), 'has_current_ticket', /A-001/);
    refused(() => h.engine.callTicket('k1', '2026-11-23:A-001'), 'has_current_ticket');
    h.finish('k1');
    refused(() => h.engine.callNext('k1'), 'queue_empty');
  });

  it('two counters calling in turn never get the same ticket', () => {
    const h = harness();
    for (let i = 0; i < 8; i++) h.issue('passport', { priority: i % 3 === 0 ? 'veteran' : null });
    h.login('k1');
    h.login('k2');
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      for (const k of ['k1', 'k2']) {
        h.advance(1);
        seen.push(h.callNext(k).id);
        h.finish(k);
      }
    }
    expect(new Set(seen).size).toBe(8);
    refused(() => h.engine.callNext('k1'), 'queue_empty');
    refused(() => h.engine.callNext('k2'), 'queue_empty');
  });

  it('two counters holding calls at once get different tickets', () => {
    const h = harness();
    h.issue();
    h.issue();
    h.login('k1');
    h.login('k2');
    const a = h.callNext('k1');
    const b = h.callNext('k2');
    expect(a.id).not.toBe(b.id);
    expect([a.number, b.number].sort()).toEqual(['A-001', 'A-002']);
  });

  it('50 counters each calling once with 50 tickets waiting get 50 distinct tickets', () => {
    const counters = Array.from({ length: 50 }, (_, i) => ({
      id: `c${i + 1}`,
      window: i + 1,
      zone: 'hall',
      services:
        i % 2 ? [{ service: 'passport' }, { service: 'pension', weight: 3 }] : [{ service: 'passport', weight: 2 }, { service: 'pension' }],
    }));
    const h = harness(centre({}, counters));
    for (let i = 0; i < 50; i++) {
      h.advance(1);
      h.issue(i % 2 ? 'pension' : 'passport', { priority: i % 5 === 0 ? 'veteran' : null });
    }
    for (const c of counters) h.login(c.id);
    const called = counters.map((c) => h.callNext(c.id).id);
    expect(new Set(called).size).toBe(50);
    for (const c of counters) expect(h.engine.counterState(c.id).ticket?.status).toBe('called');
    expect(h.engine.queueSummary('passport').waiting + h.engine.queueSummary('pension').waiting).toBe(0);
    refused(() => h.engine.callNext('c1'), 'has_current_ticket');
  });
});

describe('callTicket', () => {
  it('calls a ticket out of order', () => {
    const h = harness();
    h.issue();
    h.issue();
    const third = h.issue();
    h.login('k1', 'alice');
    const events = h.engine.callTicket('k1', third.id);
    expect(events).toEqual([
      { type: 'ticket.called', at: MORNING, day: '2026-11-23', ticketId: third.id, counter: 'k1', operator: 'alice', rule: 'specific' },
    ]);
    h.run(events);
    expect(h.engine.counterState('k1').ticket?.number).toBe('A-003');
    expect(h.engine.waitingTickets('passport').map((t) => t.number)).toEqual(['A-001', 'A-002']);
  });

  it('refuses a ticket already called, naming the window', () => {
    const h = harness();
    const t = h.issue();
    h.login('k1');
    h.login('k2');
    h.run(h.engine.callTicket('k1', t.id));
    refused(() => h.engine.callTicket('k2', t.id), 'already_called', /A-001 is called at window 1/);
    h.run(h.engine.start('k1'));
    refused(() => h.engine.callTicket('k2', t.id), 'already_called', /serving at window 1/);
  });

  it('refuses a finished or no-show ticket', () => {
    const h = harness();
    const a = h.issue();
    const b = h.issue();
    h.login('k1');
    h.login('k2');
    h.callNext('k1');
    h.finish('k1');
    refused(() => h.engine.callTicket('k2', a.id), 'already_called', /finished/);
    h.callNext('k1');
    h.run(h.engine.noShow('k1'));
    refused(() => h.engine.callTicket('k2', b.id), 'already_called', /no-show/);
  });

  it('refuses a ticket of a service the counter does not serve', () => {
    const h = harness();
    const t = h.issue('passport');
    h.login('k3');
    refused(() => h.engine.callTicket('k3', t.id), 'not_serving_service', /passport/);
  });

  it('refuses an unknown ticket', () => {
    const h = harness();
    h.login('k1');
    refused(() => h.engine.callTicket('k1', '2026-11-23:A-042'), 'unknown_ticket');
  });

  it('does not move the priority/normal interleave', () => {
    const h = harness();
    const p1 = h.issue('passport', { priority: 'veteran' });
    h.issue('passport', { priority: 'veteran' });
    h.issue();
    h.login('k2');
    h.run(h.engine.callTicket('k2', p1.id));
    h.finish('k2');
    // The counter's cycle is still at its priority turn.
    expect(h.serveNext('k2')).toBe('A-002:priority');
  });
});

describe('recall, start, finish, noShow', () => {
  it('recall counts the recalls and adds to the recent calls', () => {
    const h = harness();
    const t = h.issue();
    h.login('k1');
    h.callNext('k1');
    h.advance(1);
    const events = h.engine.recall('k1');
    expect(events).toEqual([
      { type: 'ticket.recalled', at: MORNING + MINUTE, day: '2026-11-23', ticketId: t.id, counter: 'k1', recalls: 1 },
    ]);
    h.run(events);
    h.advance(1);
    h.run(h.engine.recall('k1'));
    expect(h.engine.ticket(t.id).recalls).toBe(2);
    expect(h.engine.recentCalls().map((c) => [c.number, c.recall, c.at])).toEqual([
      ['A-001', 2, MORNING + 2 * MINUTE],
      ['A-001', 1, MORNING + MINUTE],
      ['A-001', 0, MORNING],
    ]);
    // Status stays called.
    expect(h.engine.ticket(t.id).status).toBe('called');
  });

  it('keeps only the configured number of recent calls, newest first', () => {
    const h = harness();
    for (let i = 0; i < 7; i++) h.issue();
    h.login('k1');
    for (let i = 0; i < 7; i++) {
      h.advance(1);
      h.serveNext('k1');
    }
    expect(h.engine.recentCalls().map((c) => c.number)).toEqual(['A-007', 'A-006', 'A-005', 'A-004', 'A-003']);
  });

  it('start moves a called ticket to serving; only from called', () => {
    const h = harness();
    const t = h.issue();
    h.login('k1');
    refused(() => h.engine.start('k1'), 'no_current_ticket');
    h.callNext('k1');
    h.advance(2);
    h.run(h.engine.start('k1'));
    expect(h.engine.ticket(t.id)).toMatchObject({ status: 'serving', startedAt: MORNING + 2 * MINUTE });
    expect(h.engine.counterState('k1').since).toBe(MORNING + 2 * MINUTE);
    refused(() => h.engine.start('k1'), 'no_current_ticket', /serving/);
    refused(() => h.engine.recall('k1'), 'no_current_ticket', /serving/);
  });

  it('finish records outcome marks (deduplicated) and frees the counter', () => {
    const h = harness();
    const t = h.issue();
    h.login('k1');
    h.callNext('k1');
    h.run(h.engine.start('k1'));
    h.advance(7);
    const events = h.engine.finish('k1', ['accepted', 'refused', 'accepted']);
    expect(events).toEqual([
      {
        type: 'ticket.finished',
        at: MORNING + 7 * MINUTE,
        day: '2026-11-23',
        ticketId: t.id,
        counter: 'k1',
        outcomes: ['accepted', 'refused'],
      },
    ]);
    h.run(events);
    expect(h.engine.ticket(t.id)).toMatchObject({
      status: 'finished',
      finishedAt: MORNING + 7 * MINUTE,
      outcomes: ['accepted', 'refused'],
      counter: 'k1',
    });
    expect(h.engine.counterState('k1')).toMatchObject({ ticket: null, since: MORNING + 7 * MINUTE, status: 'open' });
    refused(() => h.engine.finish('k1', []), 'no_current_ticket');
  });

  it('finish refuses an unknown outcome mark', () => {
    const h = harness();
    h.issue();
    h.login('k1');
    h.callNext('k1');
    refused(() => h.engine.finish('k1', ['accepted', 'lost']), 'unknown_outcome', /lost/);
  });

  it('finish is allowed straight from called', () => {
    const h = harness();
    const t = h.issue();
    h.login('k1');
    h.callNext('k1');
    h.finish('k1');
    expect(h.engine.ticket(t.id).status).toBe('finished');
  });

  it('noShow only from called', () => {
    const h = harness();
    const a = h.issue();
    h.issue();
    h.login('k1');
    h.callNext('k1');
    h.advance(3);
    h.run(h.engine.noShow('k1'));
    expect(h.engine.ticket(a.id)).toMatchObject({ status: 'no_show', finishedAt: MORNING + 3 * MINUTE });
    expect(h.engine.counterState('k1').ticket).toBeNull();
    h.callNext('k1');
    h.run(h.engine.start('k1'));
    refused(() => h.engine.noShow('k1'), 'no_current_ticket', /serving/);
  });

  it('a no-show does not feed the service-time estimate', () => {
    const h = harness();
    h.issue();
    h.issue();
    h.login('k2');
    h.callNext('k2');
    h.advance(1);
    h.run(h.engine.noShow('k2'));
    // One waiting, config average 10 minutes, one counter.
    expect(h.engine.queueSummary('passport').estimatedWaitMinutes).toBe(10);
  });
});

describe('transfer', () => {
  it('to another service: keeps the number, re-queues it as returned, counts the transfer, keeps the comment', () => {
    const h = harness();
    const t = h.issue('passport');
    h.login('k1', 'alice');
    h.callNext('k1');
    h.run(h.engine.start('k1'));
    h.advance(4);
    h.login('k3', 'bob');
    const events = h.engine.transfer('k1', { service: 'pension', comment: '  needs pension form  ' });
    expect(events).toEqual([
      {
        type: 'ticket.transferred',
        at: MORNING + 4 * MINUTE,
        day: '2026-11-23',
        ticketId: t.id,
        counter: 'k1',
        toService: 'pension',
        toCounter: null,
        toOperator: null,
        placement: 'first',
        comment: 'needs pension form',
      },
    ]);
    h.run(events);
    expect(h.engine.ticket(t.id)).toMatchObject({
      id: t.id,
      number: 'A-001',
      service: 'pension',
      status: 'waiting',
      returned: true,
      transfers: 1,
      comment: 'needs pension form',
      counter: null,
      targetCounter: null,
      sentBy: 'k1',
      queuedAt: MORNING + 4 * MINUTE,
      issuedAt: MORNING,
    });
    expect(h.engine.counterState('k1').ticket).toBeNull();
    expect(h.engine.waitingTickets('pension').map((x) => x.number)).toEqual(['A-001']);
    expect(h.engine.waitingTickets('passport')).toEqual([]);
    // A pension counter calls it, as returned; the call clears the returned flag.
    expect(h.callNext('k3')).toMatchObject({ number: 'A-001', rule: 'returned' });
    expect(h.engine.ticket(t.id)).toMatchObject({ returned: false, sentBy: null, counter: 'k3', transfers: 1 });
    // Transferred again: the count goes on.
    h.run(h.engine.transfer('k3', { service: 'passport', comment: '   ' }));
    expect(h.engine.ticket(t.id)).toMatchObject({ transfers: 2, comment: null, service: 'passport' });
  });

  it('to a specific counter: only that counter calls it', () => {
    const h = harness();
    const t = h.issue('passport');
    h.issue('passport');
    h.login('k1');
    h.login('k2');
    h.login('k4');
    h.callNext('k1');
    h.run(h.engine.transfer('k1', { counter: 'k2' }));
    expect(h.engine.ticket(t.id)).toMatchObject({ service: 'passport', targetCounter: 'k2', returned: true, status: 'waiting' });
    // k4 serves passport but gets the other ticket, and cannot pick the transferred one.
    refused(() => h.engine.callTicket('k4', t.id), 'not_serving_service', /window 2/);
    expect(h.callNext('k4').number).toBe('A-002');
    refused(() => h.engine.callNext('k1'), 'queue_empty');
    expect(h.callNext('k2')).toMatchObject({ number: 'A-001', rule: 'returned' });
    expect(h.engine.ticket(t.id).targetCounter).toBeNull();
  });

  it('to a counter that does not serve the service: that counter still calls it', () => {
    const h = harness();
    const t = h.issue('passport');
    h.login('k1');
    h.login('k3');
    h.callNext('k1');
    h.run(h.engine.transfer('k1', { counter: 'k3' }));
    expect(h.callNext('k3')).toMatchObject({ id: t.id, rule: 'returned' });
  });

  it('to a specific counter the operator may also call it by hand there', () => {
    const h = harness();
    const t = h.issue('passport');
    h.login('k1');
    h.login('k3');
    h.callNext('k1');
    h.run(h.engine.transfer('k1', { counter: 'k3' }));
    expect(h.run(h.engine.callTicket('k3', t.id))[0]).toMatchObject({ rule: 'specific' });
  });

  it('refuses an unknown service, an unknown counter and its own counter', () => {
    const h = harness();
    h.issue();
    h.login('k1');
    refused(() => h.engine.transfer('k1', { service: 'pension' }), 'no_current_ticket');
    h.callNext('k1');
    refused(() => h.engine.transfer('k1', { service: 'tax' }), 'unknown_service', /tax/);
    refused(() => h.engine.transfer('k1', { counter: 'k99' }), 'unknown_counter', /k99/);
    refused(() => h.engine.transfer('k1', { counter: 'k1' }), 'unknown_counter', /own counter/);
  });
});

describe('park and unpark', () => {
  it('park frees the counter; unpark brings the ticket back as called', () => {
    const h = harness();
    const a = h.issue();
    h.issue();
    h.login('k1');
    h.callNext('k1');
    h.run(h.engine.start('k1'));
    h.advance(2);
    h.run(h.engine.park('k1'));
    expect(h.engine.ticket(a.id)).toMatchObject({ status: 'parked', counter: 'k1' });
    expect(h.engine.counterState('k1')).toMatchObject({ ticket: null, parked: [a.id], since: MORNING + 2 * MINUTE });
    expect(h.engine.queueSummary('passport').waiting).toBe(1);
    // The counter serves someone else meanwhile.
    expect(h.callNext('k1').number).toBe('A-002');
    refused(() => h.engine.unpark('k1', a.id), 'has_current_ticket');
    h.finish('k1');
    h.advance(5);
    const events = h.engine.unpark('k1', a.id);
    expect(events).toEqual([{ type: 'ticket.unparked', at: MORNING + 7 * MINUTE, day: '2026-11-23', ticketId: a.id, counter: 'k1' }]);
    h.run(events);
    expect(h.engine.ticket(a.id)).toMatchObject({ status: 'called', calledAt: MORNING + 7 * MINUTE, counter: 'k1' });
    expect(h.engine.counterState('k1')).toMatchObject({ ticket: { id: a.id, status: 'called' }, parked: [] });
    expect(h.engine.recentCalls()[0]).toMatchObject({ ticketId: a.id, number: 'A-001', at: MORNING + 7 * MINUTE });
    // Back as called, it goes on like any call.
    h.run(h.engine.start('k1'));
    h.finish('k1', ['accepted']);
    expect(h.engine.ticket(a.id).status).toBe('finished');
  });

  it('parked tickets are not called and cannot be picked by hand', () => {
    const h = harness();
    const a = h.issue();
    h.login('k1');
    h.login('k2');
    h.callNext('k1');
    h.run(h.engine.park('k1'));
    refused(() => h.engine.callNext('k2'), 'queue_empty');
    refused(() => h.engine.callTicket('k2', a.id), 'already_called', /parked at window 1/);
  });

  it('unpark refuses a ticket parked elsewhere or not parked, and needs an open counter', () => {
    const h = harness();
    const a = h.issue();
    const b = h.issue();
    h.login('k1');
    h.login('k2');
    h.callNext('k1');
    h.run(h.engine.park('k1'));
    refused(() => h.engine.unpark('k2', a.id), 'unknown_ticket', /not parked/);
    refused(() => h.engine.unpark('k1', b.id), 'unknown_ticket', /not parked/);
    refused(() => h.engine.unpark('k1', 'nope'), 'unknown_ticket');
    h.run(h.engine.pause('k1', 'tea'));
    refused(() => h.engine.unpark('k1', a.id), 'counter_closed');
  });

  it('park needs a current ticket', () => {
    const h = harness();
    h.login('k1');
    refused(() => h.engine.park('k1'), 'no_current_ticket');
  });
});

describe('a refused command', () => {
  it('produces no events and leaves the state unchanged', () => {
    const h = harness();
    const a = h.issue();
    h.issue('pension', { priority: 'veteran' });
    h.issue('passport', { channel: 'appointment', appointment: { id: 'ap', at: MORNING + 60 * MINUTE } });
    h.login('k1', 'alice');
    h.login('k2', 'bob');
    h.login('k3', 'carol');
    h.run(h.engine.pause('k3', 'lunch'));
    const called = h.callNext('k1');
    h.run(h.engine.start('k1'));
    const before = snapshot(h.engine);
    const e = h.engine;
    const attempts: [string, () => DomainEvent[]][] = [
      ['issue unknown service', () => e.issue({ service: 'x', channel: 'kiosk', priority: null, language: 'uk', token: 'z' })],
      ['issue inactive', () => e.issue({ service: 'archive', channel: 'kiosk', priority: null, language: 'uk', token: 'z' })],
      ['issue priority', () => e.issue({ service: 'passport', channel: 'kiosk', priority: 'x', language: 'uk', token: 'z' })],
      ['login busy', () => e.login('k1', { username: 'bob', name: 'Bob' }, 'd')],
      ['login move with ticket', () => e.login('k4', { username: 'alice', name: 'Alice' }, 'd')],
      ['logout with ticket', () => e.logout('k1')],
      ['logout nobody', () => e.logout('k4')],
      ['close with ticket', () => e.close('k1')],
      ['pause with ticket', () => e.pause('k1', 'x')],
      ['resume open', () => e.resume('k2')],
      ['call with ticket', () => e.callNext('k1')],
      ['call paused', () => e.callNext('k3')],
      ['callTicket taken', () => e.callTicket('k2', called.id)],
      ['callTicket unknown', () => e.callTicket('k2', 'nope')],
      ['recall serving', () => e.recall('k1')],
      ['start serving', () => e.start('k1')],
      ['finish outcome', () => e.finish('k1', ['nope'])],
      ['finish none', () => e.finish('k2', [])],
      ['noShow serving', () => e.noShow('k1')],
      ['transfer unknown', () => e.transfer('k1', { service: 'x' })],
      ['transfer self', () => e.transfer('k1', { counter: 'k1' })],
      ['park none', () => e.park('k2')],
      ['unpark none', () => e.unpark('k2', a.id)],
    ];
    for (const [name, fn] of attempts) {
      let events: DomainEvent[] | undefined;
      expect(() => {
        events = fn();
      }, name).toThrow(EngineError);
      expect(events, name).toBeUndefined();
      expect(snapshot(h.engine), name).toEqual(before);
    }
  });

  it('a decided but unapplied command leaves the state unchanged too', () => {
    const h = harness();
    h.issue();
    h.login('k1');
    const before = snapshot(h.engine);
    h.engine.callNext('k1');
    h.engine.pause('k1', 'x');
    h.engine.logout('k1');
    expect(snapshot(h.engine)).toEqual(before);
  });
});

describe('replay', () => {
  function busyDay(): Harness {
    const h = harness();
    h.issue('passport');
    h.issue('passport', { priority: 'veteran' });
    h.issue('pension');
    h.issue('passport', { channel: 'appointment', appointment: { id: 'ap-1', at: MORNING + 5 * MINUTE } });
    h.issue('pension', { priority: 'disabled' });
    h.issue('passport');
    h.issue('passport');
    h.login('k1', 'alice');
    h.login('k2', 'bob');
    h.login('k3', 'carol');
    h.login('k4', 'dan');
    h.advance(1);
    h.callNext('k1');
    h.run(h.engine.recall('k1'));
    h.run(h.engine.start('k1'));
    h.callNext('k2');
    h.advance(3);
    h.run(h.engine.transfer('k2', { service: 'pension', comment: 'form' }));
    h.callNext('k3');
    h.run(h.engine.park('k3'));
    h.callNext('k3');
    h.run(h.engine.noShow('k3'));
    h.advance(2);
    h.finish('k1', ['accepted']);
    h.callNext('k1');
    h.run(h.engine.transfer('k1', { counter: 'k2' }));
    h.callNext('k4');
    h.advance(4);
    h.finish('k4');
    h.run(h.engine.pause('k4', 'lunch'));
    h.run(h.engine.close('k1'));
    h.run(h.engine.logout('k1'));
    h.login('k1', 'erin');
    h.callNext('k2');
    for (let i = 0; i < 6; i++) {
      h.advance(1);
      h.issue(i % 2 ? 'pension' : 'passport', { priority: i % 3 ? null : 'veteran' });
    }
    return h;
  }

  it('a fresh engine fed the same events (as stored, JSON) reaches the same state', () => {
    const h = busyDay();
    const stored = JSON.parse(JSON.stringify(h.log)) as DomainEvent[];
    const fresh = new QueueEngine(h.config, h.clock);
    fresh.apply(stored);
    expect(snapshot(fresh)).toEqual(snapshot(h.engine));
    for (const id of h.engine.counterIds()) expect(fresh.counterState(id)).toEqual(h.engine.counterState(id));
    for (const s of h.config.services) expect(fresh.queueSummary(s.id)).toEqual(h.engine.queueSummary(s.id));
    expect(fresh.recentCalls()).toEqual(h.engine.recentCalls());
    expect(fresh.ticketByToken('token-3')).toEqual(h.engine.ticketByToken('token-3'));
  });

  it('the replayed engine decides the next commands exactly as the original (interleave cycle, sequences)', () => {
    const h = busyDay();
    const fresh = new QueueEngine(h.config, h.clock);
    fresh.apply(h.log);
    for (const k of ['k1', 'k3']) {
      expect(fresh.callNext(k)).toEqual(h.engine.callNext(k));
      const events = h.engine.callNext(k);
      h.run(events);
      fresh.apply(events);
      expect(fresh.finish(k, [])).toEqual(h.engine.finish(k, []));
      const done = h.engine.finish(k, []);
      h.run(done);
      fresh.apply(done);
    }
    const req = { service: 'passport', channel: 'kiosk' as const, priority: null, language: 'uk', token: 'x' };
    expect(fresh.issue(req)).toEqual(h.engine.issue(req));
    expect(snapshot(fresh)).toEqual(snapshot(h.engine));
  });

  it('replays the interleave: a replayed counter continues the P N N cycle where it was', () => {
    const h = harness();
    for (let i = 0; i < 4; i++) h.issue('passport', { priority: 'veteran' });
    for (let i = 0; i < 8; i++) h.issue('passport');
    h.login('k2');
    expect([h.serveNext('k2'), h.serveNext('k2')]).toEqual(['A-001:priority', 'A-005:normal']);
    const fresh = new QueueEngine(h.config, h.clock);
    fresh.apply(h.log);
    const [e] = fresh.callNext('k2');
    expect(e).toMatchObject({ rule: 'normal', ticketId: '2026-11-23:A-006' });
  });
});

describe('construction', () => {
  it('starts on the clock’s day in the site zone, or on a given day', () => {
    const late = Date.UTC(2026, 10, 22, 22, 30);
    expect(new QueueEngine(centre(), () => late).day).toBe('2026-11-23');
    expect(new QueueEngine(centre(), () => late, '2026-11-20').day).toBe('2026-11-20');
    const h = harness();
    expect(h.engine.counterIds()).toEqual(['k1', 'k2', 'k3', 'k4']);
    expect(h.engine.counterState('k4')).toMatchObject({
      window: 4,
      zone: 'hall',
      status: 'closed',
      operator: null,
      ticket: null,
      since: 0,
    });
  });
});
