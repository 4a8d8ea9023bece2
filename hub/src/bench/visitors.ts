// How visitors come and how long they stay, shared by the simulated day and the generated history.
import { logNormal } from '../planner/random.js';

/** Relative arrivals per opening hour, 08:00–19:00: a morning peak, a lunch dip, a smaller afternoon peak. */
export const HOURLY_ARRIVALS = [0.55, 1.25, 1.5, 1.45, 1.2, 0.95, 1.15, 1.1, 0.9, 0.75, 0.6, 0.5];

export const MINUTE = 60_000;

/** Cumulative shares of `weights`, ending at 1. */
export function cumulative(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w / total));
}

/** Index of the first bucket whose cumulative share reaches `u` (0 ≤ u < 1). */
export function pickIndex(cdf: readonly number[], u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Milliseconds after opening at which a visitor arrives, on the daily curve. */
export function arrivalOffset(hourCdf: readonly number[], random: () => number): number {
  return (pickIndex(hourCdf, random()) + random()) * 60 * MINUTE;
}

/** A visit's length, log-normal around the service's average. */
export function serviceTime(meanMinutes: number, random: () => number): number {
  return logNormal(meanMinutes, random) * MINUTE;
}
