// How often one client may do a thing that costs the centre something: a public booking holds a
// slot that a citizen could have had, and the page asks for a phone number it cannot verify, so a
// script with made-up numbers could otherwise take a whole day's slots.
import type { IncomingMessage } from 'node:http';

/** Past this many clients remembered, the ones with nothing left in the window are forgotten. */
const PRUNE_ABOVE = 1000;

export class RateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Counts one more for `key` when it has had fewer than `limit` in the last window: 0. Otherwise
   * counts nothing and answers how many milliseconds until it may again.
   */
  take(key: string, limit: number): number {
    const now = this.clock();
    const since = now - this.windowMs;
    const times = (this.recent.get(key) ?? []).filter((t) => t > since);
    if (times.length >= limit) {
      this.recent.set(key, times);
      return times[times.length - limit]! + this.windowMs - now;
    }
    times.push(now);
    this.recent.set(key, times);
    if (this.recent.size > PRUNE_ABOVE) this.prune(since);
    return 0;
  }

  private prune(since: number): void {
    for (const [key, times] of this.recent) if (!times.some((t) => t > since)) this.recent.delete(key);
  }
}

/**
 * The address a request came from. Behind a reverse proxy (`http.trustProxy`) every request comes
 * from the proxy: the client is then the last address the proxy added to X-Forwarded-For; earlier
 * ones are whatever the client chose to send, so they are never believed.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const direct = req.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return direct;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((h) => h.trim());
  return hops.filter(Boolean).at(-1) ?? direct;
}
