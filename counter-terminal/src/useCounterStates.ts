import { type CounterState, topics } from '@vikno/shared';
import type { ViknoClient } from '@vikno/shared/client';
import { useRetained } from '@vikno/ui';
import { useCallback, useEffect, useMemo, useState } from 'react';

export interface CounterStates {
  /** Every counter's latest known state, by counter id. */
  states: ReadonlyMap<string, CounterState>;
  /** Takes in a state from a command's answer, which comes before the retained update. */
  note: (state: CounterState) => void;
}

/**
 * The counters' retained states, overlaid with the states in this terminal's own command answers
 * until the retained topic catches up. Without the overlay the page would, for a moment after a
 * login, still see the counter logged out. A change always moves `since` on, so the larger wins.
 */
export function useCounterStates(client: ViknoClient, site: string): CounterStates {
  const retained = useRetained(client, topics.counter(site, '+'), 'counter');
  const [answered, setAnswered] = useState<ReadonlyMap<string, CounterState>>(() => new Map());
  const note = useCallback((state: CounterState) => setAnswered((m) => new Map(m).set(state.counter, state)), []);

  const byId = useMemo(() => new Map([...retained.values()].map((s) => [s.counter, s])), [retained]);
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

  const states = useMemo(() => {
    const merged = new Map(byId);
    for (const s of answered.values()) {
      const r = merged.get(s.counter);
      if (!r || s.since >= r.since) merged.set(s.counter, s);
    }
    return merged;
  }, [byId, answered]);
  return { states, note };
}

function same(a: CounterState | undefined, b: CounterState): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
