// The staffing plan: how many of each group's windows to open in each hour so that the target share
// of visitors (90 % by default) is called within the centre's promise, at the fewest operator-hours.
// Erlang C (erlang.ts) gives each hour's count as if the hour stood alone in a steady state; the
// simulated day (simulate.ts) then checks the whole day under the centre's rules and the plan is
// raised where the simulation misses the target and lowered where it keeps it with a window to spare.
// Where the two end up apart, the plan says why (`Disagreement`).
import type { Config } from '@vikno/shared';
import { hoursOf } from '../appointments/hours.js';
import { shareWithin, windowsNeeded } from './erlang.js';
import type { DayForecast, Forecast } from './forecast.js';
import type { PlanningGroups } from './groups.js';
import type { History } from './history.js';
import { HOUR_MS, hourOf, hourStart, openHours } from './hours.js';
import { logNormal, normal, poisson, prng } from './random.js';
import { type Arrival, type HourFigures, p90Minutes, simulateDay } from './simulate.js';

export interface PlanTarget {
  /** Share of visitors to be called within the centre's `targetWaitMinutes`. */
  share: number;
}

export interface PlannerInput {
  config: Config;
  groups: PlanningGroups;
  history: History;
  forecast: Forecast;
  /** Appointments booked for the days planned. */
  booked: readonly { service: string; at: number }[];
  target: PlanTarget;
  /** Relative error of an hour's forecast (one standard deviation) the plan must hold against; 0 for a day whose rates are known. */
  forecastError: number;
  /** Simulated days per check at least: a small centre's day is simulated more often (see `replicationsFor`). */
  replications: number;
  seed: number;
}

export interface HourPlan {
  hour: number;
  /** Walk-ins expected, and appointments booked. */
  forecast: number;
  booked: number;
  /** Windows by Erlang C alone, and the plan's. */
  erlang: number;
  windows: number;
  /** Share within the target by Erlang C for the plan's windows, and in the simulation. */
  erlangShare: number;
  simulatedShare: number | null;
  p90WaitMinutes: number | null;
}

export type DisagreementReason = 'carriedLine' | 'sharedWindows' | 'rules' | 'variability';

export interface Disagreement {
  day: string;
  group: string;
  hour: number;
  erlang: number;
  windows: number;
  /** The simulation's share within the target with Erlang's windows. */
  simulatedShareAtErlang: number | null;
  reason: DisagreementReason;
}

export interface DayPlan {
  day: string;
  /** Group → the open hours' plans, in hour order. */
  groups: Map<string, HourPlan[]>;
  operatorHours: number;
  erlangOperatorHours: number;
  /** Every group-hour with visitors keeps the target in the simulation. */
  meetsTarget: boolean;
  /** Groups missing the target in an hour with all their windows open. */
  shortOfWindows: string[];
  turnedAway: number;
  disagreements: Disagreement[];
}

/**
 * How far an hour's walk-ins may fall from the forecast (relative, one standard deviation), so that
 * the plan holds when an hour brings more than forecast: the forecast's error per busy hour is 4–8 %
 * on generated histories of three weeks and more (planner.test.ts).
 */
export const FORECAST_ERROR = 0.05;
/** How far below the target one hour may fall while the day keeps it. */
export const HOUR_SLACK = 0.1;
/** Below this many tickets in a group's hour, its share says too little to act on. */
const MIN_TICKETS = 3;
/** A group-hour this far above the target may give up a window. */
const SPARE = 0.04;
const MAX_ROUNDS = 8;
/** Each round gives up at most one window per group: a day rarely has more to give than this. */
const MAX_TRIM_ROUNDS = 12;

type VisitModel = { meanMinutes: (service: string) => number; draw: (service: string, random: () => number) => number };
/** Each history's model, made once: every simulated check of a plan reads it. */
const visitModels = new WeakMap<History, { config: Config; model: VisitModel }>();

function visitModel(config: Config, history: History): VisitModel {
  const made = visitModels.get(history);
  if (made?.config === config) return made.model;
  const model = makeVisitModel(config, history);
  visitModels.set(history, { config, model });
  return model;
}

/** How long each service's visits take: its own recent visits, else its configured average. */
function makeVisitModel(config: Config, history: History): VisitModel {
  const means = new Map<string, number>();
  for (const s of config.services) {
    const seen = history.visitMs.get(s.id);
    means.set(s.id, seen?.length ? seen.reduce((a, b) => a + b, 0) / seen.length / 60_000 : s.averageServiceMinutes);
  }
  return {
    meanMinutes: (service: string) => means.get(service) ?? 10,
    /** A visit drawn from the service's own past (bootstrap), or log-normal around its average. */
    draw: (service: string, random: () => number) => {
      const seen = history.visitMs.get(service);
      if (seen && seen.length >= 20) return seen[Math.floor(random() * seen.length)]!;
      return logNormal(means.get(service) ?? 10, random) * 60_000;
    },
  };
}

type Staffing = Map<string, number[]>;

function copy(s: Staffing): Staffing {
  return new Map([...s].map(([g, hours]) => [g, [...hours]]));
}

/** The day's visitors drawn from the forecast (Poisson per group-hour) and the booked appointments. */
function arrivalsOf(input: PlannerInput, day: DayForecast, random: () => number): Arrival[] {
  const { config, groups, forecast } = input;
  const tz = config.site.timezone;
  const categories = config.queue.priorityCategories.map((p) => p.id);
  const byGroup = new Map<string, { id: string; cdf: number }[]>(groups.ids.map((g) => [g, []]));
  const totals = new Map<string, number>();
  for (const s of config.services) {
    const g = groups.groupOf.get(s.id)!;
    const share = forecast.serviceShare.get(s.id) ?? 0;
    if (share <= 0 || !s.active) continue;
    totals.set(g, (totals.get(g) ?? 0) + share);
    byGroup.get(g)!.push({ id: s.id, cdf: totals.get(g)! });
  }
  const out: Arrival[] = [];
  const starts = Array.from({ length: 24 }, (_, h) => hourStart(day.day, h, tz));
  for (const [g, hours] of day.groups) {
    const list = byGroup.get(g)!;
    const total = totals.get(g) ?? 0;
    if (!list.length) continue;
    for (let h = 0; h < 24; h++) {
      // An hour may bring more or fewer than forecast: the plan should hold when it does.
      const e = input.forecastError;
      const n = poisson(hours[h]! * Math.exp(e * normal(random) - (e * e) / 2), random);
      const start = starts[h]!;
      for (let i = 0; i < n; i++) {
        const u = random() * total;
        const service = (list.find((s) => s.cdf >= u) ?? list.at(-1)!).id;
        const priority =
          categories.length && random() < input.history.priorityShare ? categories[Math.floor(random() * categories.length)]! : null;
        out.push({ at: start + Math.floor(random() * HOUR_MS), service, priority, appointmentAt: null });
      }
    }
  }
  const dayStart = starts[0]!;
  for (const b of input.booked) {
    if (b.at < dayStart || b.at >= dayStart + 24 * HOUR_MS) continue;
    // Visitors with an appointment come a few minutes early.
    out.push({ at: b.at - Math.floor(random() * 10 * 60_000), service: b.service, priority: null, appointmentAt: b.at });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Each planned day's drawn visitors by seed: every check of a plan on the same draw meets the same ones. */
const drawn = new WeakMap<DayForecast, { input: PlannerInput; bySeed: Map<number, Arrival[]> }>();

function drawnArrivals(input: PlannerInput, day: DayForecast, seed: number): Arrival[] {
  let cache = drawn.get(day);
  if (cache?.input !== input) {
    cache = { input, bySeed: new Map() };
    drawn.set(day, cache);
  }
  let arrivals = cache.bySeed.get(seed);
  if (!arrivals) {
    arrivals = arrivalsOf(input, day, prng(seed));
    cache.bySeed.set(seed, arrivals);
  }
  return arrivals;
}

/** Visitors a check should see in all: enough that an hour's share within the target is not luck. */
const VISITORS_PER_CHECK = 3000;

/**
 * How many times a day is simulated per check: a plan fitted to a few simulated days fits their
 * chance, so a small centre's day is played until its hours have seen enough visitors.
 */
function replicationsFor(input: PlannerInput, day: DayForecast): number {
  let visitors = 0;
  for (const hours of day.groups.values()) for (const x of hours) visitors += x;
  return Math.max(input.replications, Math.min(20, Math.ceil(VISITORS_PER_CHECK / Math.max(1, visitors))));
}

/**
 * The day simulated with a staffing, the figures pooled per group-hour. `draw` picks the set of
 * simulated days: the plan is fitted on one and a window given up only if another agrees.
 */
export function predict(input: PlannerInput, day: DayForecast, staffing: Staffing, draw = 0): Map<string, HourFigures[]> {
  const visits = visitModel(input.config, input.history);
  const replications = replicationsFor(input, day);
  const pooled = new Map<string, HourFigures[]>(
    input.groups.ids.map((g) => [
      g,
      Array.from({ length: 24 }, () => ({ issued: 0, within: 0, waitsMs: [], waitingAtStart: 0, turnedAway: 0 })),
    ]),
  );
  for (let r = 0; r < replications; r++) {
    // The same visitors in every round of a day, so that a change of plan is what changes the waits.
    const seed = input.seed + (draw * 100 + r) * 7919 + Number(day.day.replaceAll('-', ''));
    const arrivals = drawnArrivals(input, day, seed);
    const figures = simulateDay({
      config: input.config,
      groups: input.groups,
      day: day.day,
      staffing,
      arrivals,
      visitMs: visits.draw,
      noShowShare: input.history.noShowShare,
      seed: seed + 1,
    });
    for (const [g, hours] of figures)
      hours.forEach((f, h) => {
        const p = pooled.get(g)![h]!;
        p.issued += f.issued;
        p.within += f.within;
        p.waitsMs.push(...f.waitsMs);
        p.waitingAtStart += f.waitingAtStart / replications;
        p.turnedAway += f.turnedAway / replications;
      });
  }
  return pooled;
}

const share = (f: HourFigures) => (f.issued ? f.within / f.issued : null);

/** The group's mean visit over its services, weighted by how often each is asked for. */
function groupVisitMinutes(input: PlannerInput, group: string, meanMinutes: (s: string) => number): number {
  let weighted = 0;
  let total = 0;
  for (const s of input.config.services) {
    if (input.groups.groupOf.get(s.id) !== group) continue;
    const w = input.forecast.serviceShare.get(s.id) ?? 0;
    weighted += w * meanMinutes(s.id);
    total += w;
  }
  return total > 0 ? weighted / total : 10;
}

/** Recommends a day's staffing, or checks a supervisor's own (`fixed`: the what-if, simulated as given). */
export function planDay(input: PlannerInput, day: DayForecast, fixed?: Staffing): DayPlan {
  const { config, groups } = input;
  const tz = config.site.timezone;
  const target = config.queue.targetWaitMinutes;
  const open = openHours(hoursOf(config, day.day));
  const visits = visitModel(config, input.history);
  const visitMinutes = new Map(groups.ids.map((g) => [g, groupVisitMinutes(input, g, visits.meanMinutes)]));
  const booked = new Map<string, number[]>(groups.ids.map((g) => [g, new Array<number>(24).fill(0)]));
  const dayStart = hourStart(day.day, 0, tz);
  for (const b of input.booked) {
    if (b.at < dayStart || b.at >= dayStart + 24 * HOUR_MS) continue;
    const g = booked.get(groups.groupOf.get(b.service) ?? '');
    if (g) g[hourOf(b.at, tz)]!++;
  }
  const demand = (g: string, h: number) => day.groups.get(g)![h]! + booked.get(g)![h]!;
  /** The fewest windows that keep up with the hour's work at all: fewer, and the line only grows. */
  const stable = (g: string, h: number) => Math.max(1, Math.floor((demand(g, h) * visitMinutes.get(g)!) / 60) + 1);

  const erlang: Staffing = new Map(
    groups.ids.map((g) => {
      const cap = groups.windows.get(g)!.length;
      const hours = new Array<number>(24).fill(0);
      for (const h of open) hours[h] = windowsNeeded(demand(g, h) / 60, visitMinutes.get(g)!, target, input.target.share, cap);
      return [g, hours];
    }),
  );

  let plan = fixed ? copy(fixed) : copy(erlang);
  let figures = predict(input, day, plan);
  const atErlang = fixed ? predict(input, day, erlang) : figures;
  /**
   * Where the target is missed: the promise is kept over the day (the share a centre reports), so a
   * group whose day falls short misses in each hour below the target; and no hour may fall far
   * below it (HOUR_SLACK), since that hour's visitors are let down whatever the day's figure.
   */
  const misses = (f: Map<string, HourFigures[]>, hourFloor = input.target.share - HOUR_SLACK) =>
    groups.ids.flatMap((g) => {
      const hours = f.get(g)!;
      const issued = hours.reduce((n, x) => n + x.issued, 0);
      const dayShare = issued ? hours.reduce((n, x) => n + x.within, 0) / issued : 1;
      const floor = dayShare < input.target.share ? input.target.share : hourFloor;
      return open.filter((h) => hours[h]!.issued >= MIN_TICKETS && share(hours[h]!)! < floor).map((h) => ({ g, h }));
    });

  /** Up where the simulated day misses the target: at the hour, and the hour before when the hour began with a line. */
  const raise = () => {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const missed = misses(figures);
      if (!missed.length) return;
      let raised = false;
      for (const { g, h } of missed) {
        const hours = plan.get(g)!;
        const cap = groups.windows.get(g)!.length;
        const before = open.includes(h - 1) ? h - 1 : null;
        if (hours[h]! < cap) {
          hours[h]!++;
          raised = true;
        }
        if (before !== null && figures.get(g)![h]!.waitingAtStart > hours[h]! && hours[before]! < cap) {
          hours[before]!++;
          raised = true;
        }
      }
      if (!raised) return;
      figures = predict(input, day, plan);
    }
  };
  /**
   * Down where a window is to spare: each group gives up one window a round, in its hour furthest
   * above the target, and takes it back if any of the group's hours then falls below the target
   * (not only below the slack: an hour left at the slack's edge misses on the next day's chance);
   * groups are tried together, since their windows are apart.
   */
  const trim = () => {
    const blocked = new Set<string>();
    let judged = figures;
    for (let round = 0; round < MAX_TRIM_ROUNDS; round++) {
      const trial = copy(plan);
      const tried = new Map<string, number>();
      for (const g of groups.ids) {
        const hours = judged.get(g)!;
        const best = open
          .filter(
            (h) => plan.get(g)![h]! > stable(g, h) && !blocked.has(`${g}:${h}`) && (share(hours[h]!) ?? 1) >= input.target.share + SPARE,
          )
          .sort((x, y) => (share(hours[y]!) ?? 1) - (share(hours[x]!) ?? 1) || plan.get(g)![y]! - plan.get(g)![x]!)[0];
        if (best === undefined) continue;
        trial.get(g)![best]!--;
        tried.set(g, best);
      }
      if (!tried.size) break;
      // Fresh simulated days each round: judged always on the same ones, the plan would come to fit their chance.
      const after = predict(input, day, trial, round + 1);
      // And on the days the plan is reported on: an hour's share swings from one set of days to another.
      const floor = input.target.share;
      const missed = [...misses(after, floor), ...misses(predict(input, day, trial), floor)];
      // A window given up at an hour is felt in that hour and the few after it, where its line goes.
      const felt = (g: string, h: number) => missed.some((m) => m.g === g && m.h >= h && m.h <= h + 3);
      const missedGroups = new Set([...tried].filter(([g, h]) => felt(g, h)).map(([g]) => g));
      for (const [g, h] of tried) {
        if (missedGroups.has(g)) {
          trial.get(g)![h]!++;
          blocked.add(`${g}:${h}`);
        }
      }
      plan = trial;
      judged = missedGroups.size ? predict(input, day, plan, round + 1) : after;
    }
    figures = predict(input, day, plan);
  };
  if (!fixed) {
    raise();
    trim();
    raise();
  }

  const shared = new Set(
    config.counters.filter((c) => new Set(c.services.map((s) => groups.groupOf.get(s.service))).size > 1).map((c) => c.id),
  );
  const out = new Map<string, HourPlan[]>();
  const disagreements: Disagreement[] = [];
  let operatorHours = 0;
  let erlangOperatorHours = 0;
  let turnedAway = 0;
  for (const g of groups.ids) {
    const hours: HourPlan[] = [];
    for (const h of open) {
      const f = figures.get(g)![h]!;
      const windows = plan.get(g)![h]!;
      const e = erlang.get(g)![h]!;
      operatorHours += windows;
      erlangOperatorHours += e;
      turnedAway += f.turnedAway;
      hours.push({
        hour: h,
        forecast: round1(day.groups.get(g)![h]!),
        booked: booked.get(g)![h]!,
        erlang: e,
        windows,
        erlangShare: round3(shareWithin(windows, demand(g, h) / 60, visitMinutes.get(g)!, target)),
        simulatedShare: share(f) === null ? null : round3(share(f)!),
        p90WaitMinutes: p90Minutes(f.waitsMs),
      });
      if (!fixed && windows !== e) {
        const atE = atErlang.get(g)![h]!;
        const reason: DisagreementReason =
          atE.waitingAtStart >= 1 || (open.includes(h + 1) && windows > e && atErlang.get(g)![h + 1]!.waitingAtStart >= 1)
            ? 'carriedLine'
            : groups.windows.get(g)!.some((c) => shared.has(c))
              ? 'sharedWindows'
              : input.history.priorityShare > 0 || booked.get(g)![h]! > 0
                ? 'rules'
                : 'variability';
        disagreements.push({ day: day.day, group: g, hour: h, erlang: e, windows, simulatedShareAtErlang: share(atE), reason });
      }
    }
    out.set(g, hours);
  }
  return {
    day: day.day,
    groups: out,
    operatorHours,
    erlangOperatorHours,
    meetsTarget: misses(figures).length === 0,
    shortOfWindows: [
      ...new Set(
        misses(figures)
          .filter(({ g, h }) => plan.get(g)![h]! >= groups.windows.get(g)!.length)
          .map(({ g }) => g),
      ),
    ],
    turnedAway: Math.round(turnedAway),
    disagreements,
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
