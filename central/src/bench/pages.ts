// The region's pages under load, on a throwaway PostgreSQL cluster: the supervisors' overview and the
// public centres API with 200 centres live (each summary as large as a regional centre's: 10 groups,
// 42 services), and a month's cross-centre report on 50 centres × 30 days × 3,500 visitors
// (5.25 million tickets, generated inside PostgreSQL, then folded into the report rollups). Requests go over HTTP to central's server,
// one at a time, as a supervisor's page and a city website would send them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CentralLive, centralReportDimensions } from '@vikno/shared';
import pg from 'pg';
import { pino } from 'pino';
import { startCentralHttp } from '../http/server.js';
import { migrate } from '../store/migrate.js';
import { startPgCluster } from '../store/pg-cluster.js';
import { freePort } from '../store/test-database.js';
import { generateTickets, putLive, putSite } from '../store/test-seed.js';
import { addUser } from '../users/users.js';
import { foldAllReportDays } from '../views/report-rollup.js';

export interface Latency {
  n: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface CentralPagesResults {
  live: { centres: number; summaryBytes: number; overview: Latency; publicCentres: Latency; publicByGroup: Latency };
  report: {
    centres: number;
    days: number;
    perDay: number;
    tickets: number;
    generateSeconds: number;
    /** Folding the month into the report rollups (once per day changed, every minute in service). */
    foldSeconds: number;
    /** tickets with its indexes, on disk. */
    recordBytes: number;
    /** The slowest of the runs of each dimension, seconds. */
    bySeconds: Record<string, number>;
    worstSeconds: number;
  };
}

function latency(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! * 100) / 100;
  return { n: s.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: at(1) };
}

/** A regional centre's summary: 10 groups of 4–5 services. */
function bigSummary(site: string, i: number, at: number): CentralLive {
  const groups = Array.from({ length: 10 }, (_, g) => ({
    id: `group-${g}`,
    name: { uk: `Група послуг ${g}`, en: `Service group ${g}` },
    waiting: (i * 7 + g * 3) % 40,
    longestWaitSeconds: ((i + g) % 50) * 60,
    estimatedWaitMinutes: (i * 3 + g) % 45,
    windowsOpen: 1 + ((i + g) % 4),
  }));
  return {
    site,
    at,
    name: { uk: `ЦНАП № ${i}`, en: `Service centre no. ${i}` },
    timezone: 'Europe/Kyiv',
    hours: { opens: '08:00', closes: '20:00' },
    openNow: true,
    catalogueVersion: '2026-12-01',
    windowsOpen: 25,
    windowsTotal: 32,
    today: { issued: 1800, called: 1700, withinTarget: 1300, targetMinutes: 15 },
    groups,
    services: Array.from({ length: 42 }, (_, s) => ({
      id: `service-${s}`,
      group: `group-${s % 10}`,
      name: { uk: `Послуга ${s} — довга назва, як у справжньому каталозі`, en: `Service ${s} — a long name, as in a real catalogue` },
      waiting: (i + s) % 9,
      longestWaitSeconds: ((i + s) % 30) * 60,
    })),
    deviceAlerts: i % 17 === 0 ? [{ device: 'kiosk-1', kind: 'paper_low', since: at - 600_000 }] : [],
  };
}

export async function benchCentralPages(opts: {
  liveCentres: number;
  requests: number;
  reportCentres: number;
  days: number;
  perDay: number;
  reportRuns: number;
  log?: (line: string) => void;
}): Promise<CentralPagesResults> {
  const say = opts.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'vikno-bench-central-'));
  const cluster = startPgCluster(dir, await freePort());
  const pool = new pg.Pool({ connectionString: cluster.url, max: 8 });
  try {
    await migrate(pool);
    const now = Date.now();
    let summaryBytes = 0;
    for (let i = 0; i < opts.liveCentres; i++) {
      const site = `centre-${String(i).padStart(3, '0')}`;
      await putSite(pool, site, i % 25 === 0 ? { online: false, offlineSince: now - 3600_000 } : { online: true });
      const summary = bigSummary(site, i, now - 3000);
      summaryBytes = JSON.stringify(summary).length;
      await putLive(pool, summary);
    }
    await addUser(pool, { username: 'bench', name: 'Bench', password: 'bench-password' });
    const http = await startCentralHttp({ pool, log: pino({ level: 'warn' }), port: 0 });
    try {
      const login = await fetch(`${http.url}/api/central/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const timed = async (path: string, n: number) => {
        const samples: number[] = [];
        for (let i = 0; i < n + 3; i++) {
          const t = performance.now();
          const res = await fetch(`${http.url}${path}`, { headers: { cookie } });
          if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
          await res.arrayBuffer();
          // The first three warm the connection and the JIT.
          if (i >= 3) samples.push(performance.now() - t);
        }
        return latency(samples);
      };
      say(`central pages: ${opts.liveCentres} centres live, ${opts.requests} requests each`);
      const live = {
        centres: opts.liveCentres,
        summaryBytes,
        overview: await timed('/api/central/overview', opts.requests),
        publicCentres: await timed('/api/public/centres', opts.requests),
        publicByGroup: await timed('/api/public/centres?group=group-3', opts.requests),
      };

      const sites = Array.from({ length: opts.reportCentres }, (_, i) => `centre-${String(i).padStart(3, '0')}`);
      const first = new Date(now - (opts.days + 1) * 86_400_000).toISOString().slice(0, 10);
      const last = new Date(Date.parse(first) + (opts.days - 1) * 86_400_000).toISOString().slice(0, 10);
      say(`central report: generating ${sites.length} × ${opts.days} days × ${opts.perDay} tickets`);
      const g0 = performance.now();
      await generateTickets(pool, { sites, from: first, days: opts.days, perDay: opts.perDay });
      await pool.query('VACUUM ANALYZE tickets');
      const generateSeconds = Math.round((performance.now() - g0) / 100) / 10;
      // The month's days into the rollups, as the server's minute timer would have done as they came.
      const f0 = performance.now();
      await foldAllReportDays(pool);
      await pool.query('VACUUM ANALYZE report_by_service, report_by_hour');
      const foldSeconds = Math.round((performance.now() - f0) / 100) / 10;
      say(`central report: generated in ${generateSeconds} s, folded in ${foldSeconds} s`);
      const { rows } = await pool.query<{ n: string; bytes: string }>(
        "SELECT count(*) AS n, pg_total_relation_size('tickets') AS bytes FROM tickets",
      );
      const bySeconds: Record<string, number> = {};
      for (const by of centralReportDimensions) {
        let worst = 0;
        for (let r = 0; r < opts.reportRuns; r++) {
          const t = performance.now();
          const res = await fetch(`${http.url}/api/central/report?from=${first}&to=${last}&by=${by}`, { headers: { cookie } });
          if (!res.ok) throw new Error(`report by ${by}: HTTP ${res.status}`);
          await res.arrayBuffer();
          worst = Math.max(worst, (performance.now() - t) / 1000);
        }
        bySeconds[by] = Math.round(worst * 1000) / 1000;
        say(`central report by ${by}: ${bySeconds[by]} s`);
      }
      return {
        live,
        report: {
          centres: sites.length,
          days: opts.days,
          perDay: opts.perDay,
          tickets: Number(rows[0]!.n),
          generateSeconds,
          foldSeconds,
          recordBytes: Number(rows[0]!.bytes),
          bySeconds,
          worstSeconds: Math.max(...Object.values(bySeconds)),
        },
      };
    } finally {
      await http.close();
    }
  } finally {
    await pool.end();
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
