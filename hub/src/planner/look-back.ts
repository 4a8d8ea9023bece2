// A past day against what the planner would have said the evening before: its forecast of the day's
// walk-ins (from the history before it) and the p90 wait its plan predicted, next to the record's
// walk-ins and waits. How far to trust next week's plan.
import type { Config, LookBack } from '@vikno/shared';
import type Database from 'better-sqlite3';
import { forecast } from './forecast.js';
import type { PlanningGroups } from './groups.js';
import type { History } from './history.js';
import { hourOf } from './hours.js';
import { FORECAST_ERROR, planDay } from './plan.js';
import { p90Minutes } from './simulate.js';

interface TicketRow {
  service: string;
  issued_at: number;
  called_at: number | null;
  channel: string;
}

export function lookBack(
  db: Database.Database,
  config: Config,
  groups: PlanningGroups,
  before: History,
  day: string,
  targetShare: number,
): LookBack | null {
  const rows = db
    .prepare(`SELECT service, issued_at, called_at, json_extract(data, '$.channel') AS channel FROM tickets WHERE day = ?`)
    .all(day) as TicketRow[];
  if (!rows.length || !before.days.length) return null;
  const f = forecast(config, groups, before, day, 1);
  const plan = planDay(
    {
      config,
      groups,
      history: before,
      forecast: f,
      booked: [],
      target: { share: targetShare },
      forecastError: FORECAST_ERROR,
      replications: 2,
      seed: 1,
    },
    f.days[0]!,
  );
  const tz = config.site.timezone;
  const actual = new Map(groups.ids.map((g) => [g, Array.from({ length: 24 }, () => ({ walkIns: 0, waits: [] as number[] }))]));
  for (const r of rows) {
    const cell = actual.get(groups.groupOf.get(r.service) ?? '')?.[hourOf(r.issued_at, tz)];
    if (!cell) continue;
    if (r.channel !== 'appointment') cell.walkIns++;
    if (r.called_at !== null) cell.waits.push(r.called_at - r.issued_at);
  }
  return {
    day,
    groups: [...plan.groups].map(([group, hours]) => ({
      group,
      hours: hours.map((h) => {
        const cell = actual.get(group)![h.hour]!;
        return {
          hour: h.hour,
          forecast: h.forecast,
          actual: cell.walkIns,
          predictedP90WaitMinutes: h.p90WaitMinutes,
          actualP90WaitMinutes: p90Minutes(cell.waits),
        };
      }),
    })),
  };
}
