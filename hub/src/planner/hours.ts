// Local hours of the site's day: the planner's unit of time.
import { wallTime, zonedInstant } from '../appointments/hours.js';

export const HOUR_MS = 3_600_000;

/** The local hour (0–23) of an instant in the zone. */
export function hourOf(at: number, timeZone: string): number {
  return Number(wallTime(at, timeZone).slice(0, 2));
}

/** The instant a local hour of a day starts. */
export function hourStart(day: string, hour: number, timeZone: string): number {
  return zonedInstant(day, `${String(hour).padStart(2, '0')}:00`, timeZone);
}

/** The hours (0–23) a day's opening intervals touch, e.g. 08:00–20:00 → 8…19. */
export function openHours(intervals: readonly (readonly [string, string])[]): number[] {
  const hours = new Set<number>();
  for (const [open, close] of intervals) {
    const from = Number(open.slice(0, 2));
    const to = Math.ceil(Number(close.slice(0, 2)) + Number(close.slice(3, 5)) / 60);
    for (let h = from; h < to; h++) hours.add(h);
  }
  return [...hours].sort((a, b) => a - b);
}
