// How often one client may do a thing within a window of time: a public booking from one address
// (it holds a slot a citizen could have had), a wrong PIN for one username (pin-attempts.ts).

/** Past this many keys remembered, the ones with nothing left in the window are forgotten. */
const PRUNE_ABOVE = 1000;

export class RateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may again, having had `limit` in the window; 0 when it may now. */
  wait(key: string, limit: number): number {
    const times = this.within(key);
    return times.length < limit ? 0 : times[times.length - limit]! + this.windowMs - this.clock();
  }

  count(key: string, at = this.clock()): void {
    const times = this.within(key);
    times.push(at);
    this.recent.set(key, times);
    if (this.recent.size > PRUNE_ABOVE) {
      for (const k of this.recent.keys()) if (!this.within(k).length) this.recent.delete(k);
    }
  }

  /** Takes back the latest count: an attempt counted before it was checked, which turned out fine. */
  release(key: string): void {
    this.recent.get(key)?.pop();
  }

  forget(key: string): void {
    this.recent.delete(key);
  }

  /** `wait`, counting one more when it is 0: a refusal does not count. */
  take(key: string, limit: number): number {
    const wait = this.wait(key, limit);
    if (wait === 0) this.count(key);
    return wait;
  }

  private within(key: string): number[] {
    const since = this.clock() - this.windowMs;
    return (this.recent.get(key) ?? []).filter((t) => t > since);
  }
}
