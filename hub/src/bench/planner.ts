// Planning a week's staffing (hub/src/planner/) for the regional centre from four weeks of generated
// history: the wall time of the whole week (goal ≤ 30 s), and what the plan says against Erlang C.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { type Config, configSchema } from '@vikno/shared';
import { planningGroups } from '../planner/groups.js';
import { PLANNER_THREAD } from '../planner/jobs.js';
import { generateHistory } from '../planner/synthetic.js';
import { planWeek } from '../planner/week.js';
import { compiledWorker } from '../store/compiled-worker.js';
import type { Centre } from './centre.js';
import { round } from './measure.js';

const WEEKDAYS: [string, string][] = [['08:00', '20:00']];

export interface PlannerBench {
  windows: number;
  services: number;
  groups: number;
  historyDays: number;
  daysPlanned: number;
  wallSeconds: number;
  /** The process's CPU time meanwhile: what the planning costs whatever else the machine runs. */
  cpuSeconds: number;
  operatorHours: number;
  erlangOperatorHours: number;
  daysMeetingTarget: number;
  disagreements: Record<string, number>;
}

export interface PlannerBenchOptions {
  centre: Centre;
  visitorsPerDay: number;
  days: number;
  seed: number;
}

/** In a thread set up as the hub's planner thread is (jobs.ts), the hub's own thread idle meanwhile. */
export async function benchPlanner(o: PlannerBenchOptions): Promise<PlannerBench> {
  const worker = new Worker(compiledWorker('planner-worker', 'bench'), { ...PLANNER_THREAD, workerData: o });
  const [result] = (await Promise.race([once(worker, 'message'), once(worker, 'error').then(([e]) => Promise.reject(e))])) as [
    PlannerBench,
  ];
  await worker.terminate();
  return result;
}

export function planRegionalWeek(o: PlannerBenchOptions): PlannerBench {
  const config: Config = configSchema.parse({
    ...o.centre.input,
    site: { ...o.centre.input.site, businessHours: { mon: WEEKDAYS, tue: WEEKDAYS, wed: WEEKDAYS, thu: WEEKDAYS, fri: WEEKDAYS } },
  });
  const groups = planningGroups(config);
  const perDay = new Map<string, number>();
  for (const [service, share] of o.centre.demand) {
    const g = groups.groupOf.get(service)!;
    perDay.set(g, (perDay.get(g) ?? 0) + share * o.visitorsPerDay);
  }
  const start = '2026-02-02'; // a Monday
  const historyDays = 28;
  const history = generateHistory(
    config,
    groups,
    { perDay, weekday: { mon: 1.2, fri: 0.8 }, weeklyGrowth: 0, serviceShare: o.centre.demand },
    start,
    historyDays,
    o.seed,
  );
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const plan = planWeek(config, groups, history, [], { from: '2026-03-02', days: o.days, targetShare: 0.9, seed: o.seed });
  const wallSeconds = round((performance.now() - t0) / 1000, 1);
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = round((cpu.user + cpu.system) / 1e6, 1);
  const disagreements: Record<string, number> = {};
  for (const d of plan.days) for (const x of d.disagreements) disagreements[x.reason] = (disagreements[x.reason] ?? 0) + 1;
  return {
    windows: config.counters.length,
    services: config.services.length,
    groups: groups.ids.length,
    historyDays,
    daysPlanned: plan.days.length,
    wallSeconds,
    cpuSeconds,
    operatorHours: plan.operatorHours,
    erlangOperatorHours: plan.days.reduce((n, d) => n + d.erlangOperatorHours, 0),
    daysMeetingTarget: plan.days.filter((d) => d.meetsTarget).length,
    disagreements,
  };
}
