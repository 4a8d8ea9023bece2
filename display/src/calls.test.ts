import type { Call, TransferNotice } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { ArrivingCalls, BoardView, boardCalls, displayZone } from './calls.js';

const call = (number: string, at: number, more: Partial<Call> = {}): Call => ({
  ticketId: `2026-11-23:${number}`,
  number,
  service: 'passport',
  counter: 'w1',
  window: 1,
  zone: 'front-office',
  at,
  recall: 0,
  ...more,
});

describe('arriving calls', () => {
  it('announces nothing from the first list, then the new calls oldest first', () => {
    const arriving = new ArrivingCalls();
    const a = call('A-001', 1);
    const b = call('A-002', 2);
    const c = call('A-003', 3);
    expect(arriving.next([a])).toEqual([]);
    expect(arriving.next([c, b, a])).toEqual([b, c]);
    expect(arriving.next([c, b, a])).toEqual([]);
  });

  it('counts a recall as a new call of the same ticket', () => {
    const arriving = new ArrivingCalls();
    const first = call('A-001', 1);
    arriving.next([first]);
    const recall = { ...first, at: 5, recall: 1 };
    expect(arriving.next([recall, first])).toEqual([recall]);
  });

  it('takes the first list after a reconnection as known, even with calls it never saw', () => {
    const arriving = new ArrivingCalls();
    const a = call('A-001', 1);
    arriving.next([a]);
    arriving.reconnected();
    const whileAway = call('A-002', 2);
    expect(arriving.next([whileAway, a])).toEqual([]);
    const after = call('A-003', 3);
    expect(arriving.next([after, whileAway, a])).toEqual([after]);
  });
});

describe('board calls', () => {
  it('shows each ticket once, at its latest call, newest first', () => {
    const first = call('A-001', 1);
    const other = call('B-001', 2, { window: 2, counter: 'w2' });
    const recall = { ...first, at: 3, recall: 1 };
    expect(boardCalls([recall, other, first], null)).toEqual([recall, other]);
  });

  it('keeps only the zone of a display limited to one', () => {
    const front = call('A-001', 1);
    const pickup = call('V-001', 2, { zone: 'pickup', counter: 'w10', window: 10 });
    expect(boardCalls([pickup, front], 'pickup')).toEqual([pickup]);
    expect(displayZone({ devices: [{ id: 'display-pickup', role: 'display', zone: 'pickup' }] }, 'display-pickup')).toBe('pickup');
    expect(displayZone({ devices: [{ id: 'display-hall', role: 'display' }] }, 'display-hall')).toBeNull();
  });
});

describe('board view', () => {
  it('changes with the zone’s calls and the transfers to its services, not with the rest of the centre', () => {
    const view = new BoardView('front-office', new Set(['passport']));
    const front = call('A-001', 1);
    const pickup = (n: number) => call(`V-00${n}`, 10 + n, { zone: 'pickup', service: 'pickup', counter: 'w10', window: 10 });
    const transfer = (service: string): TransferNotice => ({
      ticketId: `2026-11-23:T-${service}`,
      number: `T-${service}`,
      service,
      target: { to: 'service', window: null },
      at: 5,
    });
    expect(view.changed([front], [])).toBe(true);
    expect(view.changed([front], [])).toBe(false);
    expect(view.changed([pickup(1), front], [])).toBe(false);
    expect(view.changed([pickup(2), pickup(1), front], [transfer('pickup')])).toBe(false);
    expect(view.changed([pickup(2), pickup(1), front], [transfer('passport'), transfer('pickup')])).toBe(true);
    const recall = { ...front, at: 20, recall: 1 };
    expect(view.changed([recall, pickup(2), pickup(1), front], [transfer('passport'), transfer('pickup')])).toBe(true);
    // The zone's last call falls off the centre's recent calls: the board loses its row.
    expect(view.changed([pickup(3), pickup(2)], [transfer('passport')])).toBe(true);
  });
});
