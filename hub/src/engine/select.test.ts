// Call-next ordering (select.ts), through the engine's commands.
import type { DomainEvent } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { EngineError } from './engine.js';
import { centre, harness, MINUTE, MORNING, snapshot } from './test-fixtures.js';

const P = { priority: 'veteran' } as const;
const appointmentAt = (minutesFromMorning: number) => ({
  channel: 'appointment' as const,
  appointment: { id: `ap-${minutesFromMorning}`, at: MORNING + minutesFromMorning * MINUTE },
});

function expectQueueEmpty(fn: () => unknown): void {
  expect(fn).toThrow(EngineError);
  try {
    fn();
  } catch (e) {
    expect((e as EngineError).code).toBe('queue_empty');
  }
}

describe('rule order', () => {
  it('due appointment, then returned, then starving, then the interleave', () => {
    const h = harness();
    h.issue();
    h.issue();
    h.login('k1');
    h.callNext('k1');
    h.advance(1);
    // A-001 goes back to the passport line as a returned ticket (no other window is open: k1 was told).
    h.run(h.engine.transfer('k1', { service: 'passport', evenIfNoOtherWindow: true }));
    h.advance(69);
    // 10:10: A-002 has waited 70 minutes; a fresh priority ticket and a due appointment join.
    h.issue('passport', P);
    h.issue('passport', appointmentAt(75)); // A-004, due from 10:05
    h.login('k2');
    expect([h.serveNext('k2'), h.serveNext('k2'), h.serveNext('k2'), h.serveNext('k2')]).toEqual([
      'A-004:appointment',
      'A-001:returned',
      'A-002:starving',
      'A-003:priority',
    ]);
  });

  it('a due appointment goes before a starving ticket', () => {
    const h = harness();
    h.issue();
    h.advance(90);
    h.issue('passport', appointmentAt(95));
    h.login('k2');
    expect(h.serveNext('k2')).toBe('A-002:appointment');
    expect(h.serveNext('k2')).toBe('A-001:starving');
  });
});

describe('appointments', () => {
  it('due appointments go first, the earliest appointment time first whatever the arrival order', () => {
    const h = harness();
    h.issue('passport', P); // A-001 priority, waiting since 09:00
    h.issue();
    h.issue('passport', appointmentAt(8)); // A-003 at 09:08
    h.issue('passport', appointmentAt(2)); // A-004 at 09:02
    h.login('k2');
    expect([h.serveNext('k2'), h.serveNext('k2'), h.serveNext('k2')]).toEqual(['A-004:appointment', 'A-003:appointment', 'A-001:priority']);
  });

  it('an appointment becomes due the tolerance before its time', () => {
    const h = harness();
    h.issue('passport', appointmentAt(30)); // A-001, due from 09:20
    h.issue();
    h.issue();
    h.login('k2');
    h.now = MORNING + 20 * MINUTE - 1;
    expect(h.serveNext('k2')).toBe('A-002:normal');
    h.now = MORNING + 20 * MINUTE;
    expect(h.serveNext('k2')).toBe('A-001:appointment');
  });

  it('stays due after its time for a visitor who checked in on time', () => {
    const h = harness();
    h.issue('passport', appointmentAt(5));
    h.issue();
    h.advance(40);
    h.login('k2');
    expect(h.serveNext('k2')).toBe('A-001:appointment');
  });

  it('an appointment not yet due is called only when nobody else waits', () => {
    const h = harness();
    h.issue('passport', appointmentAt(120)); // A-001 at 11:00
    h.issue();
    h.issue('passport', P);
    h.login('k2');
    expect([h.serveNext('k2'), h.serveNext('k2'), h.serveNext('k2')]).toEqual([
      'A-003:priority',
      'A-002:normal',
      'A-001:early_appointment',
    ]);
  });

  it('an early appointment never counts as starving, even past the maximum wait', () => {
    const h = harness();
    h.issue('passport', appointmentAt(180)); // A-001 at 12:00, checked in at 09:00
    h.advance(119);
    h.issue(); // A-002 at 10:59
    h.advance(1);
    h.login('k2');
    expect(h.serveNext('k2')).toBe('A-002:normal');
    expect(h.serveNext('k2')).toBe('A-001:early_appointment');
  });

  it('among early appointments the earliest is called first', () => {
    const h = harness();
    h.issue('passport', appointmentAt(200));
    h.issue('passport', appointmentAt(100));
    h.login('k2');
    expect(h.serveNext('k2')).toBe('A-002:early_appointment');
  });

  it('a late visitor joins the live line as a normal ticket', () => {
    const h = harness();
    h.issue();
    h.issue('passport', appointmentAt(-30)); // A-002, 30 minutes late
    h.login('k2');
    expect([h.serveNext('k2'), h.serveNext('k2')]).toEqual(['A-001:normal', 'A-002:normal']);
  });
});

describe('returned tickets', () => {
  it('go ahead of the line, the earliest transfer first', () => {
    const h = harness();
    for (let i = 0; i < 4; i++) h.issue('pension'); // B-001..B-004
    h.login('k1');
    h.login('k3');
    h.login('k4');
    h.callNext('k1'); // B-001
    h.callNext('k3'); // B-002
    h.advance(1);
    h.run(h.engine.transfer('k3', { service: 'pension' })); // B-002 returned at 09:01
    h.advance(1);
    h.run(h.engine.transfer('k1', { service: 'pension' })); // B-001 returned at 09:02
    h.issue('pension', P); // B-005
    expect([h.serveNext('k4'), h.serveNext('k4'), h.serveNext('k4')]).toEqual(['B-002:returned', 'B-001:returned', 'B-005:priority']);
  });

  it('do not move the interleave', () => {
    const h = harness();
    h.issue();
    h.issue('passport', P);
    h.issue();
    h.login('k1');
    h.login('k2');
    h.run(h.engine.callTicket('k1', '2026-11-23:A-001'));
    h.run(h.engine.transfer('k1', { counter: 'k2' }));
    expect(h.serveNext('k2')).toBe('A-001:returned');
    // Still the priority turn.
    expect(h.serveNext('k2')).toBe('A-002:priority');
  });
});

describe('starvation', () => {
  it('a ticket waiting maxWaitMinutes jumps the interleave and the weights, the longest first', () => {
    const h = harness();
    h.issue(); // A-001 at 09:00
    h.advance(5);
    h.issue(); // A-002 at 09:05
    h.advance(60);
    // 10:05: both passport tickets are starving; a pension one is fresh and weighs 5 at k4.
    h.issue('pension', P); // B-001
    h.login('k4');
    expect([h.serveNext('k4'), h.serveNext('k4'), h.serveNext('k4')]).toEqual(['A-001:starving', 'A-002:starving', 'B-001:priority']);
  });

  it('starts exactly at maxWaitMinutes', () => {
    const h = harness();
    h.issue();
    h.issue('passport', P);
    h.login('k2');
    h.now = MORNING + 60 * MINUTE - 1;
    const [e] = h.engine.callNext('k2');
    expect(e).toMatchObject({ rule: 'priority', ticketId: '2026-11-23:A-002' });
    h.now = MORNING + 60 * MINUTE;
    expect(h.serveNext('k2')).toBe('A-001:starving');
  });

  it('does not advance the interleave', () => {
    const h = harness();
    h.issue(); // A-001 at 09:00
    h.advance(61);
    h.issue('passport', P);
    h.issue();
    h.login('k2');
    expect([h.serveNext('k2'), h.serveNext('k2'), h.serveNext('k2')]).toEqual(['A-001:starving', 'A-002:priority', 'A-003:normal']);
  });

  it('parked tickets are out of the line and do not hold back a starving one', () => {
    const h = harness();
    h.issue('passport', P);
    h.issue();
    h.login('k1');
    h.login('k2');
    h.callNext('k1');
    h.advance(61);
    h.run(h.engine.park('k1'));
    // Parked tickets are not in the line; A-002 waits 61 minutes.
    expect(h.serveNext('k2')).toBe('A-002:starving');
  });
});

describe('priority / normal interleave', () => {
  it('ratio 1:2 gives P N N P N N while both wait', () => {
    const h = harness();
    for (let i = 0; i < 6; i++) {
      h.issue(); // normal
      if (i % 2 === 0) h.issue('passport', i === 2 ? { priority: 'disabled' } : P);
    }
    // A-001 N, A-002 P, A-003 N, A-004 N, A-005 P, A-006 N, A-007 N, A-008 P, A-009 N
    h.login('k2');
    const order = Array.from({ length: 6 }, () => h.serveNext('k2'));
    expect(order).toEqual(['A-002:priority', 'A-001:normal', 'A-003:normal', 'A-005:priority', 'A-004:normal', 'A-006:normal']);
  });

  it('ratio 2:1 gives P P N P P N', () => {
    const h = harness(centre({ priorityRatio: { priority: 2, normal: 1 } }));
    for (let i = 0; i < 5; i++) h.issue('passport', P); // A-001..A-005
    for (let i = 0; i < 3; i++) h.issue(); // A-006..A-008
    h.login('k2');
    const order = Array.from({ length: 6 }, () => h.serveNext('k2').split(':')[1]);
    expect(order).toEqual(['priority', 'priority', 'normal', 'priority', 'priority', 'normal']);
  });

  it('ratio with normal 0: priority always first while any waits', () => {
    const h = harness(centre({ priorityRatio: { priority: 1, normal: 0 } }));
    h.issue();
    h.issue('passport', P);
    h.issue('passport', P);
    h.login('k2');
    expect([h.serveNext('k2'), h.serveNext('k2'), h.serveNext('k2')]).toEqual(['A-002:priority', 'A-003:priority', 'A-001:normal']);
  });

  it('when priority is missing, normals are called and the cycle stays at the priority turn', () => {
    const h = harness();
    for (let i = 0; i < 5; i++) h.issue(); // A-001..A-005
    h.login('k2');
    expect([h.serveNext('k2'), h.serveNext('k2')]).toEqual(['A-001:normal', 'A-002:normal']);
    h.issue('passport', P);
    // Had the cycle advanced on those normals, it would be at a normal turn now.
    expect([h.serveNext('k2'), h.serveNext('k2'), h.serveNext('k2')]).toEqual(['A-006:priority', 'A-003:normal', 'A-004:normal']);
  });

  it('when normals are missing, priorities are called and the cycle stays at the normal turn', () => {
    const h = harness();
    h.issue('passport', P);
    h.issue('passport', P);
    h.login('k2');
    expect(h.serveNext('k2')).toBe('A-001:priority'); // cycle → first normal turn
    expect(h.serveNext('k2')).toBe('A-002:priority'); // no normal waits: cycle stays
    h.issue('passport', P);
    h.issue();
    h.issue();
    expect([h.serveNext('k2'), h.serveNext('k2'), h.serveNext('k2')]).toEqual(['A-004:normal', 'A-005:normal', 'A-003:priority']);
  });

  it('each counter keeps its own cycle', () => {
    const h = harness();
    for (let i = 0; i < 3; i++) h.issue('passport', P); // A-001..A-003
    for (let i = 0; i < 3; i++) h.issue(); // A-004..A-006
    h.login('k1');
    h.login('k2');
    expect(h.serveNext('k1')).toBe('A-001:priority');
    // k2 has not called yet: its own priority turn.
    expect(h.serveNext('k2')).toBe('A-002:priority');
    expect(h.serveNext('k1')).toBe('A-004:normal');
  });

  it('priority categories all count as priority', () => {
    const h = harness();
    h.issue();
    h.issue('passport', { priority: 'disabled' });
    h.login('k2');
    expect(h.serveNext('k2')).toBe('A-002:priority');
  });
});

describe('weights and waiting time within a kind', () => {
  it("the counter's higher service weight goes first, then the longest wait", () => {
    const h = harness();
    h.issue('passport'); // A-001 at 09:00
    h.advance(1);
    h.issue('pension'); // B-001 at 09:01
    h.advance(1);
    h.issue('pension'); // B-002 at 09:02
    h.login('k4'); // passport 1, pension 5
    h.login('k1'); // equal weights
    // k4: pension first by weight, the older pension first.
    expect(h.serveNext('k4')).toBe('B-001:normal');
    // k1: equal weights, the longest wait.
    expect(h.serveNext('k1')).toBe('A-001:normal');
    expect(h.serveNext('k4')).toBe('B-002:normal');
  });

  it('the longest wait wins across services of equal weight', () => {
    const h = harness();
    h.issue('pension'); // B-001 at 09:00
    h.advance(1);
    h.issue('passport'); // A-001 at 09:01
    h.login('k1');
    expect(h.serveNext('k1')).toBe('B-001:normal');
  });

  it('the interleave picks the kind before the weight picks the service', () => {
    const h = harness();
    h.issue('passport', P); // A-001, weight 1 at k4
    h.issue('pension'); // B-001, weight 5 at k4
    h.login('k4');
    expect(h.serveNext('k4')).toBe('A-001:priority');
    expect(h.serveNext('k4')).toBe('B-001:normal');
  });

  it('weights order priority tickets too', () => {
    const h = harness();
    h.issue('passport', P);
    h.advance(1);
    h.issue('pension', P); // B-001
    h.login('k4');
    expect(h.serveNext('k4')).toBe('B-001:priority');
  });
});

describe('what a counter may call', () => {
  it('never a ticket of a service it does not serve, whatever its rule', () => {
    const h = harness();
    h.issue('passport'); // normal
    h.issue('passport', P);
    h.issue('passport', appointmentAt(5)); // due appointment
    h.issue('passport', appointmentAt(300)); // early appointment
    h.advance(90); // and the first two are starving
    h.login('k3'); // pension only
    expectQueueEmpty(() => h.engine.callNext('k3'));
    h.issue('pension');
    expect(h.serveNext('k3')).toBe('B-001:normal');
    expectQueueEmpty(() => h.engine.callNext('k3'));
  });

  it('a ticket transferred to a specific counter is called only by that counter, even as a due appointment or starving', () => {
    const h = harness();
    h.issue('passport', appointmentAt(5));
    h.issue();
    h.login('k1');
    h.login('k2');
    h.login('k4');
    expect(h.callNext('k1').number).toBe('A-001');
    h.run(h.engine.transfer('k1', { counter: 'k2' }));
    h.advance(120);
    // A-001 is still a due appointment, and waits past the maximum, but belongs to k2.
    expect(h.serveNext('k4')).toBe('A-002:starving');
    expectQueueEmpty(() => h.engine.callNext('k4'));
    expectQueueEmpty(() => h.engine.callNext('k1'));
    expect(h.serveNext('k2')).toBe('A-001:appointment');
  });

  it('a returned ticket for a service the counter does not serve is left to others', () => {
    const h = harness();
    h.issue('passport');
    h.login('k2');
    h.login('k3');
    h.login('k1');
    h.callNext('k2');
    h.run(h.engine.transfer('k2', { service: 'pension' }));
    h.issue('passport');
    expect(h.serveNext('k2')).toBe('A-002:normal');
    expect(h.serveNext('k3')).toBe('A-001:returned');
  });
});

// Issue 14, part 1: window 1 transferred R-014 to a service it also serves, and its next call took it
// straight back, every time.
describe('a transfer does not bounce back', () => {
  it('a ticket transferred to a service goes to another open window serving it, never back to the sender', () => {
    const h = harness();
    h.issue('pension'); // B-001
    h.issue('pension'); // B-002
    h.login('k1'); // passport and pension
    h.login('k3'); // pension
    h.callNext('k1'); // B-001
    h.run(h.engine.start('k1'));
    h.run(h.engine.transfer('k1', { service: 'pension' }));
    // Window 1 is neither offered it nor shown it, and calls the next visitor instead.
    expect(h.engine.line('k1')).toMatchObject({ next: '2026-11-23:B-002' });
    expect(h.engine.line('k1').waiting.map((t) => t.number)).toEqual(['B-002']);
    expect(h.callNext('k1')).toMatchObject({ number: 'B-002', rule: 'normal' });
    h.finish('k1');
    expectQueueEmpty(() => h.engine.callNext('k1'));
    expect(() => h.engine.callTicket('k1', '2026-11-23:B-001')).toThrow(/transferred from this window/);
    // The other window takes it first, as transferred.
    expect(h.callNext('k3')).toMatchObject({ number: 'B-001', rule: 'returned' });
  });

  it('comes back to the sender only once no other open window serves the service', () => {
    const h = harness();
    h.issue('pension'); // B-001
    h.login('k1');
    h.login('k3');
    h.callNext('k1');
    h.run(h.engine.transfer('k1', { service: 'pension' }));
    expectQueueEmpty(() => h.engine.callNext('k1'));
    // Window 3 goes on a break: nobody else could call it, so window 1 may.
    h.run(h.engine.pause('k3', 'tea'));
    expect(h.callNext('k1')).toMatchObject({ number: 'B-001', rule: 'returned' });
  });

  it('tells the operator before a transfer that nobody else would take: refused until confirmed', () => {
    const h = harness();
    h.issue('pension');
    h.login('k1');
    h.callNext('k1');
    expect(h.engine.transferOptions('k1').services).toContainEqual({ service: 'pension', otherWindows: 0, servedHere: true });
    const refusal = (() => {
      try {
        h.engine.transfer('k1', { service: 'pension' });
      } catch (e) {
        return e as EngineError;
      }
    })();
    expect(refusal).toMatchObject({ code: 'no_other_window', params: { service: 'pension', servedHere: true } });
    h.login('k3');
    expect(h.engine.transferOptions('k1').services).toContainEqual({ service: 'pension', otherWindows: 1, servedHere: true });
    h.run(h.engine.pause('k3', 'tea'));
    // Confirmed: it comes back to window 1, the only one open for it.
    h.run(h.engine.transfer('k1', { service: 'pension', evenIfNoOtherWindow: true }));
    expect(h.callNext('k1')).toMatchObject({ number: 'B-001', rule: 'returned' });
  });

  it('by arrival time: it takes the place its first queue time gives it, not the front', () => {
    const h = harness();
    h.issue('pension'); // B-001 at 09:00
    h.advance(5);
    h.issue('pension'); // B-002 at 09:05
    h.login('k1');
    h.login('k3');
    h.callNext('k1'); // B-001
    h.advance(5);
    h.issue('pension'); // B-003 at 09:10
    h.run(h.engine.transfer('k1', { service: 'pension', placement: 'arrival' }));
    expect(h.engine.ticket('2026-11-23:B-001')).toMatchObject({ returned: false, queuedAt: MORNING });
    expect([h.serveNext('k3'), h.serveNext('k3'), h.serveNext('k3')]).toEqual(['B-001:normal', 'B-002:normal', 'B-003:normal']);
  });

  it('the centre’s default placement applies when the operator does not choose', () => {
    const h = harness(centre({ transferPlacement: 'arrival' }));
    h.issue('pension');
    h.login('k1');
    h.login('k3');
    h.callNext('k1');
    const [e] = h.run(h.engine.transfer('k1', { service: 'pension' }));
    expect(e).toMatchObject({ placement: 'arrival' });
    expect(h.engine.ticket('2026-11-23:B-001').returned).toBe(false);
  });

  it('to an operator: called only at the window they are signed in at, wherever that is; it waits while they are signed in nowhere', () => {
    const h = harness();
    h.issue('pension'); // B-001
    h.login('k1', 'alice');
    h.login('k3', 'bob');
    h.login('k4', 'carol');
    h.callNext('k1');
    h.run(h.engine.transfer('k1', { operator: 'bob', comment: 'his case' }));
    expect(h.engine.ticket('2026-11-23:B-001')).toMatchObject({ targetOperator: 'bob', sentBy: null, service: 'pension' });
    h.issue('pension'); // B-002
    // Window 4 serves pension, but the ticket is Bob's.
    expect(h.callNext('k4')).toMatchObject({ number: 'B-002' });
    h.finish('k4');
    expectQueueEmpty(() => h.engine.callNext('k4'));
    // Bob signs out: it waits for him.
    h.run(h.engine.logout('k3'));
    expectQueueEmpty(() => h.engine.callNext('k4'));
    expect(h.engine.transferOptions('k1').operators).toContainEqual({ username: 'bob', name: 'Bob', counter: null, window: null });
    // He signs in at window 2, which does not even serve pension: it is his there.
    h.login('k2', 'bob');
    expect(h.engine.line('k2').waiting.map((t) => t.number)).toEqual(['B-001']);
    expect(h.callNext('k2')).toMatchObject({ number: 'B-001', rule: 'returned' });
  });

  it('refuses an unknown operator, oneself, and a counter and an operator at once', () => {
    const h = harness();
    h.issue('pension');
    h.login('k1', 'alice');
    h.callNext('k1');
    expect(() => h.engine.transfer('k1', { operator: 'zed' })).toThrow(expect.objectContaining({ code: 'unknown_operator' }));
    expect(() => h.engine.transfer('k1', { operator: 'alice' })).toThrow(/yourself/);
    expect(() => h.engine.transfer('k1', { operator: 'bob', counter: 'k2' })).toThrow(/not both/);
  });

  it('a day recorded before these choices existed replays: its transfers go first in line, as then', () => {
    const h = harness();
    h.issue('pension');
    h.login('k1');
    h.login('k3');
    h.callNext('k1');
    h.run(h.engine.transfer('k1', { service: 'pension', comment: 'x' }));
    // The record as an older hub wrote it: tickets without the new fields, transfers without operator and placement.
    const old = h.log.map((e) => {
      const { targetOperator: _o, sentBy: _s, ...ticket } = 'ticket' in e ? e.ticket : ({} as Record<string, unknown>);
      if (e.type === 'ticket.issued') return { ...e, ticket };
      if (e.type === 'ticket.transferred') {
        const { toOperator: _t, placement: _p, ...rest } = e;
        return rest;
      }
      return e;
    }) as DomainEvent[];
    const replayed = harness();
    replayed.now = h.now;
    replayed.run(old);
    expect(snapshot(replayed.engine)).toEqual(snapshot(h.engine));
    expect(replayed.callNext('k3')).toMatchObject({ number: 'B-001', rule: 'returned' });
  });
});
