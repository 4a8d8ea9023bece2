// npm run bench: how far one hub goes, against the limits of this machine measured in the same run.
//  1. baselines: raw SQLite single-row commits with the hub's pragmas; the raw broker hop (embedded
//     aedes, and Mosquitto when installed);
//  2. hub throughput: lanes of kiosks and counters over MQTT, full ticket lifecycles, as a share of (1);
//  3. latency: with background load, a counter's "call next" → a display seeing the call, and a
//     kiosk's issue → its answer, as multiples of the raw hop;
//  4. a day in a regional centre (320 counters, 400 services, 3,500 visitors) replayed through the
//     engine and the store on a simulated clock; then 100× the visitors;
//  5. a record of a million past tickets: hub start, memory, the supervisor's statistics queries.
// Writes bench/results/latest.json (`--quick`: a seconds-long smoke run → bench/results/quick.json)
// and prints a summary. `--only=mqtt,day,history` runs some sections.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCentre } from './centre.js';
import { benchHubOverMqtt } from './hub-mqtt.js';
import { mosquittoInstalled } from './mosquitto.js';
import { summary } from './summary.js';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const runs = (section: string) => !only || only.includes(section);
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'vikno-bench-'));

async function main(): Promise<void> {
  const started = performance.now();
  const centre = generateCentre();
  const mqtt = [];
  if (runs('mqtt')) {
    for (const broker of mosquittoInstalled() ? (['embedded', 'mosquitto'] as const) : (['embedded'] as const)) {
      mqtt.push(
        await benchHubOverMqtt({
          broker,
          scratch,
          centre: centre.input,
          lanes: quick ? 4 : 32,
          throughputRounds: quick ? 1 : 5,
          throughputSeconds: quick ? 0.5 : 3,
          commitSeconds: quick ? 0.3 : 1,
          backgroundCommandsPerSecond: 100,
          latencySeconds: quick ? 0.5 : 8,
          probeBytes: 1200,
        }),
      );
    }
  }
  const results = {
    at: new Date().toISOString(),
    quick,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    mqtt,
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  const outDir = join(repo, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, quick ? 'quick.json' : 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(summary(results));
}

try {
  await main();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
