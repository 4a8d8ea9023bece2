import type { Pool } from 'pg';
import { migrations as allMigrations, type Migration } from './migrations/index.js';

/**
 * Applies the migrations the database has not seen yet, each in its own transaction. Two central
 * processes starting together take turns: the advisory lock is held for the whole pass.
 */
export async function migrate(pool: Pool, migrations: readonly Migration[] = allMigrations): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(7461)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await m.up(client);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    return rows[0]?.v ?? 0;
  } finally {
    await client.query('SELECT pg_advisory_unlock(7461)').catch(() => {});
    client.release();
  }
}
