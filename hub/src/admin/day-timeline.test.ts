// Today replayed for the monitor's charts, from a hand-built log whose points are worked out by hand
// (target 15 min; the test centre's services are all in its one group, `main`).
import type { DomainEvent, Ticket } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { centre } from '../engine/test-fixtures.js';
import { dayTimeline } from './day-timeline.js';

const day = '2026-03-03';
const T0 = Date.parse('2026-03-03T07:00:00Z');
const at = (minutes: number) => T0 + minutes * 60_000;
const issued = (n: string, minute: number): DomainEvent => ({
  type: 'ticket.issued',
  at: at(minute),
  day,
  ticket: { id: n, day, number: n, service: 'passport', issuedAt: at(minute), queuedAt: at(minute) } as Ticket,
  token: n,
});
const called = (n: string, minute: number): DomainEvent => ({
  type: 'ticket.called',
  at: at(minute),
  day,
  ticketId: n,
  counter: 'k1',
  operator: 'alice',
  rule: 'normal',
});

const LOG: DomainEvent[] = [
  { type: 'counter.loggedIn', at: at(0), day, counter: 'k1', operator: 'alice', operatorName: 'Alice', device: 'c1' },
  issued('A-1', 1),
  issued('A-2', 2),
  called('A-1', 6),
  { type: 'counter.paused', at: at(7), day, counter: 'k1', reason: 'break' },
  { type: 'counter.resumed', at: at(19), day, counter: 'k1' },
  called('A-2', 20),
];

describe('today for the monitor charts', () => {
  it('a point every five minutes and one now: waiting, the longest wait per group, windows open, the share within target so far', () => {
    const d = dayTimeline(LOG, centre(), day, at(22));
    expect(d.groups).toEqual(['main']);
    expect(d.points.map((p) => [(p.at - T0) / 60_000, p.waiting, p.windowsOpen, p.withinTargetShare, p.groups[0]?.longestWaitMs])).toEqual([
      [0, 0, 1, null, 0],
      [5, 2, 1, null, 4 * 60_000],
      [10, 1, 0, 1, 8 * 60_000],
      [15, 1, 0, 1, 13 * 60_000],
      [20, 0, 1, 0.5, 0],
      [22, 0, 1, 0.5, 0],
    ]);
  });

  it('stops at now and has no points before the first event', () => {
    expect(dayTimeline([], centre(), day, at(22)).points).toEqual([]);
    expect(dayTimeline(LOG, centre(), day, at(3)).points.map((p) => p.waiting)).toEqual([0, 2]);
  });
});
