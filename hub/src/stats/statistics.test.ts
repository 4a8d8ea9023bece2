// The supervisor statistics against a known record: two days of work decided by the engine and
// written by the store, with every figure worked out by hand below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centre, type Harness, harness, MINUTE, MORNING } from '../engine/test-fixtures.js';
import { Store } from '../store/store.js';
import { tempDbFile } from '../store/test-fixtures.js';
import { openStatistics, type Statistics } from './statistics.js';

const DAY1 = '2026-11-23';
const DAY2 = '2026-11-24';
const target = { targetWaitMinutes: 15 };
const file = tempDbFile();
let stats: { statistics: Statistics; close(): void };

/** Moves the harness's clock to a minute past its morning (09:00). */
const at = (h: Harness, start: number, minute: number) => {
  h.now = start + minute * MINUTE;
};

beforeAll(() => {
  const config = centre();
  const store = new Store(file.file);

  // Day 1, from 09:00. k2 serves passport, k3 pension.
  const d1 = harness(config, MORNING);
  d1.login('k2', 'alice');
  d1.login('k3', 'bob');
  const a1 = d1.issue('passport'); // 09:00
  at(d1, MORNING, 1);
  const a2 = d1.issue('passport'); // 09:01
  at(d1, MORNING, 2);
  const b1 = d1.issue('pension'); // 09:02
  at(d1, MORNING, 3);
  d1.issue('pension'); // 09:03, never called: expires at the day's close
  at(d1, MORNING, 4);
  expect(d1.callNext('k3').id).toBe(b1.id); // waited 2 min
  at(d1, MORNING, 5);
  expect(d1.callNext('k2').id).toBe(a1.id); // waited 5 min
  at(d1, MORNING, 6);
  d1.run(d1.engine.start('k2'));
  at(d1, MORNING, 10);
  d1.run(d1.engine.transfer('k3', { service: 'passport' })); // B-001 goes back, ahead, into passport
  at(d1, MORNING, 16);
  d1.finish('k2'); // 11 min from its call
  expect(d1.callNext('k2').id).toBe(b1.id); // a second call: its wait stays 2 min
  at(d1, MORNING, 30);
  d1.finish('k2'); // B-001: 14 min from this call
  at(d1, MORNING, 31);
  expect(d1.callNext('k2').id).toBe(a2.id); // waited 30 min
  at(d1, MORNING, 33);
  d1.run(d1.engine.noShow('k2'));
  at(d1, MORNING, 15 * 60);
  d1.run(d1.engine.closeDay());
  store.commit({ events: d1.log, tickets: [...d1.engine.tickets()] });

  // Day 2: one visit called after 20 minutes, and one still waiting.
  const morning2 = MORNING + 24 * 60 * MINUTE;
  const d2 = harness(config, morning2);
  d2.login('k2', 'alice');
  // Tokens are unique across days; the harness numbers them from 1 each day.
  d2.issue('passport', { token: 'day2-token-1' });
  at(d2, morning2, 20);
  d2.callNext('k2');
  at(d2, morning2, 30);
  d2.finish('k2');
  d2.issue('pension', { token: 'day2-token-2' });
  store.commit({ events: d2.log, tickets: [...d2.engine.tickets()] });
  store.close();
  stats = openStatistics(file.file);
});

afterAll(() => {
  stats.close();
  file.remove();
});

describe('period statistics', () => {
  it('counts a day per service: outcomes, waits to the first call, the target, service times', () => {
    const day = stats.statistics.forPeriod({ from: DAY1, to: DAY1 }, target);
    expect(day.lines.map((l) => l.key)).toEqual(['passport', 'pension']);
    // A transferred ticket counts under the service it ended in: B-001 is passport's now.
    expect(day.lines[0]).toEqual({
      key: 'passport',
      issued: 3,
      called: 3,
      served: 2,
      noShows: 1,
      expired: 0,
      open: 0,
      // Waits 2, 5, 30: nearest rank.
      waitP50Minutes: 5,
      waitP90Minutes: 30,
      withinTargetShare: 0.667,
      // (11 + 14) / 2
      meanServiceMinutes: 12.5,
    });
    expect(day.lines[1]).toEqual({
      key: 'pension',
      issued: 1,
      called: 0,
      served: 0,
      noShows: 0,
      expired: 1,
      open: 0,
      waitP50Minutes: null,
      waitP90Minutes: null,
      // Expired uncalled: a known miss.
      withinTargetShare: 0,
      meanServiceMinutes: null,
    });
    expect(day.total).toMatchObject({ key: 'all', issued: 4, called: 3, served: 2, noShows: 1, expired: 1, withinTargetShare: 0.5 });
  });

  it('gives each counter the visits it finished and the time they took', () => {
    const day = stats.statistics.forPeriod({ from: DAY1, to: DAY1 }, target);
    expect(day.counters).toEqual([{ counter: 'k2', served: 2, noShows: 1, busyMinutes: 25, meanServiceMinutes: 12.5 }]);
  });

  it('leaves a ticket still waiting out of the target share, and spans several days', () => {
    const second = stats.statistics.forPeriod({ from: DAY2, to: DAY2 }, target);
    expect(second.total).toMatchObject({ issued: 2, called: 1, served: 1, open: 1, waitP50Minutes: 20, withinTargetShare: 0 });
    const both = stats.statistics.forPeriod({ from: DAY1, to: DAY2 }, target);
    expect(both.lines.find((l) => l.key === 'passport')).toMatchObject({
      issued: 4,
      // Waits 2, 5, 20, 30.
      waitP50Minutes: 5,
      waitP90Minutes: 30,
      withinTargetShare: 0.5,
    });
    expect(both.counters).toEqual([{ counter: 'k2', served: 3, noShows: 1, busyMinutes: 35, meanServiceMinutes: 11.7 }]);
    expect(stats.statistics.forPeriod({ from: '2026-11-25', to: '2026-11-30' }, target).total.issued).toBe(0);
  });

  it('groups services under the keys it is given, e.g. their service groups', () => {
    const grouped = stats.statistics.forPeriod({ from: DAY1, to: DAY1 }, { ...target, groupBy: new Map([['passport', 'documents']]) });
    expect(grouped.lines.map((l) => [l.key, l.issued])).toEqual([
      ['documents', 3],
      ['pension', 1],
    ]);
  });

  it('measures the wait against the target given', () => {
    const strict = stats.statistics.forPeriod({ from: DAY1, to: DAY1 }, { targetWaitMinutes: 3 });
    // Only B-001 (2 min) of the three called, and the expired one: 1 of 4.
    expect(strict.total.withinTargetShare).toBe(0.25);
  });
});
