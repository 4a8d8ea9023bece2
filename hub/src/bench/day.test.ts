// The waits promised at issue against the waits that followed, on a simulated day at a small scale:
// a quarter of the benchmark's day (875 visitors) at a quarter of its regional centre (80 counters),
// through the hub's own path (day.ts). `npm run bench` measures the full day.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCentre, REGIONAL_CENTRE } from './centre.js';
import { replayDay } from './day.js';

const dir = mkdtempSync(join(tmpdir(), 'vikno-day-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the waits promised on a simulated day', () => {
  it('are within 5 minutes of the wait that followed for 9 tickets in 10, neither short nor long on average', () => {
    const centre = generateCentre({ ...REGIONAL_CENTRE, counters: 80, deviceSecrets: false });
    const day = replayDay({ centre, visitors: 875, dir, seed: 20260303, commitGroup: 32, budgetSeconds: 120 });
    expect(day.completed).toBe(true);
    const all = day.promises!.all;
    // Every visitor given a ticket was promised a wait: those past their service's last ticket were not.
    expect(all.n).toBe(875 - day.outcome!.turnedAway);
    expect(day.outcome!.turnedAway).toBeLessThan(875 / 10);
    expect(all.p90Minutes).toBeLessThanOrEqual(5);
    expect(Math.abs(all.biasMinutes!)).toBeLessThanOrEqual(1);
    // Some tickets waited, so the promises were put to the test.
    expect(day.outcome!.waitP90Minutes).toBeGreaterThan(5);
  }, 120_000);
});
