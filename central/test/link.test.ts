// Real hubs report to central over the region's Mosquitto into PostgreSQL: the log arrives whole,
// in order and checked, and a cut link loses nothing.
import { CENTRAL_ROOT, centralTopics } from '@vikno/shared';
import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLog, closeClients, runHub } from '../../hub/test/harness.js';
import {
  alerts,
  caughtUp,
  centralRows,
  eventually,
  hubConfig,
  hubRows,
  type Region,
  relay,
  sitePassword,
  startRegion,
  startReportingHub,
  visits,
} from './harness.js';

const siteClient = (region: Region, site: string) =>
  connectAsync(region.brokerUrl, { protocolVersion: 5, username: site, password: sitePassword(site), reconnectPeriod: 0 });

describe('hubs reporting to central', () => {
  let region: Region;
  const central = capturedLog();
  beforeAll(async () => {
    region = await startRegion(['north', 'south', 'east']);
    await region.startCentral(central.log);
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
        { site_id: 'north', status: 'finished', n: '6' },
        { site_id: 'south', status: 'finished', n: '4' },
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

  it('keeps every row of an hour cut off, once and in order, and says the site was offline meanwhile', async () => {
    const link = await relay(region.brokerUrl);
    const hub = await runHub(hubConfig(link.url, 'east'));
    const dir = hub.hub.currentConfig.dataDir;
    try {
      await visits(hub, 'east', 3);
      await caughtUp(region, 'east', dir);
      const cutAt = Date.now();
      await link.cut();
      const offline = await eventually(
        async () => {
          const { rows } = await region.db.pool.query<{ online: boolean; offline_since: Date | null }>(
            "SELECT online, offline_since FROM sites WHERE id = 'east'",
          );
          return rows[0]?.online === false ? rows[0] : undefined;
        },
        10_000,
        'central to see east go offline',
      );
      expect(offline.offline_since!.getTime()).toBeGreaterThanOrEqual(cutAt - 1000);
      // The hall goes on: an hour's worth of visits while the link is down.
      const before = (await centralRows(region, 'east')).length;
      await visits(hub, 'east', 40);
      expect(hubRows(dir).length).toBeGreaterThan(before + 100);
      expect((await centralRows(region, 'east')).length).toBe(before);
      await link.restore();
      await caughtUp(region, 'east', dir);
      const { rows } = await region.db.pool.query("SELECT online, offline_since FROM sites WHERE id = 'east'");
      expect(rows[0]).toEqual({ online: true, offline_since: null });
      expect(await alerts(region, 'east')).toEqual([]);
      const { rows: tickets } = await region.db.pool.query<{ n: string }>("SELECT count(*) AS n FROM tickets WHERE site_id = 'east'");
      expect(tickets[0]?.n).toBe('43');
    } finally {
      await hub.stop();
      await link.close();
    }
  }, 60_000);

  it('takes a burst of the same batches sent again and again exactly once', async () => {
    const rowsBefore = await centralRows(region, 'north');
    expect(rowsBefore.length).toBeGreaterThan(10);
    const { rows: ticketsBefore } = await region.db.pool.query("SELECT * FROM tickets WHERE site_id = 'north' ORDER BY id");
    const client = await siteClient(region, 'north');
    try {
      const { rows: stored } = await region.db.pool.query(
        "SELECT seq::int, day, at::float8 AS at, type, ticket_id, counter_id, data, prev_hash, hash FROM events WHERE site_id = 'north' ORDER BY seq",
      );
      const events = stored.map((r) => ({
        seq: r.seq,
        day: r.day,
        at: r.at,
        type: r.type,
        ticketId: r.ticket_id,
        counterId: r.counter_id,
        data: r.data,
        prevHash: r.prev_hash,
        hash: r.hash,
      }));
      const sends = [];
      for (let i = 0; i < 50; i++) {
        const from = i % events.length;
        sends.push(
          client.publishAsync(centralTopics.events('north'), JSON.stringify({ site: 'north', events: events.slice(from, from + 5) }), {
            qos: 1,
          }),
        );
      }
      const ingest = region.central!.ingest;
      const received = ingest.counts.batches;
      await Promise.all(sends);
      await eventually(async () => ingest.counts.batches >= received + 50, 10_000, 'central to receive the burst');
      await ingest.settled();
    } finally {
      await client.endAsync();
    }
    expect(await centralRows(region, 'north')).toEqual(rowsBefore);
    const { rows: ticketsAfter } = await region.db.pool.query("SELECT * FROM tickets WHERE site_id = 'north' ORDER BY id");
    expect(ticketsAfter).toEqual(ticketsBefore);
    expect(await alerts(region, 'north')).toEqual([]);
  });

  it('drops a payload that does not fit the contract with a warning, and stores nothing of it', async () => {
    const before = await centralRows(region, 'south');
    const client = await siteClient(region, 'south');
    try {
      await client.publishAsync(centralTopics.events('south'), '{"site":"south","events":[{"seq":"nine"}]}', { qos: 1 });
      await client.publishAsync(centralTopics.live('south'), 'not json', { qos: 1 });
    } finally {
      await client.endAsync();
    }
    const warned = await eventually(
      async () => {
        const lines = central.lines.filter((l) => l.site === 'south' && /does not fit the contract/.test(l.msg));
        return lines.length === 2 ? lines : undefined;
      },
      10_000,
      'the warnings',
    );
    expect(warned.map((l) => l.level)).toEqual([40, 40]);
    expect(await centralRows(region, 'south')).toEqual(before);
  });

  it("refuses a site publishing under another site's id (the broker's ACL)", async () => {
    const before = await centralRows(region, 'north');
    const client = await siteClient(region, 'south');
    try {
      const forged = { site: 'north', events: [{ ...before.at(-1), seq: before.length + 1 }] };
      await expect(client.publishAsync(centralTopics.events('north'), JSON.stringify(forged), { qos: 1 })).rejects.toThrow(
        /not authorized/i,
      );
      await expect(client.publishAsync(centralTopics.ack('south'), '{}', { qos: 1 })).rejects.toThrow(/not authorized/i);
      // Its own topics it may use.
      await client.publishAsync(`${CENTRAL_ROOT}/south/presence`, JSON.stringify({ online: true, at: Date.now() }), {
        qos: 1,
        retain: true,
      });
    } finally {
      await client.endAsync();
    }
    expect(await centralRows(region, 'north')).toEqual(before);
  });
});
