// Wall-clock times in the site's time zone: business hours, slot starts and day boundaries are local
// times, whatever the server's own zone is (see also engine/day.ts).
import { type Config, type Weekday, weekdays } from '@vikno/shared';

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(at: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of f.formatToParts(at)) if (p.type in out) out[p.type as keyof typeof out] = Number(p.value);
  return out;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(at: number, timeZone: string): number {
  const p = partsOf(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (at - (((at % 1000) + 1000) % 1000));
}

/** The instant a wall-clock time of a day has in the zone (`2026-03-02`, `09:15`). */
export function zonedInstant(day: string, hhmm: string, timeZone: string): number {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  const [h = 0, min = 0] = hhmm.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, h, min);
  // Twice: the offset at the first guess may differ from the one at the answer around a DST change.
  const guess = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(guess, timeZone);
}

/** `HH:MM` of an instant in the zone. */
export function wallTime(at: number, timeZone: string): string {
  const p = partsOf(at, timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

export function addDays(day: string, n: number): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export function weekdayOf(day: string): Weekday {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  // getUTCDay: 0 is Sunday; `weekdays` starts on Monday.
  return weekdays[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
}

/** The [open, close) intervals of a day, as `HH:MM` pairs; none when the centre is closed (a holiday too). */
export function hoursOf(config: Config, day: string): readonly (readonly [string, string])[] {
  if (config.site.holidays.includes(day)) return [];
  return config.site.businessHours[weekdayOf(day)] ?? [];
}
