// Real hubs report to central over the region's Mosquitto into PostgreSQL: the log arrives whole,
// in order and checked, and a cut link loses nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients } from '../../hub/test/harness.js';
import { alerts, caughtUp, centralRows, eventually, hubRows, type Region, startRegion, startReportingHub, visits } from './harness.js';

describe('hubs reporting to central', () => {
  let region: Region;
  beforeAll(async () => {
    region = await startRegion(['north', 'south']);
    await region.startCentral();
  });
  afterAll(async () => {
    await closeClients();
    await region?.close();
  });

  it('takes every row of two hubs once, in order, with the tickets, the live summary and presence', async () => {
    const north = await startReportingHub(region, 'north');
    const south = await startReportingHub(region, 'south');
    try {
      await Promise.all([visits(north, 'north', 6), visits(south, 'south', 4)]);
      const dirs = { north: north.hub.currentConfig.dataDir, south: south.hub.currentConfig.dataDir };
      await caughtUp(region, 'north', dirs.north);
      await caughtUp(region, 'south', dirs.south);
      const { rows: tickets } = await region.db.pool.query<{ site_id: string; status: string; n: string }>(
        "SELECT site_id, status, count(*) AS n FROM tickets WHERE service = 'id-card-exchange' GROUP BY 1, 2 ORDER BY 1, 2",
      );
      expect(tickets).toEqual([
        { site_id: 'north', status: 'called', n: '1' },
        { site_id: 'north', status: 'finished', n: '5' },
        { site_id: 'south', status: 'called', n: '1' },
        { site_id: 'south', status: 'finished', n: '3' },
      ]);
      const live = await eventually(
        async () => {
          const { rows } = await region.db.pool.query<{ summary: { today: { issued: number }; windowsOpen: number } }>(
            "SELECT summary FROM live WHERE site_id = 'north'",
          );
          return rows[0]?.summary.today.issued === 6 ? rows[0].summary : undefined;
        },
        10_000,
        'the live summary',
      );
      expect(live.windowsOpen).toBe(1);
      const { rows: sites } = await region.db.pool.query('SELECT id, online, acked_seq FROM sites ORDER BY id');
      expect(sites).toEqual([
        { id: 'north', online: true, acked_seq: String(hubRows(dirs.north).at(-1)?.seq) },
        { id: 'south', online: true, acked_seq: String(hubRows(dirs.south).at(-1)?.seq) },
      ]);
      expect(await alerts(region, 'north')).toEqual([]);
      expect((await centralRows(region, 'north')).length).toBeGreaterThan(6);
    } finally {
      await north.stop();
      await south.stop();
    }
  });
});
