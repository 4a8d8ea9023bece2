// Auto-call's part of a day's state (the rules are auto-call.ts): each logged-in window's countdown,
// and each operator's choice that day, folded from the events like the rest of the state.
import type { DomainEvent } from '@vikno/shared';

interface WindowAutoCall {
  on: boolean;
  stopped: 'no_shows' | null;
  /** When the countdown starts: the window became free, opened, resumed, or auto-call was turned on. */
  from: number;
  /** The operator cancelled the countdown: no auto-call until their next call. */
  held: boolean;
  /** The ticket at the window now was auto-called. */
  current: boolean;
  /** Auto-called tickets in a row marked no-show. */
  noShows: number;
}

/** The part of a day's state auto-call keeps: per logged-in window, and each operator's choice that day. */
export interface AutoCallState {
  windows: Map<string, WindowAutoCall>;
  choices: Map<string, boolean>;
}

export function emptyAutoCall(): AutoCallState {
  return { windows: new Map(), choices: new Map() };
}

/** Follows the events that start, stop or hold a window's countdown (called by `evolve`). */
export function evolveAutoCall(s: AutoCallState, e: DomainEvent): void {
  if (e.type === 'counter.loggedIn') {
    const on = s.choices.get(e.operator) ?? false;
    s.windows.set(e.counter, { on, stopped: null, from: e.at, held: false, current: false, noShows: 0 });
    return;
  }
  if (e.type === 'counter.loggedOut') {
    s.windows.delete(e.counter);
    return;
  }
  const w = 'counter' in e ? s.windows.get(e.counter) : undefined;
  if (!w) return;
  switch (e.type) {
    case 'counter.autoCallOn':
      s.choices.set(e.operator, true);
      Object.assign(w, { on: true, stopped: null, from: e.at, held: false, noShows: 0 });
      return;
    case 'counter.autoCallOff':
      s.choices.set(e.operator, false);
      Object.assign(w, { on: false, stopped: e.reason === 'no_shows' ? 'no_shows' : null });
      return;
    case 'counter.autoCallCancelled':
      w.held = true;
      return;
    case 'counter.opened':
    case 'counter.resumed':
      Object.assign(w, { from: e.at, held: false });
      return;
    case 'ticket.called':
      Object.assign(w, { current: e.auto === true, held: false });
      return;
    case 'ticket.unparked':
      Object.assign(w, { current: false, held: false });
      return;
    case 'ticket.started':
      // The visitor came.
      if (w.current) w.noShows = 0;
      return;
    case 'ticket.noShow':
      if (w.current) w.noShows++;
      Object.assign(w, { current: false, from: e.at });
      return;
    case 'ticket.finished':
    case 'ticket.transferred':
    case 'ticket.parked':
      if (w.current) w.noShows = 0;
      Object.assign(w, { current: false, from: e.at });
      return;
  }
}
