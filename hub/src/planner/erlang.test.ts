import { describe, expect, it } from 'vitest';
import { erlangC, shareWithin, windowsNeeded } from './erlang.js';

// The worked example of «Erlang C formula – made simple» (callcentrehelper.com), also in most
// workforce-planning texts: 100 arrivals in 30 minutes, 3-minute visits (10 erlangs), 11 windows →
// C = 68.21 %, 39.0 % answered within 20 s; 14 windows → 88.8 %.
describe('Erlang C', () => {
  const perMinute = 100 / 30;
  it('gives the textbook case its known answer', () => {
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(shareWithin(11, perMinute, 3, 20 / 60)).toBeCloseTo(0.39, 2);
    expect(shareWithin(14, perMinute, 3, 20 / 60)).toBeCloseTo(0.888, 3);
    expect(windowsNeeded(perMinute, 3, 20 / 60, 0.8, 100)).toBe(14);
  });

  it('stays in bounds for hundreds of windows, and says a load the windows cannot carry waits for ever', () => {
    const c = erlangC(400, 390);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
    expect(erlangC(10, 10)).toBe(1);
    expect(shareWithin(10, 1, 12, 15)).toBe(0);
    expect(windowsNeeded(0, 10, 15, 0.9, 5)).toBe(0);
    expect(windowsNeeded(10, 10, 15, 0.9, 5)).toBe(5);
  });
});
