// Central's own outages while hubs keep sending: the service killed outright, and its database
// stopped as a power cut would, both mid-ingest. Afterwards every row is there exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, runHub } from '../../hub/test/harness.js';
import {
  alerts,
  caughtUp,
  centralRows,
  eventually,
  hubConfig,
  hubRows,
  type Region,
  spawnCentral,
  startRegion,
  visits,
} from './harness.js';

describe('central outages mid-ingest', () => {
  let region: Region;
  beforeAll(async () => {
    region = await startRegion(['killed', 'pgdown']);
  });
  afterAll(async () => {
    await closeClients();
    await region?.close();
  });

  it('loses and doubles nothing when the central process is SIGKILLed mid-ingest', async () => {
    let central = await spawnCentral(region.configFile);
    const config = hubConfig(region.brokerUrl, 'killed');
    const hub = await runHub(config);
    try {
      const traffic = visits(hub, 'killed', 40);
      await eventually(async () => (await centralRows(region, 'killed')).length >= 20, 20_000, 'central to hold some rows');
      await central.kill('SIGKILL');
      const atKill = (await centralRows(region, 'killed')).length;
      // The hub goes on meanwhile.
      await eventually(async () => hubRows(config.dataDir).length > atKill + 30, 30_000, 'the hub to record more');
      central = await spawnCentral(region.configFile);
      await traffic;
      await caughtUp(region, 'killed', config.dataDir, 30_000);
      expect(await alerts(region, 'killed')).toEqual([]);
      const { rows } = await region.db.pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM tickets WHERE site_id = 'killed' AND status = 'finished'",
      );
      expect(rows[0]?.n).toBe('40');
    } finally {
      await hub.stop();
      await central.kill();
    }
  }, 120_000);

  it('loses and doubles nothing when PostgreSQL stops at once mid-ingest and comes back', async () => {
    await region.startCentral();
    const config = hubConfig(region.brokerUrl, 'pgdown');
    const hub = await runHub(config);
    try {
      const traffic = visits(hub, 'pgdown', 40);
      await eventually(async () => (await centralRows(region, 'pgdown')).length >= 20, 20_000, 'central to hold some rows');
      region.db.cluster.kill();
      const atKill = hubRows(config.dataDir).length;
      // The hall finishes its visits while the database is away: nothing new arrives once it is back.
      await traffic;
      expect(hubRows(config.dataDir).length).toBeGreaterThan(atKill + 30);
      region.db.cluster.start();
      await caughtUp(region, 'pgdown', config.dataDir, 30_000);
      expect(await alerts(region, 'pgdown')).toEqual([]);
      const { rows } = await region.db.pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM tickets WHERE site_id = 'pgdown' AND status = 'finished'",
      );
      expect(rows[0]?.n).toBe('40');
    } finally {
      await hub.stop();
    }
  }, 120_000);
});
