// Calendar days in the site's time zone: ticket numbers restart and the engine's state begins anew
// at local midnight, whatever the server's own zone is.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function dayOf(at: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(at);
}

const HOUR = 3_600_000;

/**
 * The instants the day of `at` spans in the zone: from its first millisecond to the first of the next
 * day. A day is 23 to 25 hours long where clocks change, so its edges are found by bisection on
 * `dayOf`, which only moves forwards.
 */
export function dayBounds(at: number, timeZone: string): { start: number; end: number } {
  const day = dayOf(at, timeZone);
  /** Narrows [inside, outside] to two neighbouring milliseconds; returns them. */
  const edge = (inside: number, outside: number): [number, number] => {
    while (Math.abs(outside - inside) > 1) {
      const mid = Math.floor((inside + outside) / 2);
      if (dayOf(mid, timeZone) === day) inside = mid;
      else outside = mid;
    }
    return [inside, outside];
  };
  return { start: edge(at, at - 26 * HOUR)[0], end: edge(at, at + 26 * HOUR)[1] };
}
