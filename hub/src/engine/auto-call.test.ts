import type { Config, DomainEvent } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { QueueEngine } from './engine.js';
import { centre, harness, MORNING, refusal, snapshot } from './test-fixtures.js';

const SECOND = 1000;

/** Window 1 offers auto-call with a 20-second wrap-up; the others do not. */
function autoCentre(): Config {
  const c = centre();
  return { ...c, counters: c.counters.map((k) => (k.id === 'k1' ? { ...k, autoCall: { wrapUpSeconds: 20 } } : k)) };
}

function setUp() {
  const h = harness(autoCentre());
  const later = (seconds: number) => {
    h.now += seconds * SECOND;
  };
  /** What the hub's timer does: call at every due window. */
  const tick = (): DomainEvent[] => h.engine.autoCallsDue().flatMap((k) => h.run(h.engine.autoCall(k)));
  const k1 = () => h.engine.counterState('k1');
  return { h, later, tick, k1 };
}

describe('auto-call', () => {
  it('is off by default, offered only where the config says, and turned on by the operator', () => {
    const { h, k1 } = setUp();
    h.login('k1');
    h.login('k2');
    expect(k1().autoCall).toEqual({ on: false, wrapUpSeconds: 20, stopped: null });
    expect(k1().autoCallAt).toBeNull();
    expect(h.engine.counterState('k2').autoCall).toBeNull();
    expect(refusal(() => h.engine.setAutoCall('k2', true)).code).toBe('auto_call_unavailable');
    expect(refusal(() => h.engine.setAutoCall('k3', true)).code).toBe('not_logged_in');

    const [on] = h.run(h.engine.setAutoCall('k1', true));
    expect(on).toEqual({ type: 'counter.autoCallOn', at: MORNING, day: h.engine.day, counter: 'k1', operator: 'op-k1' });
    expect(h.engine.setAutoCall('k1', true)).toEqual([]);
    expect(k1()).toMatchObject({ autoCall: { on: true, stopped: null }, autoCallAt: MORNING + 20 * SECOND });
  });

  it('calls whoever call-next would pick once the wrap-up has passed, or as soon as someone arrives after it', () => {
    const { h, later, tick, k1 } = setUp();
    h.login('k1');
    h.run(h.engine.setAutoCall('k1', true));
    const first = h.issue('pension');
    later(19);
    expect(h.engine.autoCallsDue()).toEqual([]);
    expect(h.engine.nextAutoCallAt()).toBe(MORNING + 20 * SECOND);
    expect(refusal(() => h.engine.autoCall('k1')).code).toBe('counter_closed');
    later(1);
    const [called] = tick();
    expect(called).toMatchObject({ type: 'ticket.called', ticketId: first.id, counter: 'k1', rule: 'normal', auto: true });
    expect(k1().autoCallAt).toBeNull();
    expect(h.engine.nextAutoCallAt()).toBeNull();

    later(300);
    h.finish('k1');
    const free = h.now;
    expect(k1().autoCallAt).toBe(free + 20 * SECOND);
    later(60);
    // Nobody waits: the window is due but has no one to call.
    expect(h.engine.autoCallsDue()).toEqual([]);
    expect(refusal(() => h.engine.autoCall('k1')).code).toBe('queue_empty');
    const second = h.issue('passport');
    expect(tick()).toMatchObject([{ ticketId: second.id, auto: true }]);
  });

  it('is held by a cancel until the operator’s next call, stops while paused, and follows the operator for the day', () => {
    const { h, later, tick, k1 } = setUp();
    h.login('k1');
    h.run(h.engine.setAutoCall('k1', true));
    h.issue('passport');
    later(5);
    expect(h.run(h.engine.cancelAutoCall('k1'))).toMatchObject([{ type: 'counter.autoCallCancelled', counter: 'k1' }]);
    expect(k1().autoCallAt).toBeNull();
    expect(h.engine.cancelAutoCall('k1')).toEqual([]);
    later(60);
    expect(tick()).toEqual([]);
    // The operator's own call ends the hold: after that visit the countdown is back.
    h.callNext('k1');
    h.finish('k1');
    expect(k1().autoCallAt).toBe(h.now + 20 * SECOND);

    h.run(h.engine.pause('k1', 'break'));
    expect(k1().autoCallAt).toBeNull();
    later(600);
    h.run(h.engine.resume('k1'));
    expect(k1().autoCallAt).toBe(h.now + 20 * SECOND);

    // Logged out and back in: the operator's choice of the day comes back; another operator starts with it off.
    h.run(h.engine.logout('k1'));
    expect(k1()).toMatchObject({ autoCall: { on: false }, autoCallAt: null });
    h.login('k1');
    expect(k1()).toMatchObject({ autoCall: { on: true }, autoCallAt: h.now + 20 * SECOND });
    h.run(h.engine.logout('k1'));
    h.login('k1', 'bob');
    expect(k1().autoCall?.on).toBe(false);
    h.run(h.engine.setAutoCall('k1', true));
    expect(h.run(h.engine.setAutoCall('k1', false))).toMatchObject([{ type: 'counter.autoCallOff', operator: 'bob', reason: 'operator' }]);
    expect(k1().autoCallAt).toBeNull();
  });

  it('stops after three auto-called visitors in a row do not come, and says why', () => {
    const { h, later, tick, k1 } = setUp();
    h.login('k1');
    h.run(h.engine.setAutoCall('k1', true));
    for (let i = 0; i < 8; i++) h.issue('passport');
    const autoNoShow = () => {
      later(20);
      expect(tick()).toHaveLength(1);
      return h.run(h.engine.noShow('k1'));
    };
    autoNoShow();
    // A visitor who comes resets the count.
    later(20);
    tick();
    h.run(h.engine.start('k1'));
    h.finish('k1');
    autoNoShow();
    autoNoShow();
    // An operator's own call counts for nothing either way.
    h.callNext('k1');
    h.run(h.engine.noShow('k1'));
    expect(k1().autoCall).toEqual({ on: true, wrapUpSeconds: 20, stopped: null });
    const third = autoNoShow();
    expect(third).toMatchObject([
      { type: 'ticket.noShow', counter: 'k1' },
      { type: 'counter.autoCallOff', counter: 'k1', operator: 'op-k1', reason: 'no_shows' },
    ]);
    expect(k1()).toMatchObject({ autoCall: { on: false, stopped: 'no_shows' }, autoCallAt: null });
    later(60);
    expect(tick()).toEqual([]);
    // On again: the count and the reason are cleared.
    h.run(h.engine.setAutoCall('k1', true));
    expect(k1().autoCall).toEqual({ on: true, wrapUpSeconds: 20, stopped: null });
  });

  it('comes back exactly as it was when the day is replayed from the record', () => {
    const { h, later, tick } = setUp();
    h.login('k1');
    h.run(h.engine.setAutoCall('k1', true));
    h.issue('passport');
    later(20);
    tick();
    h.run(h.engine.noShow('k1'));
    later(3);
    const replayed = new QueueEngine(h.config, h.clock);
    replayed.apply(h.log);
    expect(snapshot(replayed)).toEqual(snapshot(h.engine));
    expect(replayed.counterState('k1').autoCallAt).toBe(h.now - 3 * SECOND + 20 * SECOND);
    expect(replayed.nextAutoCallAt()).toBe(h.engine.nextAutoCallAt());
  });
});
