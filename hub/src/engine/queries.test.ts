// The engine's read-only queries for counter terminals: what a counter may call (`line`) and an
// operator's figures of the day (`operatorToday`).
import { describe, expect, it } from 'vitest';
import { EngineError, QueueEngine } from './engine.js';
import { harness, MINUTE } from './test-fixtures.js';

describe('line', () => {
  it('lists the waiting tickets of the counter’s services, longest waiting first, across services', () => {
    const h = harness();
    const a1 = h.issue('passport');
    h.advance(1);
    h.issue('pension');
    h.advance(1);
    const a2 = h.issue('passport', { priority: 'veteran' });
    h.issue('archive', { channel: 'operator' });
    h.login('k2');
    h.login('k1');

    // k2 serves passport only; k1 serves passport, pension and archive.
    expect(h.engine.line('k2').waiting.map((t) => t.number)).toEqual([a1.number, a2.number]);
    const k1 = h.engine.line('k1');
    expect(k1.waiting.map((t) => t.number)).toEqual(['A-001', 'B-001', 'A-002', 'C-001']);
    expect(k1.waiting[2]).toEqual({
      id: a2.id,
      number: 'A-002',
      service: 'passport',
      channel: 'kiosk',
      priority: 'veteran',
      issuedAt: a2.issuedAt,
      queuedAt: a2.queuedAt,
      appointmentAt: null,
      targetCounter: null,
      targetOperator: null,
      sentBy: null,
      returned: false,
      transfers: 0,
      comment: null,
    });
    expect(k1.at).toBe(h.now);
    expect(k1.parked).toEqual([]);
    // A called ticket (the veteran: the interleave starts with a priority turn) leaves every line.
    expect(h.callNext('k2').id).toBe(a2.id);
    expect(h.engine.line('k1').waiting.map((t) => t.number)).toEqual(['A-001', 'B-001', 'C-001']);
  });

  it('names the ticket call-next would pick, and nothing when nobody waits', () => {
    const h = harness();
    h.login('k1');
    expect(h.engine.line('k1').next).toBeNull();
    h.issue('passport');
    h.issue('pension', { priority: 'veteran' });
    // The interleave starts with a priority turn: the veteran goes first though issued later.
    const line = h.engine.line('k1');
    expect(line.next).toBe('2026-11-23:B-001');
    expect(h.callNext('k1').id).toBe(line.next);
  });

  it('lists a ticket transferred to one counter only at that counter, even for a service it does not serve', () => {
    const h = harness();
    h.login('k1');
    h.login('k2');
    h.login('k3');
    h.issue('passport');
    h.callNext('k2');
    h.run(h.engine.transfer('k2', { service: 'pension', counter: 'k1', comment: 'needs the archive form' }));
    // k3 serves pension but the ticket is k1's; k1 lists it with the transfer's marks.
    expect(h.engine.line('k3').waiting).toEqual([]);
    expect(h.engine.line('k1').waiting).toMatchObject([
      { number: 'A-001', service: 'pension', targetCounter: 'k1', returned: true, transfers: 1, comment: 'needs the archive form' },
    ]);

    // Transferred to k2 for archive, which k2 does not serve: still k2's.
    h.callNext('k1');
    h.run(h.engine.transfer('k1', { service: 'archive', counter: 'k2' }));
    expect(h.engine.line('k2').waiting.map((t) => t.service)).toEqual(['archive']);
    expect(h.engine.line('k1').waiting).toEqual([]);
  });

  it('lists the tickets parked at the counter, and only there', () => {
    const h = harness();
    h.login('k1');
    h.login('k2');
    h.issue('passport');
    h.issue('passport');
    const first = h.callNext('k1');
    h.run(h.engine.park('k1'));
    expect(h.engine.line('k1').parked.map((t) => t.id)).toEqual([first.id]);
    expect(h.engine.line('k1').waiting.map((t) => t.number)).toEqual(['A-002']);
    expect(h.engine.line('k2').parked).toEqual([]);
    h.run(h.engine.unpark('k1', first.id));
    expect(h.engine.line('k1').parked).toEqual([]);
  });

  it('refuses an unknown counter', () => {
    const h = harness();
    expect(() => h.engine.line('k9')).toThrow(EngineError);
  });

  it('does not change what call-next does', () => {
    const h = harness();
    h.login('k1');
    h.issue('passport');
    h.issue('pension', { priority: 'veteran' });
    h.issue('passport');
    const before = structuredClone([...h.engine.tickets()]);
    for (let i = 0; i < 3; i++) h.engine.line('k1');
    expect([...h.engine.tickets()]).toEqual(before);
    expect([h.serveNext('k1'), h.serveNext('k1'), h.serveNext('k1')]).toEqual(['B-001:priority', 'A-001:normal', 'A-002:normal']);
  });
});

describe('operatorToday', () => {
  it('counts finished visits, no-shows and transfers, with the mean service time from the start', () => {
    const h = harness();
    h.login('k1', 'alice');
    for (let i = 0; i < 4; i++) h.issue('passport');
    expect(h.engine.operatorToday('alice')).toEqual({
      operator: 'alice',
      served: 0,
      noShows: 0,
      transferred: 0,
      averageServiceMs: null,
      at: h.now,
    });

    // Called, then 2 minutes before the start, 6 minutes of service: 6 minutes count.
    h.callNext('k1');
    h.advance(2);
    h.run(h.engine.start('k1'));
    h.advance(6);
    h.finish('k1');
    // Finished without a start: from the call, 4 minutes.
    h.callNext('k1');
    h.advance(4);
    h.finish('k1');
    h.callNext('k1');
    h.run(h.engine.noShow('k1'));
    h.callNext('k1');
    h.run(h.engine.transfer('k1', { service: 'pension', evenIfNoOtherWindow: true }));

    expect(h.engine.operatorToday('alice')).toMatchObject({ served: 2, noShows: 1, transferred: 1, averageServiceMs: 5 * MINUTE });
  });

  it('credits the operator who worked, at every counter they worked at, and nobody else', () => {
    const h = harness();
    for (let i = 0; i < 3; i++) h.issue('passport');
    h.login('k1', 'alice');
    h.login('k2', 'bob');
    h.serveNext('k1');
    h.serveNext('k2');
    // Alice moves to k4: the figures follow her, not the counter.
    h.login('k4', 'alice');
    h.serveNext('k4');
    h.login('k1', 'bob');
    expect(h.engine.operatorToday('alice').served).toBe(2);
    expect(h.engine.operatorToday('bob').served).toBe(1);
    expect(h.engine.operatorToday('nobody').served).toBe(0);
  });

  it('is rebuilt exactly by replaying the day’s events, and starts from zero the next day', () => {
    const h = harness();
    h.issue('passport');
    h.issue('passport');
    h.login('k1', 'alice');
    h.callNext('k1');
    h.advance(3);
    h.finish('k1');
    h.callNext('k1');
    h.run(h.engine.noShow('k1'));

    const replayed = new QueueEngine(h.config, h.clock);
    replayed.apply(h.log);
    expect(replayed.operatorToday('alice')).toEqual(h.engine.operatorToday('alice'));
    expect(replayed.operatorToday('alice')).toMatchObject({ served: 1, noShows: 1, averageServiceMs: 3 * MINUTE });

    h.advance(24 * 60);
    h.run(h.engine.closeDay());
    h.engine.startDay();
    expect(h.engine.operatorToday('alice')).toMatchObject({ served: 0, noShows: 0, averageServiceMs: null });
  });
});
