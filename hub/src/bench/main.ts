// npm run bench: how far one hub goes, against the limits of this machine measured in the same run.
//  1. baselines: raw SQLite single-row commits with the hub's pragmas; the raw broker hop (embedded
//     aedes, and Mosquitto when installed);
//  2. hub throughput: lanes of kiosks and counters over MQTT, full ticket lifecycles, as a share of (1);
//  3. latency: with background load, a counter's "call next" → a display seeing the call, and a
//     kiosk's issue → its answer, as multiples of the raw hop;
//  4. a day in a regional centre (320 counters, 400 services, 3,500 visitors) replayed through the
//     engine and the store on a simulated clock, with the waits promised at issue against the waits
//     that followed; then 100× the visitors at 100× the counters (10× in the quick run);
//  5. call next with 100, 10,000 and 100,000 waiting at the regional centre;
//  6. a record of a million past tickets: hub start, memory, the supervisor's statistics queries;
//  7. the staffing planner: a week of the regional centre planned from four weeks of history;
//  8. central: N hubs' logs through the region's Mosquitto into PostgreSQL against COPY of the same
//     rows, and a hub offline a whole day catching up;
//  9. central-pages: the region's overview and public API with 200 centres live, a month's report
//     across 50 centres (central/src/bench/pages.ts, on a throwaway PostgreSQL cluster);
// 10. perceived speed, in Chromium, under background load: the operator's press → the hall display
//     painted, the chime, the first word; the kiosk's tap → the printer's first byte.
// Writes bench/results/latest.json (`--quick`: a seconds-long smoke run → bench/results/quick.json)
// and prints a summary. `--only=mqtt,day,call,history,planner,central,central-pages,perceived` runs some sections; `--profile=DIR` writes a CPU
// profile of each hub process under load (the MQTT section's and the perceived section's) into DIR.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCentralPages } from '@vikno/central';
import { benchCallNext } from './call-next.js';
import { benchCentral } from './central.js';
import { generateCentre, REGIONAL_CENTRE } from './centre.js';
import { replayDay } from './day.js';
import { benchHistory } from './history.js';
import { benchHubOverMqtt } from './hub-mqtt.js';
import { mosquittoInstalled } from './mosquitto.js';
import { benchPerceived } from './perceived.js';
import { benchPlanner } from './planner.js';
import { type BenchResults, goals, summary } from './summary.js';

const quick = process.argv.includes('--quick');
const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = option('only')?.split(',');
const profile = option('profile');
const runs = (section: string) => !only || only.includes(section);
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'vikno-bench-'));

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg()[0]!;
  // The quick run keeps the 400 services but fewer counters, so that each hub starts in a moment.
  const shape = quick ? { ...REGIONAL_CENTRE, counters: 40 } : REGIONAL_CENTRE;
  const centre = generateCentre(shape);
  const results: BenchResults = {
    at: new Date().toISOString(),
    quick,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: { before: loadBefore, after: 0 },
    },
    centre: { counters: centre.input.counters?.length ?? 0, services: centre.input.services?.length ?? 0 },
    mqtt: [],
    day: null,
    callNext: [],
    history: null,
    planner: null,
    central: null,
    perceived: null,
    centralPages: null,
    goals: [],
    wallSeconds: 0,
  };
  if (runs('mqtt')) {
    for (const broker of mosquittoInstalled() ? (['embedded', 'mosquitto'] as const) : (['embedded'] as const)) {
      results.mqtt.push(
        await benchHubOverMqtt({
          broker,
          scratch,
          centre: centre.input,
          // Enough for the hub, not the lanes, to be the limit: measured by hand, 32 lanes left the
          // groups per commit smaller and gave 10–20 % less (docs/performance.md).
          lanes: quick ? 4 : 64,
          throughputRounds: quick ? 1 : 5,
          throughputSeconds: quick ? 0.5 : 3,
          commitSeconds: quick ? 0.2 : 1,
          // Twice the peak hour of a hundred regional centres: 100 × 3,500 visitors × 4 commands,
          // an eighth of them in the busiest hour.
          backgroundCommandsPerSecond: 100,
          latencySeconds: quick ? 0.5 : 8,
          probeBytes: 1200,
          nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profile)}`] : [],
        }),
      );
    }
  }
  if (runs('day')) {
    const dir = join(scratch, 'day');
    mkdirSync(dir, { recursive: true });
    const visitors = quick ? 350 : 3500;
    // Commands of the replay are grouped as the hub's group commit groups commands arriving together.
    const day = { dir, seed: 20260303, commitGroup: 32 };
    const regional = replayDay({ ...day, centre, visitors, budgetSeconds: quick ? 10 : 120 });
    // How the hub's cost grows with its work: as many more counters as visitors. The quick run (CI)
    // takes 10×, which fits its time; the full run 100× (32,000 counters, 350,000 visitors).
    const factor = quick ? 10 : 100;
    const bigger = generateCentre({ ...shape, counters: shape.counters * factor, deviceSecrets: false });
    const scaled = replayDay({ ...day, centre: bigger, visitors: visitors * factor, budgetSeconds: quick ? 120 : 1800 });
    results.day = { regional, scaled: { factor, ...scaled } };
  }
  if (runs('call')) {
    const regional = quick ? generateCentre(REGIONAL_CENTRE) : centre;
    results.callNext = benchCallNext({ centre: regional, waiting: [100, 10_000, 100_000], calls: quick ? 300 : 5000, seed: 20260303 });
  }
  if (runs('history')) {
    results.history = await benchHistory({
      scratch,
      centre,
      tickets: quick ? 20_000 : 1_000_000,
      perDay: 3500,
      seed: 1,
      repeats: quick ? 1 : 3,
    });
  }
  if (runs('planner')) {
    // The quick run plans a day of the small centre; the full run the regional centre's week.
    results.planner = await benchPlanner({ centre, visitorsPerDay: quick ? 350 : 3500, days: quick ? 1 : 7, seed: 20260303 });
  }
  if (runs('central')) {
    // A full run: ten regional offices' whole days at once, then a day's log of one of them.
    results.central = await benchCentral({
      scratch,
      hubs: quick ? 2 : 10,
      rowsPerHub: quick ? 2000 : 17_000,
      catchUpRows: quick ? 3000 : 17_000,
    });
  }
  if (runs('central-pages')) {
    // The month's report needs 5.25 million tickets generated in PostgreSQL (minutes): the quick run takes 5,250.
    results.centralPages = await benchCentralPages({
      liveCentres: 200,
      requests: quick ? 20 : 300,
      reportCentres: quick ? 5 : 50,
      days: quick ? 3 : 30,
      perDay: quick ? 350 : 3500,
      reportRuns: quick ? 1 : 3,
      log: (line) => process.stderr.write(`${line}\n`),
    });
  }
  if (runs('perceived')) {
    // The same background as the latency samples of the MQTT section.
    results.perceived = await benchPerceived({
      scratch,
      samples: quick ? 3 : 30,
      backgroundCommandsPerSecond: 100,
      nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profile)}`] : [],
    });
  }
  results.machine.loadAverage.after = loadavg()[0]!;
  results.goals = goals(results);
  results.wallSeconds = Math.round((performance.now() - started) / 100) / 10;
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
