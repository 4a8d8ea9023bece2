// The planner's thread (jobs.ts): a week's simulations take seconds, and the hub's own thread runs the
// hall. Reads the record with its own read-only connection; posts progress, then the plan.
import { parentPort, workerData } from 'node:worker_threads';
import type { Config, PlanningRequest, WeekPlan } from '@vikno/shared';
import Database from 'better-sqlite3';
import { addDays, zonedInstant } from '../appointments/hours.js';
import { planningGroups } from './groups.js';
import { bookedAppointments, readHistory } from './history.js';
import { lookBack } from './look-back.js';
import { planWeek } from './week.js';

export type PlannerMessage =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'done'; plan: WeekPlan }
  | { kind: 'failed'; error: string };

/** The history a plan rests on: the eight weeks before it (older weeks weigh little in the forecast). */
const HISTORY_DAYS = 56;

const { file, config, request } = workerData as {
  file: string;
  config: Config;
  request: Required<Omit<PlanningRequest, 'staffing'>> & Pick<PlanningRequest, 'staffing'>;
};
const post = (m: PlannerMessage) => parentPort?.postMessage(m);
const db = new Database(file, { readonly: true, fileMustExist: true });
try {
  const groups = planningGroups(config);
  const tz = config.site.timezone;
  const history = readHistory(db, config, { from: addDays(request.from, -HISTORY_DAYS), to: request.from });
  const booked = bookedAppointments(
    db,
    zonedInstant(request.from, '00:00', tz),
    zonedInstant(addDays(request.from, request.days), '00:00', tz),
  );
  const week = planWeek(config, groups, history, booked, { ...request, seed: 1 }, (done, total) => post({ kind: 'progress', done, total }));
  const yesterday = addDays(request.from, -1);
  const before = readHistory(db, config, { from: addDays(yesterday, -HISTORY_DAYS), to: yesterday });
  post({ kind: 'done', plan: { ...week, lookBack: lookBack(db, config, groups, before, yesterday, request.targetShare) } });
} catch (error) {
  post({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
} finally {
  db.close();
}
