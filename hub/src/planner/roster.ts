// From windows per hour to people per shift: the centre's shift patterns (config `staffing.shifts`)
// filled so that every quarter hour has as many operators at their windows as the plan opens, breaks
// taken out, so someone stands in while another is on a break, at the fewest hours on shift (a
// covering problem, searched: `fewestHours`).
import type { Config, Shift } from '@vikno/shared';
import type { PlanningGroups } from './groups.js';

const SLOT_MINUTES = 15;
const SLOTS = (24 * 60) / SLOT_MINUTES;

export interface GroupRoster {
  group: string;
  /** People on each shift pattern that has any, in config order. */
  shifts: { shift: string; people: number }[];
  /** Hours on shift of them all, breaks included. */
  staffHours: number;
  /** Local hours the plan opens windows in that no shift pattern reaches. */
  uncovered: number[];
  /** The most of the group's people on shift at once. */
  peak: number;
  /** Operators allowed at any of the group's windows (config `operators[].counters`); null when the config lists none. */
  eligible: number | null;
}

export interface DayRoster {
  shifts: { id: string; from: string; to: string }[];
  groups: GroupRoster[];
  people: number;
  staffHours: number;
  /** The most people on shift at once, all groups together, and the operators the config lists (null: none). */
  peak: number;
  operators: number | null;
  /** Groups whose peak is more than the operators allowed at their windows. */
  shortOfStaff: string[];
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The quarter hours a shift's people are at their windows, and those they are on site. */
function slotsOf(shift: Shift): { working: boolean[]; present: boolean[] } {
  const present = Array.from(
    { length: SLOTS },
    (_, i) => i * SLOT_MINUTES >= minutesOf(shift.from) && i * SLOT_MINUTES < minutesOf(shift.to),
  );
  // A quarter hour touched by a break is lost to the window: nobody sits down for five minutes.
  const working = present.map(
    (on, i) => on && !shift.breaks.some(([from, to]) => i * SLOT_MINUTES < minutesOf(to) && (i + 1) * SLOT_MINUTES > minutesOf(from)),
  );
  return { working, present };
}

interface Pattern {
  id: string;
  working: boolean[];
  present: boolean[];
  hours: number;
}

const hoursOf = (patterns: readonly Pattern[], people: readonly number[]) => people.reduce((n, x, k) => n + x * patterns[k]!.hours, 0);

/** One person at a time on the pattern that covers the most of what is still short per hour on shift. */
function greedy(patterns: readonly Pattern[], need: readonly number[]): number[] {
  const short = [...need];
  const people = patterns.map(() => 0);
  for (;;) {
    let best = -1;
    let bestGain = 0;
    for (const [k, p] of patterns.entries()) {
      const gain = p.working.reduce((n, on, i) => n + (on && short[i]! > 0 ? 1 : 0), 0) / p.hours;
      if (gain > bestGain) [best, bestGain] = [k, gain];
    }
    if (best < 0) return people;
    people[best]!++;
    for (const [i, on] of patterns[best]!.working.entries()) if (on) short[i]!--;
  }
}

/** Nodes a group's search may visit: far more than a centre's few patterns need, and a bound on the worst. */
const SEARCH_NODES = 50_000;

/**
 * People per pattern covering `need` at the fewest hours on shift: a search over each pattern's count
 * in order of start, pruned by the best found so far (the greedy's to begin with) and by what the
 * quarter hours still short must cost at least. The greedy alone misses the mark where breaks leave
 * holes: two day shifts with a lunch hour need two more people for that hour, which two early and two
 * late shifts with staggered breaks avoid.
 */
function fewestHours(patterns: readonly Pattern[], need: readonly number[]): number[] {
  let best = greedy(patterns, need);
  let bestHours = hoursOf(patterns, best);
  const order = patterns.map((_, k) => k).sort((a, b) => patterns[a]!.working.indexOf(true) - patterns[b]!.working.indexOf(true));
  /** The last pattern in `order` working each quarter hour: there its cover must be complete. */
  const last = need.map((_, i) => order.findLastIndex((k) => patterns[k]!.working[i]));
  /** The shortest pattern from position j on working each quarter hour. */
  const cheapest = order.map((_, j) =>
    need.map((_, i) => Math.min(...order.slice(j).flatMap((k) => (patterns[k]!.working[i] ? [patterns[k]!.hours] : [])))),
  );
  const people = patterns.map(() => 0);
  const covered = new Array<number>(SLOTS).fill(0);
  let nodes = 0;
  const visit = (j: number, hours: number): void => {
    if (++nodes > SEARCH_NODES) return;
    if (j === order.length) {
      if (hours < bestHours) [best, bestHours] = [[...people], hours];
      return;
    }
    const k = order[j]!;
    const p = patterns[k]!;
    let min = 0;
    let max = 0;
    for (let i = 0; i < SLOTS; i++) {
      const short = need[i]! - covered[i]!;
      if (short <= 0 || !p.working[i]) continue;
      max = Math.max(max, short);
      if (last[i] === j) min = Math.max(min, short);
    }
    for (let c = min; c <= max; c++) {
      const spent = hours + c * p.hours;
      if (spent >= bestHours) break;
      let bound = 0;
      for (let i = 0; i < SLOTS; i++) {
        const short = need[i]! - covered[i]! - (p.working[i] ? c : 0);
        if (short > 0) bound = Math.max(bound, short * (j + 1 < order.length ? cheapest[j + 1]![i]! : Number.POSITIVE_INFINITY));
      }
      if (spent + bound >= bestHours) continue;
      people[k] = c;
      for (let i = 0; i < SLOTS; i++) if (p.working[i]) covered[i]! += c;
      visit(j + 1, spent);
      for (let i = 0; i < SLOTS; i++) if (p.working[i]) covered[i]! -= c;
      people[k] = 0;
    }
  };
  visit(0, 0);
  return best;
}

/** The people a day's plan needs: `windows` is group → windows open in each local hour (24 values). */
export function rosterDay(config: Config, groups: PlanningGroups, windows: Map<string, readonly number[]>): DayRoster | null {
  const shifts = config.staffing.shifts;
  if (!shifts.length) return null;
  const patterns = shifts.map((s) => ({ id: s.id, ...slotsOf(s), hours: (minutesOf(s.to) - minutesOf(s.from)) / 60 }));
  const operators = config.operators.filter((o) => o.roles.includes('operator'));
  const onSite = new Array<number>(SLOTS).fill(0);
  const out: GroupRoster[] = [];
  for (const g of groups.ids) {
    const hours = windows.get(g) ?? [];
    const need = Array.from({ length: SLOTS }, (_, i) => hours[Math.floor((i * SLOT_MINUTES) / 60)] ?? 0);
    // Quarter hours no pattern works are said, and left out of the cover.
    const reached = need.map((_, i) => patterns.some((p) => p.working[i]));
    const uncovered = [...new Set(need.flatMap((n, i) => (n > 0 && !reached[i] ? [Math.floor((i * SLOT_MINUTES) / 60)] : [])))];
    const people = fewestHours(
      patterns,
      need.map((n, i) => (reached[i] ? n : 0)),
    );
    const present = new Array<number>(SLOTS).fill(0);
    for (const [k, n] of people.entries()) for (const [i, on] of patterns[k]!.present.entries()) if (on) present[i]! += n;
    for (const [i, n] of present.entries()) onSite[i]! += n;
    const own = new Set(groups.windows.get(g) ?? []);
    out.push({
      group: g,
      shifts: patterns.map((p, k) => ({ shift: p.id, people: people[k]! })).filter((x) => x.people > 0),
      staffHours: people.reduce((n, x, k) => n + x * patterns[k]!.hours, 0),
      uncovered,
      peak: Math.max(...present),
      eligible: operators.length ? operators.filter((o) => !o.counters.length || o.counters.some((c) => own.has(c))).length : null,
    });
  }
  return {
    shifts: shifts.map(({ id, from, to }) => ({ id, from, to })),
    groups: out,
    people: out.reduce((n, g) => n + g.shifts.reduce((m, s) => m + s.people, 0), 0),
    staffHours: out.reduce((n, g) => n + g.staffHours, 0),
    peak: Math.max(...onSite),
    operators: operators.length ? operators.length : null,
    shortOfStaff: out.filter((g) => g.eligible !== null && g.peak > g.eligible).map((g) => g.group),
  };
}
