// Debian's Mosquitto with the files `vikno-hub mosquitto` writes, for the external-broker runs.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '@vikno/shared';
import { dynsecPlugin, writeMosquittoFiles } from '../broker/mosquitto.js';
import { freePort } from './hub-process.js';
import { sleep } from './measure.js';

export const HUB_PASSWORD = 'bench-hub-password';

export interface Mosquitto {
  url: string;
  version: string;
  /** Its process id: tests stop it (SIGSTOP) to see a broker that no longer acknowledges. */
  pid: number;
  stop(): Promise<void>;
}

export function mosquittoInstalled(): boolean {
  try {
    execFileSync('mosquitto', ['-h'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // `mosquitto -h` prints its usage and exits 3: installed.
    return (error as { status?: number }).status === 3;
  }
}

/** Starts Mosquitto for `config` (which must already name it as the broker, with the hub's credentials). */
export async function startMosquitto(config: Config, dir: string, port: number): Promise<Mosquitto> {
  const plugin = dynsecPlugin();
  if (!plugin) throw new Error("Mosquitto's dynamic-security plugin is not installed (Debian's mosquitto package has it)");
  writeMosquittoFiles(config, { dir, port, wsPort: await freePort(), hubUsername: 'hub', hubPassword: HUB_PASSWORD, plugin });
  return runMosquitto(dir, port);
}

/**
 * Runs Mosquitto on the files already in `dir` (`mosquitto.conf` listening on `port`): the hub's, or
 * the region broker's that `vikno-central mosquitto` writes. Run again on the same folder, it is the
 * same broker back after a stop.
 */
export async function runMosquitto(dir: string, port: number): Promise<Mosquitto> {
  // Started as root, Mosquitto drops to the `mosquitto` user, which cannot read the 0600 files.
  const conf = join(dir, 'mosquitto.conf');
  if (process.getuid?.() === 0 && !readFileSync(conf, 'utf8').includes('\nuser root\n')) appendFileSync(conf, 'user root\n');
  const child: ChildProcess = spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d) => (log += d));
  const exited = once(child, 'exit');
  const t0 = performance.now();
  while (!log.includes(`listen socket on port ${port}`)) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited: ${log}`);
    if (performance.now() - t0 > 10_000) throw new Error(`mosquitto did not start: ${log}`);
    await sleep(10);
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    version: /mosquitto version ([\d.]+)/.exec(log)?.[1] ?? 'unknown',
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
