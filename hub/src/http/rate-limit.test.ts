import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, RateLimiter } from './rate-limit.js';

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
});

describe('clientAddress', () => {
  const req = (remote: string, forwarded?: string | string[]) =>
    ({
      socket: { remoteAddress: remote },
      headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
    }) as unknown as IncomingMessage;

  it("is the connection's address unless a proxy is trusted: a client cannot pick its own", () => {
    expect(clientAddress(req('10.0.0.5', '1.2.3.4'), false)).toBe('10.0.0.5');
  });

  it('behind a trusted proxy, is the last address the proxy added', () => {
    expect(clientAddress(req('10.0.0.1', 'spoofed, 203.0.113.7'), true)).toBe('203.0.113.7');
    expect(clientAddress(req('10.0.0.1', ['spoofed', '203.0.113.8']), true)).toBe('203.0.113.8');
    expect(clientAddress(req('10.0.0.1'), true)).toBe('10.0.0.1');
  });
});
