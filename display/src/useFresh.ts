import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a new call pulses. */
const PULSE_MS = 8000;

/** Keys marked fresh for a few seconds: the rows of calls that just arrived. */
export function useFresh(): [ReadonlySet<string>, (keys: readonly string[]) => void] {
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) clearTimeout(timer);
    };
  }, []);
  const mark = useCallback((keys: readonly string[]) => {
    if (!keys.length) return;
    setFresh((now) => new Set([...now, ...keys]));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setFresh((now) => new Set([...now].filter((k) => !keys.includes(k))));
    }, PULSE_MS);
    timers.current.add(timer);
  }, []);
  return [fresh, mark];
}
