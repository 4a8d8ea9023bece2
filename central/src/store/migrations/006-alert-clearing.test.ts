import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { startTestDatabase, type TestDatabase } from '../test-database.js';
import { record } from './001-record.js';
import { alertClearing } from './006-alert-clearing.js';

describe('migration 006: alert clearing', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase({ migrated: false });
    await migrate(db.pool, [record]);
    await db.pool.query("INSERT INTO sites (id) VALUES ('irpin')");
    // Cleared by hand in SQL before the pages could: kept as it was, with no one named.
    await db.pool.query("INSERT INTO alerts (site_id, kind, seq, detail, cleared_at) VALUES ('irpin', 'chain_broken', 4, 'old', now())");
    expect(await migrate(db.pool, [record, alertClearing])).toBe(6);
  });
  afterAll(() => db?.close());

  const insert = (values: string) =>
    db.pool.query(`INSERT INTO alerts (site_id, kind, seq, detail, cleared_at, cleared_by, cleared_by_name, clear_note) VALUES ${values}`);

  it('keeps who cleared an alert and their note, and the alerts cleared before it', async () => {
    await insert("('irpin', 'chain_broken', 9, 'd', now(), 'oksana', 'Оксана', 'checked with the centre')");
    const { rows } = await db.pool.query('SELECT seq::int, cleared_by, clear_note FROM alerts ORDER BY seq');
    expect(rows).toEqual([
      { seq: 4, cleared_by: null, clear_note: null },
      { seq: 9, cleared_by: 'oksana', clear_note: 'checked with the centre' },
    ]);
  });

  it('refuses a note without a clearing, without its author, or blank', async () => {
    await expect(insert("('irpin', 'row_changed', 10, 'd', NULL, 'oksana', 'Оксана', 'why')")).rejects.toThrow(/alerts_cleared_note/);
    await expect(insert("('irpin', 'row_changed', 11, 'd', now(), NULL, NULL, 'why')")).rejects.toThrow(/alerts_cleared_note/);
    await expect(insert("('irpin', 'row_changed', 12, 'd', now(), 'oksana', 'Оксана', '  ')")).rejects.toThrow(/alerts_cleared_note/);
  });
});
