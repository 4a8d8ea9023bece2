import { useEffect, useState } from 'react';

/**
 * Calls `load` now and every `ms`, keeping the last answer; `error` is the last failure, cleared by a
 * success. `reload` loads again at once (after a change the page made). An answer belongs to the
 * `deps` it was loaded for: once they change, `current` is false until the new answer comes, so that
 * a page never shows the last choice's figures as the new one's (it may still use what does not
 * depend on the choice, such as the list to choose from).
 */
export function usePoll<T>(
  load: () => Promise<T>,
  ms: number,
  deps: readonly (string | number | boolean | null | undefined)[],
): { data: T | null; current: boolean; error: unknown; reload: () => void } {
  const key = JSON.stringify(deps);
  // Each with the deps it came for: an answer or a failure of the last choice says nothing of this one.
  const [answer, setAnswer] = useState<{ key: string; data: T | null }>({ key, data: null });
  const [failure, setFailure] = useState<{ key: string; error: unknown }>({ key, error: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let active = true;
    const poll = () =>
      load().then(
        (data) => {
          if (!active) return;
          setAnswer({ key, data });
          setFailure({ key, error: null });
        },
        (error: unknown) => active && setFailure({ key, error }),
      );
    void poll();
    const timer = setInterval(poll, ms);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [key, round]);
  return {
    data: answer.data,
    current: answer.key === key,
    error: failure.key === key ? failure.error : null,
    reload: () => setRound((n) => n + 1),
  };
}
