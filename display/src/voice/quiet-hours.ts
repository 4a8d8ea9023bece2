// Quiet hours: times of day, in the centre's time zone, when calls are shown but not announced.

/** `HH:MM` of `now` in `timeZone`. */
export function timeOfDay(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
}

/** True inside any [from, to) range; a range whose end is before its start runs past midnight. */
export function isQuiet(now: Date, timeZone: string, ranges: readonly (readonly [string, string])[]): boolean {
  const t = timeOfDay(now, timeZone);
  return ranges.some(([from, to]) => (from <= to ? from <= t && t < to : t >= from || t < to));
}
