// The planner against generated truth: histories drawn from known arrival rates (synthetic.ts), a
// plain M/M/c case with a known answer, and a plan checked on days drawn from the truth itself.
import { type Config, type ConfigInput, configSchema } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { addDays } from '../appointments/hours.js';
import { shareWithin } from './erlang.js';
import { forecast } from './forecast.js';
import { planningGroups } from './groups.js';
import { HOUR_MS, hourStart } from './hours.js';
import { type DayPlan, FORECAST_ERROR, HOUR_SLACK, type PlannerInput, planDay, predict } from './plan.js';
import { prng } from './random.js';
import { type Arrival, simulateDay } from './simulate.js';
import { generateHistory, type Truth, trueRate } from './synthetic.js';

const WEEKDAYS = {
  mon: [['08:00', '20:00']],
  tue: [['08:00', '20:00']],
  wed: [['08:00', '20:00']],
  thu: [['08:00', '20:00']],
  fri: [['08:00', '17:00']],
};

/** A centre of `groups` groups of three services each, `windows` windows per group. */
function centre(groups: { id: string; minutes: number; windows: number }[]): Config {
  const input: ConfigInput = {
    site: {
      id: 'plan',
      name: { uk: 'Центр', en: 'Centre' },
      timezone: 'Europe/Kyiv',
      languages: ['uk', 'en'],
      businessHours: WEEKDAYS as never,
    },
    serviceGroups: groups.map((g) => ({ id: g.id, names: { uk: g.id, en: g.id } })),
    services: groups.flatMap((g, i) =>
      [1, 2, 3].map((k) => ({
        id: `${g.id}-${k}`,
        group: g.id,
        prefix: String.fromCharCode(65 + i * 3 + k - 1),
        names: { uk: `${g.id} ${k}`, en: `${g.id} ${k}` },
        averageServiceMinutes: g.minutes,
      })),
    ),
    zones: [{ id: 'hall', names: { uk: 'Зала', en: 'Hall' } }],
    counters: groups.flatMap((g, i) =>
      Array.from({ length: g.windows }, (_, j) => ({
        id: `${g.id}-w${j + 1}`,
        window: i * 100 + j + 1,
        zone: 'hall',
        services: [1, 2, 3].map((k) => ({ service: `${g.id}-${k}`, weight: 1 })),
      })),
    ),
    queue: { priorityCategories: [{ id: 'veterans', names: { uk: 'Ветерани', en: 'Veterans' } }] },
  };
  return configSchema.parse(input);
}

/** Mean absolute percentage error of a week's forecast against the truth, over its busy hours. */
function mape(config: Config, truth: Truth, historyDays: number): number {
  const groups = planningGroups(config);
  const start = '2026-01-05';
  const history = generateHistory(config, groups, truth, start, historyDays, 11);
  const from = addDays(start, historyDays);
  const f = forecast(config, groups, history, from, 7);
  const pairs: [number, number][] = [];
  for (const day of f.days)
    for (const g of groups.ids)
      for (let h = 0; h < 24; h++) pairs.push([trueRate(config, truth, start, day.day, g, h), day.groups.get(g)![h]!]);
  // Busy hours: those with at least the median positive rate.
  const rates = pairs
    .map(([t]) => t)
    .filter((t) => t > 0)
    .sort((a, b) => a - b);
  const busy = rates[Math.floor(rates.length / 2)]!;
  const errors = pairs.filter(([t]) => t >= busy).map(([t, f]) => Math.abs(f - t) / t);
  return errors.reduce((a, b) => a + b, 0) / errors.length;
}

describe('the forecast', () => {
  const config = centre([
    { id: 'passports', minutes: 12, windows: 10 },
    { id: 'social', minutes: 8, windows: 8 },
  ]);
  const truth: Truth = {
    perDay: new Map([
      ['passports', 300],
      ['social', 200],
    ]),
    weekday: { mon: 1.3, fri: 0.7 },
    weeklyGrowth: 0,
  };

  it('is within 15 % per busy hour of next week from two weeks of history, and closer from eight', () => {
    const two = mape(config, truth, 14);
    const eight = mape(config, truth, 56);
    expect(two).toBeLessThanOrEqual(0.15);
    expect(eight).toBeLessThan(two);
  });

  it('follows demand that grows 5 % a week', () => {
    const growing = { ...truth, weeklyGrowth: 0.05 };
    expect(mape(config, growing, 42)).toBeLessThanOrEqual(0.15);
  });

  it('plans nothing on a holiday or a closed day', () => {
    const groups = planningGroups(config);
    const history = generateHistory(config, groups, truth, '2026-01-05', 14, 3);
    const holiday = { ...config, site: { ...config.site, holidays: ['2026-01-19'] } };
    const f = forecast(holiday, groups, history, '2026-01-19', 7);
    const total = (i: number) => [...f.days[i]!.groups.values()].flat().reduce((a, b) => a + b, 0);
    expect(total(0)).toBe(0); // the holiday, a Monday
    expect(total(1)).toBeGreaterThan(0);
    expect(total(5)).toBe(0); // Saturday
  });
});

describe('Erlang C against the simulated day on a plain M/M/c case', () => {
  // One service, exponential visits of 10 minutes, 33 arrivals an hour (5.5 erlangs), 7 windows all
  // day, nobody priority or absent: the textbook M/M/c queue, where Erlang C is exact in steady state.
  it('agrees within 5 points on the share called within 15 minutes', () => {
    const config = centre([{ id: 'one', minutes: 10, windows: 7 }]);
    const groups = planningGroups(config);
    const day = '2026-02-03';
    const tz = config.site.timezone;
    const staffing = new Map([['one', Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 7 : 0))]]);
    let issued = 0;
    let within = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const random = prng(seed);
      const arrivals: Arrival[] = [];
      // Poisson arrivals 08:00–20:00; the hours after 10:00 measured, once the empty start is past.
      for (let t = hourStart(day, 8, tz); ; ) {
        t += (-Math.log(1 - random()) / 33) * HOUR_MS;
        if (t >= hourStart(day, 20, tz)) break;
        arrivals.push({ at: t, service: 'one-1', priority: null, appointmentAt: null });
      }
      const figures = simulateDay({
        config,
        groups,
        day,
        staffing,
        arrivals,
        visitMs: (_s, r) => -Math.log(1 - r()) * 10 * 60_000,
        noShowShare: 0,
        seed,
      }).get('one')!;
      for (let h = 10; h < 19; h++) {
        issued += figures[h]!.issued;
        within += figures[h]!.within;
      }
    }
    const erlang = shareWithin(7, 33 / 60, 10, 15);
    expect(issued).toBeGreaterThan(3000);
    expect(Math.abs(within / issued - erlang)).toBeLessThanOrEqual(0.05);
  }, 60_000);
});

describe('the recommended staffing', () => {
  const config = centre([
    { id: 'passports', minutes: 12, windows: 14 },
    { id: 'social', minutes: 8, windows: 10 },
  ]);
  const groups = planningGroups(config);
  const truth: Truth = {
    perDay: new Map([
      ['passports', 260],
      ['social', 220],
    ]),
    weekday: { mon: 1.2 },
    weeklyGrowth: 0,
  };
  const start = '2026-01-05';
  const history = generateHistory(config, groups, truth, start, 21, 5);
  const day = '2026-01-27'; // a Tuesday
  const f = forecast(config, groups, history, day, 1);
  const input: PlannerInput = {
    config,
    groups,
    history,
    forecast: f,
    booked: [],
    target: { share: 0.9 },
    forecastError: FORECAST_ERROR,
    replications: 3,
    seed: 1,
  };

  /** The truth's own day, simulated `n` times with a staffing: the share within the target per group, and the worst busy hour. */
  function onTruth(staffing: Map<string, number[]>, n = 12) {
    const truthDay = {
      day,
      weekday: 'tue' as const,
      groups: new Map(groups.ids.map((g) => [g, Array.from({ length: 24 }, (_, h) => trueRate(config, truth, start, day, g, h))])),
    };
    // The truth's rates are known: no forecast error, other simulated days than the planner's.
    const figures = predict({ ...input, forecastError: 0, replications: n, seed: 9001 }, truthDay, staffing);
    return groups.ids.map((g) => {
      const hours = figures.get(g)!;
      const issued = hours.reduce((a, x) => a + x.issued, 0);
      const within = hours.reduce((a, x) => a + x.within, 0);
      const worst = Math.min(...hours.filter((x) => x.issued >= 10).map((x) => x.within / x.issued));
      return { day: within / issued, worst };
    });
  }
  // The planner's own definition (plan.ts): the day's share per group, and no busy hour far below it.
  const meets = (staffing: Map<string, number[]>) => onTruth(staffing).every((g) => g.day >= 0.9 && g.worst >= 0.9 - HOUR_SLACK);
  const staffingOf = (plan: DayPlan) =>
    new Map(
      groups.ids.map((g) => {
        const hours = new Array<number>(24).fill(0);
        for (const x of plan.groups.get(g)!) hours[x.hour] = x.windows;
        return [g, hours];
      }),
    );
  const hoursOf = (s: Map<string, number[]>) => [...s.values()].flat().reduce((a, b) => a + b, 0);

  it('keeps the target on days drawn from the truth, within 10 % of the fewest operator-hours a search finds', () => {
    const plan = planDay(input, f.days[0]!);
    const recommended = staffingOf(plan);
    const truthFigures = onTruth(recommended);
    expect(
      truthFigures.every((g) => g.day >= 0.9 && g.worst >= 0.9 - HOUR_SLACK),
      JSON.stringify(truthFigures),
    ).toBe(true);
    // The search: from one window more than Erlang's in every hour, take windows away one at a time,
    // the busiest hours first, while the truth's days still keep the target.
    const search = new Map(
      groups.ids.map((g) => [
        g,
        plan.groups.get(g)!.reduce((hours, x) => {
          hours[x.hour] = Math.min(groups.windows.get(g)!.length, x.erlang + 1);
          return hours;
        }, new Array<number>(24).fill(0)),
      ]),
    );
    for (let changed = true; changed; ) {
      changed = false;
      for (const g of groups.ids)
        for (const h of [...search.get(g)!.keys()].sort((a, b) => search.get(g)![b]! - search.get(g)![a]!)) {
          if (search.get(g)![h]! <= 1) continue;
          search.get(g)![h]!--;
          if (meets(search)) changed = true;
          else search.get(g)![h]!++;
        }
    }
    expect(hoursOf(recommended), `search found ${hoursOf(search)}`).toBeLessThanOrEqual(1.1 * hoursOf(search));
    expect(plan.meetsTarget).toBe(true);
  }, 300_000);
});
