// Auto-call: a window whose config offers it (`counters[].autoCall`) and whose operator turned it on
// is handed the next waiting ticket by itself, `wrapUpSeconds` after it became free, so that a busy
// hall never waits on a forgotten button. The rule is the engine's, on its injected clock: the hub's
// timer only asks which windows are due (hub/src/service/auto-call.ts), and the call is an ordinary
// `ticket.called` marked `auto`, so the hall, the record and a restarted hub all see the same thing.
// Three auto-called visitors in a row who do not come stop it: the hall is likely not seeing the
// calls, or nobody is at the window, and the operator is told why.
import type { Config, CounterState, DomainEvent } from '@vikno/shared';
import type { CounterRuntime, DayState } from './state.js';

/** Auto-called no-shows in a row after which the window stops auto-calling. */
export const NO_SHOWS_TO_STOP = 3;

export class AutoCall {
  /** Wrap-up per window that offers auto-call, in ms. */
  private readonly wrapUp = new Map<string, number>();

  constructor(config: Config) {
    for (const c of config.counters) if (c.autoCall) this.wrapUp.set(c.id, c.autoCall.wrapUpSeconds * 1000);
  }

  offered(counter: string): boolean {
    return this.wrapUp.has(counter);
  }

  /** When the window calls by itself: its countdown's end; null while it will not. */
  at(state: DayState, k: CounterRuntime): number | null {
    const wrapUp = this.wrapUp.get(k.id);
    const w = state.autoCall.windows.get(k.id);
    if (wrapUp === undefined || !w?.on || w.held || !k.operator || k.status !== 'open' || k.ticketId) return null;
    return w.from + wrapUp;
  }

  view(state: DayState, k: CounterRuntime): CounterState['autoCall'] {
    const wrapUp = this.wrapUp.get(k.id);
    if (wrapUp === undefined) return null;
    const w = state.autoCall.windows.get(k.id);
    return { on: w?.on ?? false, wrapUpSeconds: wrapUp / 1000, stopped: w?.stopped ?? null };
  }

  /** The operator's choice; nothing when it is already so. */
  toggle(state: DayState, k: CounterRuntime, on: boolean, at: number): DomainEvent[] {
    const w = state.autoCall.windows.get(k.id);
    if (!k.operator || !w || w.on === on) return [];
    const operator = k.operator.username;
    return [
      on
        ? { type: 'counter.autoCallOn', at, day: state.day, counter: k.id, operator }
        : { type: 'counter.autoCallOff', at, day: state.day, counter: k.id, operator, reason: 'operator' },
    ];
  }

  /** Holds the countdown under way; nothing when none is. */
  cancel(state: DayState, k: CounterRuntime, at: number): DomainEvent[] {
    if (this.at(state, k) === null) return [];
    return [{ type: 'counter.autoCallCancelled', at, day: state.day, counter: k.id }];
  }

  /** What follows a no-show at the window: auto-call stops at the third auto-called one in a row. */
  afterNoShow(state: DayState, k: CounterRuntime, at: number): DomainEvent[] {
    const w = state.autoCall.windows.get(k.id);
    if (!k.operator || !w?.on || !w.current || w.noShows + 1 < NO_SHOWS_TO_STOP) return [];
    return [{ type: 'counter.autoCallOff', at, day: state.day, counter: k.id, operator: k.operator.username, reason: 'no_shows' }];
  }

  /** Windows whose countdown has ended by `now`. */
  due(state: DayState, now: number): CounterRuntime[] {
    const due: CounterRuntime[] = [];
    for (const id of state.autoCall.windows.keys()) {
      const k = state.counters.get(id);
      const at = k && this.at(state, k);
      if (k && at !== null && at !== undefined && at <= now) due.push(k);
    }
    return due;
  }

  /** The first countdown to end after `now`; null when none runs. */
  next(state: DayState, now: number): number | null {
    let next: number | null = null;
    for (const id of state.autoCall.windows.keys()) {
      const k = state.counters.get(id);
      const at = k ? this.at(state, k) : null;
      if (at !== null && at > now && (next === null || at < next)) next = at;
    }
    return next;
  }
}
