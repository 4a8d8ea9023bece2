// The built hub as its own process, as a centre runs it (`node hub/dist/main.js`), so that the load
// generators in the benchmark's process do not share its event loop. Its log goes to a file, as to a
// journal; its CPU time and memory are read from /proc.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sleep } from './measure.js';

const HUB_MAIN = fileURLToPath(new URL('../main.js', import.meta.url));
const CLOCK_TICKS_PER_SECOND = 100;

export interface HubProcess {
  pid: number;
  httpUrl: string;
  mqttUrl: string;
  /** Milliseconds from spawn to the hub's "ready" line. */
  startMs: number;
  /** User + system CPU seconds used so far. */
  cpuSeconds(): number;
  rssMb(): number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address !== 'object') throw new Error('no free port');
  return address.port;
}

export interface SpawnOptions {
  configFile: string;
  dataDir: string;
  logFile: string;
  /** An external broker the hub's config names; absent, the hub's embedded broker. */
  mqttUrl?: string | undefined;
  /** Extra options for node, e.g. `--cpu-prof` to profile the hub under load. */
  nodeArgs?: readonly string[];
}

export async function spawnHub(opts: SpawnOptions): Promise<HubProcess> {
  const httpPort = await freePort();
  const mqttPort = await freePort();
  const log = openSync(opts.logFile, 'a');
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...(opts.nodeArgs ?? []),
      HUB_MAIN,
      '--config',
      opts.configFile,
      '--data-dir',
      opts.dataDir,
      '--http-port',
      String(httpPort),
      '--mqtt-port',
      String(mqttPort),
    ],
    { env: { ...process.env, VIKNO_LOG_LEVEL: 'info' }, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  const exited = once(child, 'exit');
  for (;;) {
    const text = readFileSync(opts.logFile, 'utf8');
    if (text.includes('Vikno hub ready')) break;
    if (child.exitCode !== null) throw new Error(`the hub exited with ${child.exitCode}:\n${text.slice(-2000)}`);
    if (performance.now() - t0 > 120_000) throw new Error('the hub did not start within two minutes');
    await sleep(5);
  }
  const startMs = performance.now() - t0;
  const pid = child.pid!;
  return {
    pid,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    mqttUrl: opts.mqttUrl ?? `mqtt://127.0.0.1:${mqttPort}`,
    startMs,
    cpuSeconds() {
      // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime, stime in ticks.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    },
    rssMb() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      return Math.round(kb / 102.4) / 10;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
