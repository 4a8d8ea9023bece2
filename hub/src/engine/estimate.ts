// How long a waiting ticket will wait, and how many tickets are called before it: the calls the engine
// itself would make, played forward. The windows that may call the ticket and work now (open, not
// paused, an operator logged in) each call the next ticket by the real rules (select.ts) as soon as
// they are free; each visit lasts its service's expected time; the ticket's wait is when a window
// calls it, and the people ahead are the tickets those windows called before. So appointments, the
// priority interleave, weights, transfers and tickets that start to starve on the way all count as
// they will, as do the other services those windows serve. Left out: windows that do not serve the
// ticket's service, though they take some of those other services' tickets too (simulating them
// would cost a read of half a centre's windows); the estimate is then a little long where windows
// share their services unevenly. Nobody new is assumed to arrive: a priority visitor who comes later
// still goes ahead, which the range allows for only roughly.
//
// Each simulated call costs what a real one does, O(services the window serves × log n); the tickets
// it takes are taken out of their lines' orders and put back before the estimate returns (the lines'
// counts and lists, read from the same orders, follow meanwhile; nothing reads them then).
import type { QueueRules, WaitRange } from '@vikno/shared';
import TinyQueue from 'tinyqueue';
import type { Entry, Lines } from './lines.js';
import { type Caller, pickNext } from './select.js';
import { nextCycle } from './state.js';

const MINUTE = 60_000;

/**
 * What one visit is expected to take: the configured average blended with today's visits, as a
 * Bayesian mean with the configured average as the prior worth PRIOR_VISITS visits. Visits spread
 * widely (a standard deviation near 0.7 of the mean), and a configured average is rarely off by more
 * than a quarter; a normal prior of that width weighs as σ²/τ² = 0.7² / 0.25² ≈ 8 visits. So three
 * one-minute visits pull a configured 10 minutes to 7.5, not to 1, while a day of visits (20 kept,
 * `estimateSampleSize`) outweighs a wrong configuration 5 : 2.
 */
export const PRIOR_VISITS = 8;

export function expectedVisitMs(configuredMinutes: number, recent: readonly number[]): number {
  let sum = PRIOR_VISITS * configuredMinutes * MINUTE;
  for (const ms of recent) sum += ms;
  return sum / (PRIOR_VISITS + recent.length);
}

/**
 * The time a window takes from one visit's end to its next call: today's turnarounds (state.ts),
 * blended towards none as a prior worth PRIOR_VISITS of them, since a centre configures no such figure.
 */
export function expectedTurnaroundMs(recent: readonly number[]): number {
  let sum = 0;
  for (const ms of recent) sum += ms;
  return sum / (PRIOR_VISITS + recent.length);
}

/**
 * What is left of a visit that began `elapsed` ago. Visit lengths are about log-normal (σ ≈ 0.5): one
 * that has run past its mean has about half a mean still to go (0.49 of the mean at the mean, 0.51 at
 * twice it; 0.59 at half of it, where the mean minus the time spent says 0.5), so half a mean is the floor.
 */
export function remainingMs(expected: number, elapsed: number): number {
  return Math.max(expected - elapsed, expected / 2);
}

/** A window that may call the ticket, as the simulation plays it. */
export interface Window extends Caller {
  /** When it can call next: now when it is free, else when its current visit is expected to end. */
  free: number;
  /** Its place in the config: of windows free at the same moment, the first calls. */
  order: number;
  /** Serving a visit now. */
  busy: boolean;
  /** Calls it made in the simulation so far. */
  calls?: number;
}

export interface WaitEstimate extends WaitRange {
  /** Tickets the windows would call before this one. */
  ahead: number;
  /** The likeliest wait, whole minutes. */
  minutes: number;
}

/** Simulated calls at most, before the rest is extrapolated (a queue far longer than a centre's). */
export const MAX_SIMULATED_CALLS = 64;
/** Visit lengths' coefficient of variation: √(e^(σ²) − 1) for σ = 0.5. */
const VISIT_CV = 0.53;
/** The range told is about the central 80 % (z of the 90th percentile). */
const Z80 = 1.28;
/** A range narrower than this is told as one figure. */
const MIN_RANGE_MINUTES = 2;

export interface Simulation {
  lines: Lines;
  rules: QueueRules;
  now: number;
  /**
   * The windows working that may call the ticket, by when they are free, then by their place: read
   * only as far as the simulation needs, since a large centre has thousands.
   */
  windows: Iterator<Window>;
  /** How many windows work there, for the extrapolation (asked only then). */
  working: () => number;
  /** Expected length of a visit to a service, ms. */
  visitMs: (service: string) => number;
  /** Expected time from a visit's end to the window's next call, ms. */
  turnaroundMs: number;
  /** How many of today's visits that expectation rests on, for the range. */
  visitsSeen: (service: string) => number;
}

const before = (a: Window, b: Window) => a.free - b.free || a.order - b.order;

/** The estimate for `target` (waiting in `lines`), or null when no window can call it now. */
export function estimate(target: Entry, s: Simulation): WaitEstimate | null {
  let next = s.windows.next();
  if (next.done) return null;
  // The windows that have come in, by when they are free, then by their place (a binary heap,
  // tinyqueue). A window goes back in after each call, so it is never empty; one not yet read comes
  // in as soon as it would be free before the first in it.
  const agenda = new TinyQueue<Window>([], before);
  const taken: Entry[] = [];
  let ofTargetOrder = 0;
  try {
    for (;;) {
      while (!next.done && (!agenda.length || before(next.value, agenda.peek()!) < 0)) {
        agenda.push(next.value);
        next = s.windows.next();
      }
      const w = agenda.pop()!;
      const at = Math.max(s.now, w.free);
      const pick = pickNext(s.lines, w, s.rules, at);
      // Every window here may call the target, so one always has a pick while the target waits.
      if (!pick) throw new Error(`window ${w.id} has nothing to call while ${target.ticket.id} waits`);
      // The visits in a row that the window calling the target makes first, for the range.
      if (pick.entry === target) return result(target, at - s.now, taken.length, (w.busy ? 1 : 0) + (w.calls ?? 0), s);
      if (taken.length >= MAX_SIMULATED_CALLS) return extrapolated(target, at - s.now, taken, ofTargetOrder, s.working(), s);
      pick.entry.line.delete(pick.entry);
      taken.push(pick.entry);
      if (pick.entry.line === target.line && pick.entry.kind === target.kind) ofTargetOrder++;
      w.cycle = nextCycle(w.cycle, pick.rule, s.rules.priorityRatio);
      w.free = at + s.visitMs(pick.ticket.service) + s.turnaroundMs;
      w.calls = (w.calls ?? 0) + 1;
      agenda.push(w);
    }
  } finally {
    for (const e of taken) e.line.add(e);
  }
}

function result(target: Entry, waitMs: number, ahead: number, visitsFirst: number, s: Simulation): WaitEstimate {
  const minutes = Math.round(waitMs / MINUTE);
  if (visitsFirst === 0) return { ahead, minutes, low: minutes, high: minutes };
  // The wait is the sum of the visits before it at the window that calls it: their spread shrinks as
  // 1/√n with their number, while an error in the expected visit (from the visits seen so far) does not.
  const seen = PRIOR_VISITS + s.visitsSeen(target.ticket.service);
  const spread = Z80 * VISIT_CV * Math.sqrt(1 / visitsFirst + 1 / seen);
  const low = Math.max(0, Math.floor((waitMs * (1 - spread)) / MINUTE));
  const high = Math.ceil((waitMs * (1 + spread)) / MINUTE);
  return high - low < MIN_RANGE_MINUTES ? { ahead, minutes, low: minutes, high: minutes } : { ahead, minutes, low, high };
}

/**
 * Past MAX_SIMULATED_CALLS: the tickets still before the target in its own order, with the other
 * tickets called in the same proportion as so far, shared among the windows still calling, each
 * taking the mean visit called so far. Coarse, and only for queues far longer than a centre's: it
 * keeps a read from playing thousands of calls.
 */
function extrapolated(
  target: Entry,
  waitMs: number,
  taken: readonly Entry[],
  ofTargetOrder: number,
  windows: number,
  s: Simulation,
): WaitEstimate {
  const before = (target.kind === 'appointment' ? target.line.due : target.line[target.kind]).countBefore(target);
  const more = (before * taken.length) / Math.max(1, ofTargetOrder);
  const meanVisit = taken.reduce((sum, e) => sum + s.visitMs(e.ticket.service), 0) / taken.length;
  const total = waitMs + (more * meanVisit) / windows;
  // At least the simulated part; at most the rest again as long, as the range of a single visit allows.
  return {
    ahead: Math.round(taken.length + more),
    minutes: Math.round(total / MINUTE),
    low: Math.floor(waitMs / MINUTE),
    high: Math.ceil((waitMs + ((more * meanVisit) / windows) * (1 + Z80 * VISIT_CV)) / MINUTE),
  };
}
