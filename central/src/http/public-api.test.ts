import { CENTRAL_STALE_SECONDS, publicCentresSchema } from '@vikno/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../store/test-database.js';
import { liveSummary, putLive, SEED_OFFLINE_MS, SEED_REGION, seedRegion } from '../store/test-seed.js';
import { type CentralHttp, startCentralHttp } from './server.js';

describe('the public centres API', () => {
  let db: TestDatabase;
  let http: CentralHttp;
  const now = Date.now();
  beforeAll(async () => {
    db = await startTestDatabase();
    await seedRegion(db.pool, now, { history: false });
    http = await startCentralHttp({ pool: db.pool, log: pino({ level: 'silent' }), port: 0, now: () => now });
  });
  afterAll(async () => {
    await http?.close();
    await db?.close();
  });
  const centres = async (query = '') => {
    const res = await fetch(`${http.url}/api/public/centres${query}`, { headers: { origin: 'https://city.example' } });
    expect(res.status).toBe(200);
    return { res, body: publicCentresSchema.parse(await res.json()) };
  };

  it('answers any origin, cacheable for a few seconds, without signing in', async () => {
    const { res, body } = await centres();
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('public, max-age=5');
    expect(body.centres).toHaveLength(5);
    expect(body.groups.map((g) => g.id).sort()).toEqual(['passports', 'registration', 'social', 'vehicles']);
    expect(body.groups.find((g) => g.id === 'passports')?.name).toEqual({ uk: 'Паспорти', en: 'Passports' });
  });

  it('sorts the centres offering a group by estimated wait among those live and open; an offline one is stale, never live', async () => {
    const { body } = await centres('?group=passports');
    expect(body.centres.map((c) => [c.site, c.live, c.estimatedWaitMinutes])).toEqual([
      ['bucha', true, 4],
      ['irpin', true, 8],
      ['obukhiv', true, 19],
      ['kyiv-central', true, 24],
      // Fastiv's wait is the shortest it sent, but from an hour and a half ago: after every live one.
      ['fastiv', false, 2],
    ]);
    expect(body.centres.find((c) => c.site === 'fastiv')?.dataAt).toBe(now - SEED_OFFLINE_MS);
  });

  it('puts the centres not offering a service last, and takes the service’s group wait', async () => {
    const { body } = await centres('?service=vehicle-reg');
    expect(body.centres[0]).toMatchObject({ site: 'kyiv-central', offers: true, estimatedWaitMinutes: 6 });
    expect(body.centres.slice(1).every((c) => !c.offers && c.estimatedWaitMinutes === null)).toBe(true);
  });

  it('calls an online hub’s summary stale once it is older than the limit', async () => {
    const irpin = SEED_REGION.find((c) => c.site === 'irpin')!;
    await putLive(db.pool, liveSummary(irpin, now - (CENTRAL_STALE_SECONDS + 1) * 1000));
    const { body } = await centres('?group=passports');
    expect(body.centres.find((c) => c.site === 'irpin')).toMatchObject({ live: false, windowsOpen: 0 });
    expect(body.centres.at(-1)?.site === 'irpin' || body.centres.at(-2)?.site === 'irpin').toBe(true);
    await putLive(db.pool, liveSummary(irpin, now - 5_000));
  });

  it('refuses a malformed query with the field named', async () => {
    const res = await fetch(`${http.url}/api/public/centres?group=`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/querystring\.group/);
  });
});
