// Erlang C: the M/M/c queue (Poisson arrivals, exponential visits, c windows, nobody leaves the
// line). The planner's quick estimate of the windows a service group needs in an hour; the
// simulation (simulate.ts) then checks it against the centre's real rules, which Erlang cannot see.
// Formulas: D. Gross, C. M. Harris, «Fundamentals of Queueing Theory» (4th ed., 2008), §2.3 (M/M/c):
// the probability of waiting C(c, a), and the wait's distribution P(W > t) = C(c, a)·e^(−(cμ − λ)t).

/**
 * The probability an arrival waits, C(c, a), for `c` windows and an offered load of `a` erlangs
 * (arrivals per minute × minutes per visit). Through Erlang B's recursion, which stays in [0, 1]
 * where the factorials of the textbook form overflow (a centre has hundreds of windows). 1 when the
 * load reaches the windows: the line then grows without end.
 */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (c <= a) return 1;
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

/** The share of arrivals called within `targetMinutes`, with `c` windows, `perMinute` arrivals and visits of `visitMinutes` on average. */
export function shareWithin(c: number, perMinute: number, visitMinutes: number, targetMinutes: number): number {
  const a = perMinute * visitMinutes;
  if (a <= 0) return 1;
  if (c <= a) return 0;
  return 1 - erlangC(c, a) * Math.exp((-(c - a) * targetMinutes) / visitMinutes);
}

/** The fewest windows (up to `most`) that call `share` of arrivals within the target; `most` when none does. */
export function windowsNeeded(perMinute: number, visitMinutes: number, targetMinutes: number, share: number, most: number): number {
  if (perMinute <= 0) return 0;
  let c = Math.max(1, Math.floor(perMinute * visitMinutes) + 1);
  while (c < most && shareWithin(c, perMinute, visitMinutes, targetMinutes) < share) c++;
  return Math.min(c, most);
}
