// The planner bench's thread (planner.ts): the regional week planned where the hub plans, in a thread.
import { parentPort, workerData } from 'node:worker_threads';
import { type PlannerBenchOptions, planRegionalWeek } from './planner.js';

parentPort?.postMessage(planRegionalWeek(workerData as PlannerBenchOptions));
