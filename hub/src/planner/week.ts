// A week's staffing plan from the record: the history of the weeks before, the forecast of the week,
// each day planned (or, for a what-if, the supervisor's own windows simulated as given), and the
// figures a supervisor reads, as plain data for the HTTP API and the CSV.
import type { Config, PlannedDay, WeekPlan } from '@vikno/shared';
import { hoursOf } from '../appointments/hours.js';
import { forecast } from './forecast.js';
import type { PlanningGroups } from './groups.js';
import type { History } from './history.js';
import { openHours } from './hours.js';
import { type DayPlan, FORECAST_ERROR, planDay } from './plan.js';
import { rosterDay } from './roster.js';

export interface WeekRequest {
  /** The first day planned (`YYYY-MM-DD`). */
  from: string;
  days: number;
  /** Share of visitors to be called within the centre's target wait. */
  targetShare: number;
  /** A what-if: per day, group → windows open in each local hour (24 values); the days absent are planned. */
  staffing?: Record<string, Record<string, number[]>>;
  seed: number;
}

/** `progress(done, total)` after each day: a week takes seconds. */
export function planWeek(
  config: Config,
  groups: PlanningGroups,
  history: History,
  booked: readonly { service: string; at: number }[],
  request: WeekRequest,
  progress: (done: number, total: number) => void = () => {},
): Omit<WeekPlan, 'lookBack'> {
  const f = forecast(config, groups, history, request.from, request.days);
  const input = {
    config,
    groups,
    history,
    forecast: f,
    booked,
    target: { share: request.targetShare },
    forecastError: FORECAST_ERROR,
    replications: 2,
    seed: request.seed,
  };
  const days: PlannedDay[] = [];
  for (const [i, day] of f.days.entries()) {
    if (openHours(hoursOf(config, day.day)).length) {
      const given = request.staffing?.[day.day];
      const fixed = given && new Map(groups.ids.map((g) => [g, given[g] ?? new Array<number>(24).fill(0)]));
      days.push(plainDay(config, groups, planDay(input, day, fixed), fixed !== undefined));
    }
    progress(i + 1, f.days.length);
  }
  return {
    from: request.from,
    targetShare: request.targetShare,
    targetWaitMinutes: config.queue.targetWaitMinutes,
    basis: { days: f.basis.days, weeks: f.basis.weeks, trend: f.basis.trend !== null },
    days,
    operatorHours: days.reduce((n, d) => n + d.operatorHours, 0),
  };
}

function plainDay(config: Config, groups: PlanningGroups, plan: DayPlan, given: boolean): PlannedDay {
  const windows = new Map(
    [...plan.groups].map(([g, hours]) => {
      const open = new Array<number>(24).fill(0);
      for (const h of hours) open[h.hour] = h.windows;
      return [g, open];
    }),
  );
  return {
    day: plan.day,
    given,
    groups: [...plan.groups].map(([group, hours]) => ({ group, hours })),
    operatorHours: plan.operatorHours,
    erlangOperatorHours: plan.erlangOperatorHours,
    meetsTarget: plan.meetsTarget,
    shortOfWindows: plan.shortOfWindows,
    turnedAway: plan.turnedAway,
    roster: rosterDay(config, groups, windows),
    disagreements: plan.disagreements.map(({ day: _day, ...d }) => d),
  };
}

/** The plan as a spreadsheet reads it: one row per day, group and hour. */
export function planCsv(plan: Pick<WeekPlan, 'days'>, groupName: (id: string) => string): string {
  const rows = [
    [
      'day',
      'group_id',
      'group',
      'hour',
      'forecast_walk_ins',
      'booked',
      'windows_erlang',
      'windows_plan',
      'share_within_target',
      'p90_wait_minutes',
    ],
  ];
  for (const d of plan.days)
    for (const g of d.groups)
      for (const h of g.hours)
        rows.push([
          d.day,
          g.group,
          groupName(g.group),
          `${String(h.hour).padStart(2, '0')}:00`,
          String(h.forecast),
          String(h.booked),
          String(h.erlang),
          String(h.windows),
          h.simulatedShare === null ? '' : String(h.simulatedShare),
          h.p90WaitMinutes === null ? '' : String(h.p90WaitMinutes),
        ]);
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}
