import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../test-database.js';
import { insertTickets, putSite } from '../test-seed.js';

describe('migration 003: report rollups', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase();
    await putSite(db.pool, 'irpin', { online: true });
  });
  afterAll(() => db?.close());

  const dirty = async () =>
    (await db.pool.query<{ site_id: string; day: string }>('SELECT site_id, day::text AS day FROM report_dirty ORDER BY day')).rows;

  it('marks the (site, day) of every ticket written or changed, once per pair', async () => {
    const at = Date.parse('2026-11-02T09:00:00+02:00');
    await insertTickets(db.pool, [
      { site: 'irpin', id: 'a', day: '2026-11-02', service: 's', group: 'g', status: 'waiting', issuedAt: at },
      { site: 'irpin', id: 'b', day: '2026-11-02', service: 's', group: 'g', status: 'waiting', issuedAt: at },
    ]);
    expect(await dirty()).toEqual([{ site_id: 'irpin', day: '2026-11-02' }]);
    await db.pool.query('DELETE FROM report_dirty');
    await db.pool.query("UPDATE tickets SET status = 'called', called_at = issued_at WHERE id = 'b'");
    expect(await dirty()).toEqual([{ site_id: 'irpin', day: '2026-11-02' }]);
  });
});
