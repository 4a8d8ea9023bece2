import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

const HOUR = 3_600_000;

describe('RateLimiter', () => {
  it('allows `limit` in a window, then says how long until the oldest leaves it', () => {
    let now = 0;
    const limiter = new RateLimiter(HOUR, () => now);
    expect([limiter.take('a', 3), limiter.take('a', 3)]).toEqual([0, 0]);
    now = 10 * 60_000;
    expect(limiter.take('a', 3)).toBe(0);
    expect(limiter.take('a', 3)).toBe(HOUR - 10 * 60_000);
    // Another client has its own count.
    expect(limiter.take('b', 3)).toBe(0);
    // A refusal does not count: once the first two leave the window, two more may come.
    now = HOUR + 1;
    expect([limiter.take('a', 3), limiter.take('a', 3), limiter.take('a', 3)]).toEqual([0, 0, 10 * 60_000 - 1]);
  });

  it('forgets clients with nothing left in the window once it remembers many', () => {
    let now = 0;
    const limiter = new RateLimiter(HOUR, () => now);
    for (let i = 0; i < 1000; i++) limiter.take(`old-${i}`, 1);
    now = 2 * HOUR;
    limiter.take('new-1', 1);
    limiter.take('new-2', 1);
    expect((limiter as unknown as { recent: Map<string, number[]> }).recent.size).toBe(2);
    // The forgotten may come back with a fresh count, the remembered may not.
    expect(limiter.take('old-1', 1)).toBe(0);
    expect(limiter.take('new-1', 1)).toBe(HOUR);
  });

  it('waits without counting, counts without asking, and forgets a key on demand', () => {
    let now = 0;
    const limiter = new RateLimiter(HOUR, () => now);
    expect(limiter.wait('u', 2)).toBe(0);
    limiter.count('u');
    now = 1000;
    limiter.count('u');
    limiter.count('u');
    expect(limiter.wait('u', 2)).toBe(HOUR);
    expect(limiter.wait('u', 2)).toBe(HOUR);
    limiter.forget('u');
    expect(limiter.wait('u', 2)).toBe(0);
  });
});
