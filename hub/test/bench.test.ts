// The benchmark's quick mode runs in the test suite so that it cannot rot. Timings are not asserted
// here (speed is measured by `npm run bench`); that every section runs and reports its figures is.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../src/bench/summary.js';
import { REPO } from './harness.js';

describe('benchmark smoke run', () => {
  it('runs every section quickly and reports baselines, hub figures, the simulated days, call next by the queue, history, the planner, central, the central pages, perceived speed and goals', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(REPO, 'hub/dist/bench/main.js'), '--quick'], {
      env: { ...process.env, VIKNO_LOG_LEVEL: 'warn' },
    });
    const r = JSON.parse(readFileSync(join(REPO, 'bench/results/quick.json'), 'utf8')) as BenchResults;
    expect(r.quick).toBe(true);
    expect(stdout).toContain('raw SQLite commits');
    expect(stdout).toContain('call next → display');

    // Embedded aedes, and Debian's Mosquitto (installed here) as the external broker.
    expect(r.mqtt.map((m) => m.broker)).toEqual(['embedded (aedes)', expect.stringMatching(/^mosquitto \d/)]);
    for (const m of r.mqtt) {
      expect(m.throughput.median.rawCommitsPerSecond).toBeGreaterThan(0);
      expect(m.throughput.median.storeCommitsPerSecond).toBeGreaterThan(0);
      expect(m.throughput.median.hubCommandsPerSecond).toBeGreaterThan(0);
      const l = m.latency;
      for (const x of [l.rawIdle, l.rawLoaded, l.durableCommit, l.hopAndCommit, l.callToDisplay, l.kioskIssue]) {
        expect(x.n).toBeGreaterThan(0);
        expect(x.p99Ms).toBeGreaterThanOrEqual(x.p50Ms);
      }
      // The floor adds a commit to each hop, sample by sample.
      expect(l.hopAndCommit.n).toBe(l.rawLoaded.n);
      expect(l.hopAndCommit.p50Ms).toBeGreaterThan(l.rawLoaded.p50Ms);
      for (const ratio of Object.values(m.latency.ratios)) expect(Number.isFinite(ratio)).toBe(true);
    }

    const day = r.day!;
    expect(day.regional.completed).toBe(true);
    const o = day.regional.outcome!;
    expect(o.served + o.noShows + o.unserved + o.turnedAway).toBe(day.regional.visitors);
    expect(day.regional.outcome!.byGroup.length).toBeGreaterThan(0);
    // Every ticket of the day was told a wait at issue, measured against its first call (those turned
    // away at the kiosk had no ticket).
    expect(day.regional.promises!.all.n).toBe(day.regional.visitors - o.unserved - o.turnedAway);
    expect(day.regional.promises!.byGroup.length).toBe(day.regional.outcome!.byGroup.length);
    // The day at more counters: in the quick run 10× (the full run's 100× does not fit a test's time).
    expect(day.scaled.factor).toBe(10);
    expect(day.scaled.visitors).toBe(10 * day.regional.visitors);
    expect(day.scaled.counters).toBe(10 * day.regional.counters);
    expect(day.scaled.completed).toBe(true);

    expect(r.callNext.map((c) => c.waiting)).toEqual([100, 10_000, 100_000]);
    for (const c of r.callNext) {
      expect(c.call.n).toBe(c.calls);
      expect(c.summary.n).toBe(c.calls);
    }

    const history = r.history!;
    expect(history.days).toBeGreaterThan(1);
    expect(history.statistics.month.tickets).toBe(history.tickets);
    expect(history.report.month.tickets).toBe(history.tickets);
    expect(history.rssAfterStartMb).toBeGreaterThan(0);

    // The planner planned its day and said how it compares with Erlang C.
    expect(r.planner?.daysPlanned).toBe(1);
    expect(r.planner!.operatorHours).toBeGreaterThan(0);
    expect(r.planner!.erlangOperatorHours).toBeGreaterThan(0);
    // Central took every simulated hub's log and the day offline, and measured COPY beside them.
    expect(r.central?.rows).toBe(4000);
    expect(r.central!.copyRowsPerSecond).toBeGreaterThan(0);
    expect(r.central!.ingestRowsPerSecond).toBeGreaterThan(0);
    expect(r.central!.catchUp.seconds).toBeGreaterThan(0);
    // Perceived speed in Chromium: every path timed, each in the order things happen.
    const p = r.perceived!;
    expect(p.samples).toBe(3);
    for (const l of [
      p.callToReceived,
      p.callToShown,
      p.callToPainted,
      p.callToChime,
      p.chimeToFirstWord,
      p.touchToPrinter,
      p.touchToTicketShown,
    ])
      expect(l.n).toBe(3);
    expect(p.callToPainted.p50Ms).toBeGreaterThanOrEqual(p.callToShown.p50Ms);
    expect(p.callToShown.p50Ms).toBeGreaterThanOrEqual(p.callToReceived.p50Ms);
    expect(p.callToReceived.p50Ms).toBeGreaterThan(0);
    expect(p.touchToPrinter.p50Ms).toBeGreaterThan(0);
    expect(p.backgroundCommandsPerSecond).toBeGreaterThan(0);
    // The region's pages: 200 centres live, a small report (the full run's month does not fit a test).
    const pages = r.centralPages!;
    expect(pages.live.centres).toBe(200);
    for (const l of [pages.live.overview, pages.live.publicCentres, pages.live.publicByGroup]) {
      expect(l.n).toBe(20);
      expect(l.p95Ms).toBeGreaterThanOrEqual(l.p50Ms);
    }
    expect(pages.report.tickets).toBe(5 * 3 * 350);
    expect(Object.keys(pages.report.bySeconds)).toEqual(['centre', 'service', 'group', 'hour']);
    expect(stdout).toContain('── central pages: 200 centres live');
    expect(r.goals.map((g) => g.value)).not.toContain(null);
    // The goals are those of the project's targets, the call against its floor (a hop and a durable commit).
    expect(r.goals.find((g) => g.what.startsWith('call → display p99'))?.value).toBe(r.mqtt[0]!.latency.ratios.callP99ToHopAndCommitP99);
    expect(r.goals.find((g) => g.what.startsWith('admin report'))?.value).toBe(r.history!.report.month.medianMs);
  }, 420_000);
});
