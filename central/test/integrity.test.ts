// Central checks each site's chain as rows arrive: a row changed at the hub, a known row sent again
// changed, and a hub restored from an older copy each raise an alert naming the site and the row.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { centralApi, centralTopics, centreDetailSchema } from '@vikno/shared';
import Database from 'better-sqlite3';
import { connectAsync } from 'mqtt';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, runHub } from '../../hub/test/harness.js';
import { startCentralHttp } from '../src/http/server.js';
import { addUser } from '../src/users/users.js';
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
  visits,
} from './harness.js';

describe("central's integrity checks", () => {
  let region: Region;
  beforeAll(async () => {
    region = await startRegion(['tampered', 'restored', 'resent']);
    await region.startCentral();
  });
  afterAll(async () => {
    await closeClients();
    await region?.close();
  });

  const post = (base: string, path: string, body: object, cookie?: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  const openAlert = (site: string, kind: string) =>
    eventually(async () => (await alerts(region, site)).find((a) => a.kind === kind), 15_000, `a ${kind} alert for ${site}`);

  it('raises chain_broken at the first row changed in the hub’s file, and takes nothing of that site after it', async () => {
    const link = await relay(region.brokerUrl);
    const config = hubConfig(link.url, 'tampered');
    let hub = await runHub(config);
    try {
      await visits(hub, 'tampered', 2);
      await caughtUp(region, 'tampered', config.dataDir);
      await link.cut();
      await visits(hub, 'tampered', 3);
      await hub.stop();
      const acked = (await centralRows(region, 'tampered')).length;
      const changed = acked + 2;
      // Someone edits the record behind the hub's back, lifting its append-only trigger to do it.
      const file = new Database(join(config.dataDir, 'vikno.db'));
      file.exec('DROP TRIGGER events_no_update');
      file.prepare('UPDATE events SET at = at - 600000 WHERE seq = ?').run(changed);
      file.exec("CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;");
      file.close();
      await link.restore();
      hub = await runHub(config);
      const alert = await openAlert('tampered', 'chain_broken');
      expect(alert.seq).toBe(changed);
      const alertId = alert.id;
      expect(alert.detail).toMatch(`row ${changed}`);
      await visits(hub, 'tampered', 1);
      await region.central!.ingest.settled();
      const stored = await centralRows(region, 'tampered');
      expect(stored).toEqual(hubRows(config.dataDir).slice(0, changed - 1));

      // A region supervisor looks, writes why, and clears it on the centre's page: the record goes on
      // from the row as the hub holds it, and the alert keeps who cleared it, when and why.
      await addUser(region.db.pool, { username: 'oksana', name: 'Оксана', password: 'region-pass' });
      await addUser(region.db.pool, { username: 'petro', name: 'Петро', password: 'district-pass', sites: ['tampered'] });
      const http = await startCentralHttp({ pool: region.db.pool, log: pino({ level: 'silent' }), port: 0 });
      try {
        const signIn = async (username: string, password: string) =>
          (await post(http.url, centralApi.login.url, { username, password })).headers.get('set-cookie')!.split(';')[0]!;
        const clearUrl = `/api/central/centres/tampered/alerts/${alertId}/clear`;
        const district = await signIn('petro', 'district-pass');
        expect((await post(http.url, clearUrl, { note: 'checked the paper log' }, district)).status).toBe(403);
        const supervisor = await signIn('oksana', 'region-pass');
        expect((await post(http.url, clearUrl, { note: '   ' }, supervisor)).status).toBe(400);
        expect((await alerts(region, 'tampered')).map((a) => a.kind)).toEqual(['chain_broken']);
        const res = await post(http.url, clearUrl, { note: 'Row checked against the paper log: the clock was wrong' }, supervisor);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({
          id: alertId,
          cleared: { by: 'oksana', byName: 'Оксана', note: 'Row checked against the paper log: the clock was wrong' },
        });
        expect((await post(http.url, clearUrl, { note: 'again' }, supervisor)).status).toBe(409);
        await caughtUp(region, 'tampered', config.dataDir, 30_000);
        await visits(hub, 'tampered', 1);
        await caughtUp(region, 'tampered', config.dataDir, 30_000);
        const { rows } = await region.db.pool.query('SELECT count(*)::int AS n FROM alerts WHERE site_id = $1 AND cleared_at IS NULL', [
          'tampered',
        ]);
        expect(rows[0].n).toBe(0);
        const detail = centreDetailSchema.parse(
          await (
            await fetch(`${http.url}/api/central/centres/tampered`, {
              headers: { cookie: supervisor },
              signal: AbortSignal.timeout(30_000),
            })
          ).json(),
        );
        expect(detail.centre.integrityAlerts).toEqual([]);
        expect(detail.alertHistory).toMatchObject([{ id: alertId, kind: 'chain_broken', seq: changed, cleared: { by: 'oksana' } }]);
      } finally {
        await http.close();
      }
    } finally {
      await hub.stop();
      await link.close();
    }
  }, 180_000);

  it('raises cursor_backwards for a hub restored from an older copy of its record', async () => {
    const config = hubConfig(region.brokerUrl, 'restored');
    const db = join(config.dataDir, 'vikno.db');
    let hub = await runHub(config);
    await visits(hub, 'restored', 2);
    await hub.stop();
    copyFileSync(db, `${db}.yesterday`);
    const yesterday = hubRows(config.dataDir).at(-1)!.seq;
    hub = await runHub(config);
    try {
      await visits(hub, 'restored', 2);
      await caughtUp(region, 'restored', config.dataDir);
      await hub.stop();
      for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
      copyFileSync(`${db}.yesterday`, db);
      hub = await runHub(config);
      const alert = await openAlert('restored', 'cursor_backwards');
      expect(alert.seq).toBe(yesterday);
      expect(alert.detail).toMatch(/restored from an older copy/);
      expect(await alerts(region, 'restored')).toHaveLength(1);
    } finally {
      await hub.stop();
    }
  }, 60_000);

  it('raises row_changed when a row central holds arrives again with another hash', async () => {
    const config = hubConfig(region.brokerUrl, 'resent');
    const hub = await runHub(config);
    await visits(hub, 'resent', 1);
    await caughtUp(region, 'resent', config.dataDir);
    await hub.stop();
    const { rows } = await region.db.pool.query(
      "SELECT seq::int, day, at::float8 AS at, type, ticket_id, counter_id, data, prev_hash, hash FROM events WHERE site_id = 'resent' AND seq = 2",
    );
    const r = rows[0];
    const event = {
      seq: 2,
      day: r.day,
      at: r.at,
      type: r.type,
      ticketId: r.ticket_id,
      counterId: r.counter_id,
      data: r.data,
      prevHash: r.prev_hash,
    };
    const client = await connectAsync(region.brokerUrl, { username: 'resent', password: sitePassword('resent'), reconnectPeriod: 0 });
    try {
      await client.publishAsync(
        centralTopics.events('resent'),
        JSON.stringify({ site: 'resent', events: [{ ...event, hash: 'f'.repeat(64) }] }),
        {
          qos: 1,
        },
      );
    } finally {
      await client.endAsync();
    }
    const alert = await openAlert('resent', 'row_changed');
    expect(alert.seq).toBe(2);
    expect((await centralRows(region, 'resent')).find((x) => x.seq === 2)?.hash).toBe(r.hash);
  });
});
