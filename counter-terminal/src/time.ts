import type { Locale } from '@vikno/shared/browser';
import { useEffect, useState } from 'react';

const MINUTE = 60_000;

/** The terminal's clock, ticking every `ms`. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** A wait in whole minutes (or hours and minutes), as the operator reads it at a glance. */
export function minutes(ms: number, locale: Locale): string {
  const total = Math.floor(Math.max(0, ms) / MINUTE);
  if (total < 1) return locale.t('counter.time.underMinute');
  if (total < 60) return locale.t('counter.time.minutes', { minutes: total });
  return locale.t('counter.time.hours', { hours: Math.floor(total / 60), minutes: String(total % 60).padStart(2, '0') });
}

/** A running timer: `4:07`, `1:02:09`. */
export function stopwatch(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  const mm = String(Math.floor(s / 60) % 60);
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}
