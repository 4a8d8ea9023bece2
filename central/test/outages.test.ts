// Central's own outages while hubs keep sending: the service killed outright in the middle of writing
// a batch, and its database stopped as a power cut would, both mid-ingest. Afterwards every row is
// there exactly once and every ticket as the hub has it.
//
// Each outage is made to land where the recovery code matters, not wherever it happens to fall: the
// SIGKILL while a batch's transaction is half written (the test holds a lock the batch's ticket
// writes wait for), and PostgreSQL stopped with rows received and not written, which central alone
// must then write when the database is back (the hub is stopped first, so no resend can save them).
import pg from 'pg';
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
  ticketsBothSides,
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

  const expectEveryTicket = async (site: string, dataDir: string) => {
    const { hub, central } = await ticketsBothSides(region, site, dataDir);
    expect(hub).toHaveLength(40);
    expect(central).toEqual(hub);
  };

  it('loses and doubles nothing when the central process is SIGKILLed in the middle of a batch’s transaction', async () => {
    let central = await spawnCentral(region.configFile);
    const config = hubConfig(region.brokerUrl, 'killed');
    const hub = await runHub(config);
    const locker = new pg.Client({ connectionString: region.db.cluster.url });
    await locker.connect();
    try {
      await visits(hub, 'killed', 10);
      await eventually(async () => (await centralRows(region, 'killed')).length >= 20, 20_000, 'central to hold some rows');
      // Tickets' writes now wait: the next batch takes its acknowledgement and rows, then stops at its tickets.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE tickets IN SHARE MODE');
      const traffic = visits(hub, 'killed', 30);
      await eventually(
        async () => {
          const { rows } = await locker.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'tickets'::regclass",
          );
          return rows[0]!.n > 0;
        },
        20_000,
        'a batch to wait at its tickets',
      );
      await central.kill('SIGKILL');
      const told = hub.central!.status().acked;
      const { rows: committed } = await region.db.pool.query<{ seq: string }>("SELECT acked_seq AS seq FROM sites WHERE id = 'killed'");
      // Its server process too, as a crash of the machine would: left alone, it would finish the
      // statement it waits in once the lock goes, before noticing its client is gone.
      await locker.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE NOT granted AND relation = 'tickets'::regclass");
      await locker.query('ROLLBACK');
      // The batch waiting at its tickets had not committed: the hub must not have been told it was stored.
      expect(told, 'the acknowledgement the hub was given').toBe(Number(committed[0]!.seq));
      const atKill = (await centralRows(region, 'killed')).length;
      // The hub goes on meanwhile.
      await eventually(async () => hubRows(config.dataDir).length > atKill + 30, 30_000, 'the hub to record more');
      central = await spawnCentral(region.configFile);
      await traffic;
      await caughtUp(region, 'killed', config.dataDir, 30_000);
      expect(await alerts(region, 'killed')).toEqual([]);
      await expectEveryTicket('killed', config.dataDir);
    } finally {
      await locker.end();
      await hub.stop();
      await central.kill();
    }
  }, 120_000);

  it('loses and doubles nothing when PostgreSQL stops at once mid-ingest and comes back', async () => {
    const running = await region.startCentral();
    const config = hubConfig(region.brokerUrl, 'pgdown');
    const hub = await runHub(config);
    let stopped = false;
    try {
      const traffic = visits(hub, 'pgdown', 40);
      await eventually(async () => (await centralRows(region, 'pgdown')).length >= 20, 20_000, 'central to hold some rows');
      region.db.cluster.kill();
      const atKill = hubRows(config.dataDir).length;
      // The hall finishes its visits while the database is away.
      await traffic;
      const last = hubRows(config.dataDir).at(-1)!.seq;
      expect(last).toBeGreaterThan(atKill + 30);
      // Every row has reached central, which cannot write them: then the hub goes, so that nothing is
      // sent again and central alone must write what it holds once the database is back.
      await eventually(async () => running.ingest.waitingUpTo('pgdown') === last, 20_000, 'central to have received every row');
      await hub.stop();
      stopped = true;
      region.db.cluster.start();
      await caughtUp(region, 'pgdown', config.dataDir, 30_000);
      expect(await alerts(region, 'pgdown')).toEqual([]);
      await expectEveryTicket('pgdown', config.dataDir);
    } finally {
      if (!stopped) await hub.stop();
    }
  }, 120_000);
});
