import { useEffect, useState } from 'react';

/**
 * Calls `load` now and every `ms`, keeping the last answer; `error` is the last failure, cleared by a
 * success. `reload` loads again at once (after a change the page made).
 */
export function usePoll<T>(
  load: () => Promise<T>,
  ms: number,
  deps: readonly unknown[],
): { data: T | null; error: unknown; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; error: unknown }>({ data: null, error: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let active = true;
    const poll = () =>
      load().then(
        (data) => active && setState({ data, error: null }),
        (error: unknown) => active && setState((s) => ({ data: s.data, error })),
      );
    void poll();
    const timer = setInterval(poll, ms);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [...deps, round]);
  return { ...state, reload: () => setRound((n) => n + 1) };
}
