import { type CounterState, topics } from '@vikno/shared';
import { watchRetained } from '@vikno/shared/browser';
import type { ViknoClient } from '@vikno/shared/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

export interface CounterStates {
  /**
   * The counters' states by id as of this render: every counter's while all are watched; while one
   * is, that one's is current and the others' may be older (`latest()` has them).
   */
  states: ReadonlyMap<string, CounterState>;
  /** Every counter's latest known state now, for a lookup between renders. */
  latest: () => ReadonlyMap<string, CounterState>;
  /** Takes in a state from a command's answer, which comes before the retained update. */
  note: (state: CounterState) => void;
}

/**
 * The counters' retained states, overlaid with the states in this terminal's own command answers
 * until the retained topic catches up. Without the overlay the page would, for a moment after a
 * login, still see the counter logged out. A change always moves `since` on, so the larger wins.
 *
 * `watched`: the one counter whose changes draw the page again (the desk's own), or null for all
 * (the login's choice of counters, the transfer dialog). Every window's change reaches every
 * terminal, many a second at a busy centre; a desk that drew itself again for each would keep the
 * operator's press waiting behind those renders.
 */
export function useCounterStates(client: ViknoClient, site: string, watched: string | null): CounterStates {
  const arrived = useRef<ReadonlyMap<string, CounterState>>(new Map());
  const watching = useRef(watched);
  watching.current = watched;
  const [byId, setById] = useState(arrived.current);
  useEffect(
    () =>
      watchRetained(client, topics.counter(site, '+'), 'counter', (entries) => {
        const previous = arrived.current;
        arrived.current = new Map([...entries.values()].map((s) => [s.counter, s]));
        const only = watching.current;
        if (only === null || arrived.current.get(only) !== previous.get(only)) setById(arrived.current);
      }),
    [client, site],
  );
  // Watching all again: what came meanwhile is drawn at once.
  useEffect(() => {
    if (watched === null) setById(arrived.current);
  }, [watched]);

  const [answered, setAnswered] = useState<ReadonlyMap<string, CounterState>>(() => new Map());
  const note = useCallback((state: CounterState) => setAnswered((m) => new Map(m).set(state.counter, state)), []);
  // Forget an answer once the retained state is as new: from then on the topic is the truth.
  useEffect(() => {
    setAnswered((m) => {
      const stale = [...m.values()].filter((s) => (byId.get(s.counter)?.since ?? -1) > s.since || same(byId.get(s.counter), s));
      if (!stale.length) return m;
      const next = new Map(m);
      for (const s of stale) next.delete(s.counter);
      return next;
    });
  }, [byId]);

  const states = useMemo(() => overlay(byId, answered), [byId, answered]);
  const latest = useCallback(() => overlay(arrived.current, answered), [answered]);
  return { states, latest, note };
}

function overlay(retained: ReadonlyMap<string, CounterState>, answered: ReadonlyMap<string, CounterState>): Map<string, CounterState> {
  const merged = new Map(retained);
  for (const s of answered.values()) {
    const r = merged.get(s.counter);
    if (!r || s.since >= r.since) merged.set(s.counter, s);
  }
  return merged;
}

function same(a: CounterState | undefined, b: CounterState): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
