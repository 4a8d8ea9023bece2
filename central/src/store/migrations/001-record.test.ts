import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { startTestDatabase, type TestDatabase } from '../test-database.js';
import { record } from './001-record.js';

describe('migration 001: the record', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase({ migrated: false });
  });
  afterAll(() => db?.close());

  it('makes the tables, once, and records its version', async () => {
    expect(await migrate(db.pool, [record])).toBe(1);
    expect(await migrate(db.pool, [record])).toBe(1);
    const { rows } = await db.pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(rows.map((r) => r.table_name)).toEqual(['alerts', 'events', 'live', 'schema_migrations', 'sites', 'tickets']);
  });

  it('keeps one row per (site, seq), and the hub’s data text as sent', async () => {
    await db.pool.query("INSERT INTO sites (id) VALUES ('kyiv-1')");
    const insert = `INSERT INTO events (site_id, seq, day, at, type, ticket_id, counter_id, data, prev_hash, hash)
      VALUES ('kyiv-1', 1, '2026-12-07', 1, 'ticket.issued', 't1', NULL, $1, repeat('0', 64), repeat('a', 64))`;
    const data = '{"b":1,  "a":2}';
    await db.pool.query(insert, [data]);
    await expect(db.pool.query(insert, [data])).rejects.toThrow(/duplicate key/);
    const { rows } = await db.pool.query<{ data: string }>("SELECT data FROM events WHERE site_id = 'kyiv-1'");
    expect(rows[0]?.data).toBe(data);
    const sites = await db.pool.query<{ acked_seq: string; acked_hash: string }>('SELECT acked_seq, acked_hash FROM sites');
    expect(sites.rows[0]).toEqual({ acked_seq: '0', acked_hash: '0'.repeat(64) });
  });
});
