import { useEffect, useState } from 'react';

/** Calls `load` now and every `ms`, keeping the last answer; `error` is the last failure, cleared by a success. */
export function usePoll<T>(load: () => Promise<T>, ms: number, deps: readonly unknown[]): { data: T | null; error: unknown } {
  const [state, setState] = useState<{ data: T | null; error: unknown }>({ data: null, error: null });
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
  }, deps);
  return state;
}
