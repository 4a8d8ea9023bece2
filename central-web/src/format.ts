// Times and durations as the region's pages say them: in the centre's own time zone, in the page's language.
import type { Locale } from './locale.js';

export function clock(locale: Locale, at: number, timeZone: string): string {
  return new Intl.DateTimeFormat(locale.lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(at);
}

export function date(locale: Locale, at: number, timeZone: string): string {
  return new Intl.DateTimeFormat(locale.lang, { day: 'numeric', month: 'long', timeZone }).format(at);
}

export function sameDay(a: number, b: number, timeZone: string): boolean {
  const f = new Intl.DateTimeFormat('sv', { timeZone });
  return f.format(a) === f.format(b);
}

/** Seconds as "12 min" (whole minutes, rounded down: a 14:59 wait is within a 15-minute target). */
export function minutes(locale: Locale, seconds: number | null): string {
  return seconds === null ? locale.t('central.none') : locale.t('central.minutes', { minutes: Math.floor(seconds / 60) });
}

export function share(locale: Locale, x: number | null): string {
  return x === null ? locale.t('central.none') : `${Math.round(x * 100)}%`;
}

export function nameOf(locale: Locale, names: Record<string, string>, id: string): string {
  return names[locale.lang] || names.uk || names.en || Object.values(names)[0] || id;
}
