import { describe, expect, it } from 'vitest';
import { isQuiet, timeOfDay } from './quiet-hours.js';

// 2026-11-23 is in winter time: Kyiv is UTC+2.
const kyiv = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00+02:00`);

describe('quiet hours', () => {
  it('reads the time of day in the centre’s time zone', () => {
    expect(timeOfDay(kyiv('08:05'), 'Europe/Kyiv')).toBe('08:05');
    expect(timeOfDay(kyiv('08:05'), 'UTC')).toBe('06:05');
    expect(timeOfDay(kyiv('00:30'), 'Europe/Kyiv')).toBe('00:30');
  });

  it('is quiet from the start of a range up to, not including, its end', () => {
    const lunch = [['13:00', '14:00']] as const;
    expect(isQuiet(kyiv('12:59'), 'Europe/Kyiv', lunch)).toBe(false);
    expect(isQuiet(kyiv('13:00'), 'Europe/Kyiv', lunch)).toBe(true);
    expect(isQuiet(kyiv('13:59'), 'Europe/Kyiv', lunch)).toBe(true);
    expect(isQuiet(kyiv('14:00'), 'Europe/Kyiv', lunch)).toBe(false);
  });

  it('runs a range that ends before it starts past midnight', () => {
    const night = [['20:00', '08:00']] as const;
    expect(isQuiet(kyiv('21:00'), 'Europe/Kyiv', night)).toBe(true);
    expect(isQuiet(kyiv('07:59'), 'Europe/Kyiv', night)).toBe(true);
    expect(isQuiet(kyiv('08:00'), 'Europe/Kyiv', night)).toBe(false);
    expect(isQuiet(kyiv('12:00'), 'Europe/Kyiv', [])).toBe(false);
  });
});
