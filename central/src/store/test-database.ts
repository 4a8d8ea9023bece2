// A migrated database in a throwaway cluster, for the central service's tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from './migrate.js';
import { type PgCluster, startPgCluster } from './pg-cluster.js';

export interface TestDatabase {
  cluster: PgCluster;
  pool: pg.Pool;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A fresh cluster; `migrated: false` leaves the database empty (the migrations' own tests). */
export async function startTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'vikno-pg-'));
  const cluster = startPgCluster(dir, await freePort());
  const pool = new pg.Pool({ connectionString: cluster.url, max: 4 });
  if (migrated) await migrate(pool);
  return {
    cluster,
    pool,
    async close() {
      await pool.end();
      cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
