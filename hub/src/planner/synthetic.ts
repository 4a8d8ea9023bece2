// Histories generated from known arrival rates, for the planner's tests and the bench: the truth a
// forecast is measured against, and the days a plan is checked on.
import type { Config, Weekday } from '@vikno/shared';
import { addDays, hoursOf, weekdayOf } from '../appointments/hours.js';
import type { PlanningGroups } from './groups.js';
import type { History } from './history.js';
import { openHours } from './hours.js';
import { logNormal, poisson, prng } from './random.js';

export interface Truth {
  /** Walk-ins per open day for each group in the history's first week. */
  perDay: Map<string, number>;
  /** Busier and quieter weekdays (absent: 1). */
  weekday: Partial<Record<Weekday, number>>;
  /** Relative growth per week. */
  weeklyGrowth: number;
  /** Service → share of its group's walk-ins (absent: shared equally). */
  serviceShare?: Map<string, number>;
}

/** The day's shape: a morning peak, a lunch dip, a smaller afternoon peak; Mondays come earlier. */
const PROFILE = [0.55, 1.25, 1.5, 1.45, 1.2, 0.95, 1.15, 1.1, 0.9, 0.75, 0.6, 0.5];
const MONDAY = [0.8, 1.6, 1.9, 1.6, 1.2, 0.9, 1.0, 0.9, 0.8, 0.6, 0.5, 0.4];

/** Expected walk-ins of a group in a local hour of a day, `start` being the history's first day. */
export function trueRate(config: Config, truth: Truth, start: string, day: string, group: string, hour: number): number {
  const open = openHours(hoursOf(config, day));
  const i = open.indexOf(hour);
  if (i < 0) return 0;
  const weekday = weekdayOf(day);
  const profile = (weekday === 'mon' ? MONDAY : PROFILE).slice(0, open.length);
  const total = profile.reduce((a, b) => a + b, 0);
  const weeks = (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 / 7;
  const perDay = (truth.perDay.get(group) ?? 0) * (truth.weekday[weekday] ?? 1) * (1 + truth.weeklyGrowth) ** weeks;
  return (perDay * (profile[i] ?? 0)) / total;
}

/** `days` days from `start` drawn from the truth (Poisson counts), with visits of the services' configured averages. */
export function generateHistory(config: Config, groups: PlanningGroups, truth: Truth, start: string, days: number, seed: number): History {
  const random = prng(seed);
  const services = new Map<string, { id: string; share: number }[]>(groups.ids.map((g) => [g, []]));
  for (const s of config.services) services.get(groups.groupOf.get(s.id)!)?.push({ id: s.id, share: truth.serviceShare?.get(s.id) ?? 1 });
  const history: History = { days: [], visitMs: new Map(), priorityShare: 0.04, noShowShare: 0.03 };
  for (let d = 0; d < days; d++) {
    const day = addDays(start, d);
    const walkIns = new Map<string, number[]>();
    for (const g of groups.ids) {
      const list = services.get(g)!;
      const total = list.reduce((a, s) => a + s.share, 0);
      for (let h = 0; h < 24; h++) {
        const rate = trueRate(config, truth, start, day, g, h);
        if (rate === 0) continue;
        for (const s of list) {
          const n = poisson((rate * s.share) / total, random);
          if (n === 0) continue;
          const hours = walkIns.get(s.id) ?? new Array<number>(24).fill(0);
          walkIns.set(s.id, hours);
          hours[h]! += n;
        }
      }
    }
    if (walkIns.size) history.days.push({ day, weekday: weekdayOf(day), walkIns });
  }
  for (const s of config.services)
    history.visitMs.set(
      s.id,
      Array.from({ length: 200 }, () => logNormal(s.averageServiceMinutes, random) * 60_000),
    );
  return history;
}
