// A throwaway PostgreSQL cluster in a folder, for tests, the bench and `npm run central:demo`: the
// region's real database is theirs to run; this one is started and stopped by the caller.
//
// Debian's PostgreSQL refuses to run as root (initdb and postgres both check), and CI runs as root:
// there the folder is handed to the `postgres` user and the binaries run as it (runuser).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const USER = 'vikno';

export interface PgCluster {
  /** A `pg` connection string for the cluster's `vikno` database. */
  url: string;
  port: number;
  dir: string;
  stop(): void;
  /** Stops it at once, as a power cut would (`pg_ctl stop -m immediate`). */
  kill(): void;
  start(): void;
}

/** Debian keeps each version's binaries apart; the newest installed one is taken. */
export function pgBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

function run(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin.split('/').pop()} ${args[0]} failed: ${r.stderr || r.stdout}`);
}

/**
 * Makes a cluster in `dir` (empty or absent; kept if it already holds one) listening on 127.0.0.1:`port`
 * and on a socket in the folder, with trust sign-in for `vikno`, and starts it.
 */
export function startPgCluster(dir: string, port: number): PgCluster {
  const bin = pgBinaries();
  if (bin === undefined) throw new Error('PostgreSQL is not installed: run `npm run setup` (Debian package postgresql)');
  const data = join(dir, 'data');
  if (!existsSync(join(data, 'PG_VERSION'))) {
    mkdirSync(data, { recursive: true });
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
      chownSync(dir, uid, gid);
      chownSync(data, uid, gid);
    }
    chmodSync(data, 0o700);
    run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', USER, '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  }
  const cluster: PgCluster = {
    url: `postgres://${USER}@127.0.0.1:${port}/postgres`,
    port,
    dir,
    start() {
      // fsync stays on: the tests that stop the cluster mid-ingest rely on what it acknowledged being on disk.
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
      run(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'postgres.log'), '-w', 'start']);
    },
    stop() {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    kill() {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },
  };
  cluster.start();
  return cluster;
}
