import { centralApi, centreDetailSchema, overviewSchema } from '@vikno/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../store/test-database.js';
import { SEED_OFFLINE_MS, seedRegion } from '../store/test-seed.js';
import { addUser } from '../users/users.js';
import { type CentralHttp, startCentralHttp } from './server.js';

describe('the supervisors’ API', () => {
  let db: TestDatabase;
  let http: CentralHttp;
  const now = Date.now();
  beforeAll(async () => {
    db = await startTestDatabase();
    await seedRegion(db.pool, now);
    await addUser(db.pool, { username: 'region', name: 'Оксана', password: 'region-pass' });
    await addUser(db.pool, { username: 'district', name: 'Петро', password: 'district-pass', sites: ['irpin', 'bucha'] });
    http = await startCentralHttp({ pool: db.pool, log: pino({ level: 'silent' }), port: 0, now: () => now });
  });
  afterAll(async () => {
    await http?.close();
    await db?.close();
  });

  const get = (path: string, cookie?: string) => fetch(`${http.url}${path}`, { headers: cookie ? { cookie } : {} });
  const signIn = async (username: string, password: string) => {
    const res = await fetch(`${http.url}${centralApi.login.url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return { res, cookie: res.headers.get('set-cookie')?.split(';')[0] };
  };

  it('refuses every supervisor route without a session', async () => {
    for (const path of [
      '/api/central/session',
      '/api/central/overview',
      '/api/central/centres/irpin',
      '/api/central/report?from=2026-01-01&to=2026-01-02&by=centre',
    ])
      expect((await get(path)).status, path).toBe(401);
    expect((await get('/api/central/overview', 'vikno_central=forged')).status).toBe(401);
  });

  it('refuses a wrong password, and locks the name after five', async () => {
    expect((await signIn('region', 'nope')).res.status).toBe(401);
    expect((await signIn('nobody', 'nope')).res.status).toBe(401);
    for (let i = 0; i < 5; i++) await signIn('district', 'wrong');
    const locked = await signIn('district', 'district-pass');
    expect(locked.res.status).toBe(429);
    expect(Number(locked.res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('gives a region user every centre, with the offline one said so since when', async () => {
    const { res, cookie } = await signIn('region', 'region-pass');
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict; Path=\/api\/central/);
    const overview = overviewSchema.parse(await (await get('/api/central/overview', cookie)).json());
    expect(overview.centres.map((c) => c.site)).toEqual(['bucha', 'fastiv', 'irpin', 'kyiv-central', 'obukhiv']);
    const fastiv = overview.centres.find((c) => c.site === 'fastiv')!;
    expect(fastiv).toMatchObject({ online: false, stale: true, offlineSince: now - SEED_OFFLINE_MS });
    const kyiv = overview.centres.find((c) => c.site === 'kyiv-central')!;
    expect(kyiv).toMatchObject({ online: true, stale: false, waiting: 45, longestWaitSeconds: 1560, windowsOpen: 15, windowsTotal: 20 });
    expect(kyiv.withinTargetShare).toBeCloseTo(281 / 367);
    expect(overview.centres.find((c) => c.site === 'obukhiv')!.integrityAlerts).toMatchObject([{ kind: 'cursor_backwards', seq: 18234 }]);
  });

  it('gives a district user only their centres, and refuses the others’ figures', async () => {
    const { cookie } = await signIn('region', 'region-pass');
    await addUser(db.pool, { username: 'district2', name: 'Петро', password: 'district-pass', sites: ['irpin', 'bucha'] });
    const district = (await signIn('district2', 'district-pass')).cookie;
    const overview = overviewSchema.parse(await (await get('/api/central/overview', district)).json());
    expect(overview.centres.map((c) => c.site)).toEqual(['bucha', 'irpin']);
    expect((await get('/api/central/centres/kyiv-central', district)).status).toBe(403);
    expect((await get('/api/central/centres/irpin', district)).status).toBe(200);
    expect((await get('/api/central/centres/nowhere', cookie)).status).toBe(404);
    const report = (await (await get('/api/central/report?from=2000-01-01&to=2100-01-01&by=centre', district)).json()) as {
      rows: { key: string }[];
    };
    expect(report.rows.map((r: { key: string }) => r.key)).toEqual(['bucha', 'irpin']);
    const csv = await (await get('/api/central/report.csv?from=2000-01-01&to=2100-01-01&by=centre', district)).text();
    expect(csv).not.toContain('kyiv-central');
  });

  it('signs out: the cookie no longer opens anything', async () => {
    const { cookie } = await signIn('region', 'region-pass');
    const out = await fetch(`${http.url}${centralApi.logout.url}`, {
      method: 'POST',
      headers: { cookie: cookie!, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect((await get('/api/central/overview', cookie)).status).toBe(401);
  });

  it('drills down to one centre: its groups now and today by hour', async () => {
    const { cookie } = await signIn('region', 'region-pass');
    const detail = centreDetailSchema.parse(await (await get('/api/central/centres/kyiv-central', cookie)).json());
    expect(detail.groups.map((g) => g.id)).toEqual(['passports', 'registration', 'social', 'vehicles']);
    expect(detail.hours.reduce((n, h) => n + h.issued, 0)).toBe(80);
  });
});
