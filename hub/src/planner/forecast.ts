// Walk-in arrivals per service group and local hour for the days ahead, from the record's history.
//
// Method: a day's total per weekday × the weekday's hourly profile × a trend, each estimated so that
// two weeks of history are enough and more history makes it better:
// - the level is a weighted mean of the same weekday's past totals, recent weeks weighing more (half
//   weight every HALF_LIFE_WEEKS), so a change in demand is followed within a few weeks;
// - the hourly profile is the weekday's own, shrunk towards the profile of all days by how few days of
//   that weekday were seen (with two Mondays, a Monday's hours lean on the other days' shape);
// - the trend is the median of the slopes between weekly totals (Theil–Sen: a holiday week or one
//   odd day does not tilt it), used only from MIN_TREND_WEEKS full weeks on, since a slope through
//   two weeks is mostly noise, and damped, since a trend rarely runs on unchanged.
// Exponential smoothing with seasons (Holt–Winters) was the other candidate: it needs several full
// seasons to set up its weekly and daily seasons and is unstable on two weeks; this decomposition is
// what it reduces to with those seasons held as profiles. Appointments already booked are not
// forecast but added as they are (plan.ts).
import type { Config, Weekday } from '@vikno/shared';
import { addDays, hoursOf, weekdayOf } from '../appointments/hours.js';
import type { PlanningGroups } from './groups.js';
import type { History } from './history.js';
import { openHours } from './hours.js';

const HALF_LIFE_WEEKS = 2;
const MIN_TREND_WEEKS = 3;
/** How many days of a weekday weigh as much as the all-days profile. */
const PROFILE_PRIOR_DAYS = 2;
/** At most this much growth or fall is carried into the weeks ahead. */
const MAX_TREND = 0.3;

export interface DayForecast {
  day: string;
  weekday: Weekday;
  /** Group → expected walk-ins in each local hour (24 values); all 0 on a closed day. */
  groups: Map<string, number[]>;
}

export interface Forecast {
  days: DayForecast[];
  /** Service → its share of its group's walk-ins, for splitting a group's arrivals among services. */
  serviceShare: Map<string, number>;
  /** The history's days the forecast rests on, and whether a trend was used. */
  basis: { days: number; weeks: number; trend: number | null };
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** Group totals per day and hour: history's service counts added up by group. */
function groupDays(history: History, groups: PlanningGroups) {
  return history.days.map((d) => {
    const byGroup = new Map<string, number[]>(groups.ids.map((g) => [g, new Array<number>(24).fill(0)]));
    for (const [service, hours] of d.walkIns) {
      const g = byGroup.get(groups.groupOf.get(service) ?? '');
      if (g) for (let h = 0; h < 24; h++) g[h]! += hours[h]!;
    }
    return { day: d.day, weekday: d.weekday, byGroup };
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Relative growth per week of the group's weekly totals (Theil–Sen), or null with too few full weeks. */
function weeklyTrend(totals: { day: string; total: number }[], firstDay: string, lastDay: string): number | null {
  const start = dayNumber(firstDay);
  const weeks = Math.floor((dayNumber(lastDay) - start + 1) / 7);
  if (weeks < MIN_TREND_WEEKS) return null;
  const sums = new Array<number>(weeks).fill(0);
  for (const t of totals) {
    const w = Math.floor((dayNumber(t.day) - start) / 7);
    if (w < weeks) sums[w]! += t.total;
  }
  const slopes: number[] = [];
  for (let i = 0; i < weeks; i++) for (let j = i + 1; j < weeks; j++) slopes.push((sums[j]! - sums[i]!) / (j - i));
  const mean = sums.reduce((a, b) => a + b, 0) / weeks;
  return mean > 0 ? median(slopes) / mean : null;
}

export function forecast(config: Config, groups: PlanningGroups, history: History, from: string, days: number): Forecast {
  const past = groupDays(history, groups);
  const first = past[0]?.day;
  const last = past.at(-1)?.day;
  // Full weeks end on the history's last day, so that the trend's weeks are whole.
  const trendFrom = first && last ? addDays(last, -7 * Math.floor((dayNumber(last) - dayNumber(first) + 1) / 7) + 1) : undefined;

  const serviceTotals = new Map<string, number>();
  const groupTotals = new Map<string, number>();
  for (const d of history.days)
    for (const [service, hours] of d.walkIns) {
      const n = hours.reduce((a, b) => a + b, 0);
      serviceTotals.set(service, (serviceTotals.get(service) ?? 0) + n);
      const g = groups.groupOf.get(service);
      if (g) groupTotals.set(g, (groupTotals.get(g) ?? 0) + n);
    }
  const serviceShare = new Map<string, number>();
  for (const [service, n] of serviceTotals) {
    const total = groupTotals.get(groups.groupOf.get(service) ?? '') ?? 0;
    if (total > 0) serviceShare.set(service, n / total);
  }

  const trends = new Map<string, number | null>();
  for (const g of groups.ids) {
    const totals = past.filter((d) => trendFrom && d.day >= trendFrom).map((d) => ({ day: d.day, total: sum(d.byGroup.get(g)!) }));
    trends.set(g, trendFrom && last ? weeklyTrend(totals, trendFrom, last) : null);
  }

  const out: DayForecast[] = [];
  for (let i = 0; i < days; i++) {
    const day = addDays(from, i);
    const weekday = weekdayOf(day);
    const open = new Set(openHours(hoursOf(config, day)));
    const byGroup = new Map<string, number[]>();
    for (const g of groups.ids) {
      const hours = new Array<number>(24).fill(0);
      byGroup.set(g, hours);
      if (open.size === 0) continue;
      const same = past.filter((d) => d.weekday === weekday);
      if (same.length === 0) continue;
      const weight = (d: string) => 0.5 ** ((dayNumber(day) - dayNumber(d)) / 7 / HALF_LIFE_WEEKS);
      let wSum = 0;
      let level = 0;
      let age = 0;
      const own = new Array<number>(24).fill(0);
      for (const d of same) {
        const w = weight(d.day);
        const counts = d.byGroup.get(g)!;
        wSum += w;
        level += w * sum(counts);
        age += (w * (dayNumber(day) - dayNumber(d.day))) / 7;
        for (let h = 0; h < 24; h++) own[h]! += w * counts[h]!;
      }
      level /= wSum;
      age /= wSum;
      const all = new Array<number>(24).fill(0);
      for (const d of past) {
        const counts = d.byGroup.get(g)!;
        const w = weight(d.day);
        for (let h = 0; h < 24; h++) all[h]! += w * counts[h]!;
      }
      const ownShares = shares(own);
      const allShares = shares(all);
      const n = same.length;
      const trend = trends.get(g);
      // The level stands for the weighted mean age of its days: the trend carries it to the day planned.
      const growth = trend === null || trend === undefined ? 1 : 1 + Math.max(-MAX_TREND, Math.min(MAX_TREND, trend * age * 0.8));
      for (let h = 0; h < 24; h++) {
        if (!open.has(h)) continue;
        const share = (n * ownShares[h]! + PROFILE_PRIOR_DAYS * allShares[h]!) / (n + PROFILE_PRIOR_DAYS);
        hours[h] = level * growth * share;
      }
    }
    out.push({ day, weekday, groups: byGroup });
  }
  const anyTrend = [...trends.values()].find((t) => t !== null);
  return {
    days: out,
    serviceShare,
    basis: {
      days: past.length,
      weeks: first && last ? Math.floor((dayNumber(last) - dayNumber(first) + 1) / 7) : 0,
      trend: anyTrend ?? null,
    },
  };
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

function shares(xs: readonly number[]): number[] {
  const total = sum(xs);
  return xs.map((x) => (total > 0 ? x / total : 0));
}
