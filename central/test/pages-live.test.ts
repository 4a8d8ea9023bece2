// The region's pages over real hubs: two demo hubs report through the region's Mosquitto, and the
// overview, a centre, the report and the public API show what they sent.
import { centralReportSchema, centreDetailSchema, overviewSchema, publicCentresSchema } from '@vikno/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMorning } from '../../hub/test/harness.js';
import { type CentralHttp, startCentralHttp } from '../src/http/server.js';
import { addUser } from '../src/users/users.js';
import { eventually, type Region, startRegion, startReportingHub, visits } from './harness.js';

describe('the region’s pages over real hubs', () => {
  let region: Region;
  let http: CentralHttp;
  let cookie: string;
  const hubs: { stop(): Promise<void> }[] = [];
  beforeAll(async () => {
    region = await startRegion(['north', 'south']);
    await region.startCentral();
    await addUser(region.db.pool, { username: 'region', name: 'Region', password: 'region-pass' });
    // The hubs run on the test clock (Monday morning): so does central's, or every summary would be stale.
    http = await startCentralHttp({ pool: region.db.pool, log: pino({ level: 'silent' }), port: 0, now: demoMorning });
    const login = await fetch(`${http.url}/api/central/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'region', password: 'region-pass' }),
    });
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  });
  afterAll(async () => {
    for (const h of hubs) await h.stop();
    await http?.close();
    await region?.close();
  });
  const get = async (path: string) => (await fetch(`${http.url}${path}`, { headers: { cookie } })).json();

  it('shows each hub live with today’s visits, its day by hour and in the report; the public API in its schema', async () => {
    for (const site of ['north', 'south']) {
      const hub = await startReportingHub(region, site);
      hubs.push(hub);
      await visits(hub, site, site === 'north' ? 3 : 1);
    }
    const overview = await eventually(
      async () => {
        const o = overviewSchema.parse(await get('/api/central/overview'));
        return o.centres.length === 2 && o.centres.every((c) => !c.stale && c.called > 0) ? o : undefined;
      },
      30_000,
      'both hubs live on the overview',
    );
    expect(overview.centres.map((c) => [c.site, c.online, c.called])).toEqual([
      ['north', true, 3],
      ['south', true, 1],
    ]);
    expect(overview.centres[0]?.name.uk).toBeTruthy();
    const north = centreDetailSchema.parse(await get('/api/central/centres/north'));
    expect(north.groups.length).toBeGreaterThan(0);
    expect(north.hours.reduce((n, h) => n + h.issued, 0)).toBe(3);
    const report = centralReportSchema.parse(await get(`/api/central/report?from=${north.day}&to=${north.day}&by=centre`));
    expect(report.rows.map((r) => [r.key, r.issued, r.served])).toEqual([
      ['north', 3, 3],
      ['south', 1, 1],
    ]);
    const pub = publicCentresSchema.parse(await (await fetch(`${http.url}/api/public/centres`)).json());
    expect(pub.centres.every((c) => c.live)).toBe(true);
    expect(pub.services.length).toBeGreaterThan(10);
  }, 90_000);
});
