import { useEffect, useState } from 'react';
import { ApiError, getJson } from './api.js';

export type Polled<T> =
  | { kind: 'loading' }
  | { kind: 'ok'; data: T; offline: boolean }
  | { kind: 'refused'; error: ApiError }
  | { kind: 'offline' };

/**
 * Fetches `url` now and every `everyMs` after: the latest answer, a refusal by the hub (such as an
 * unknown ticket, which stops the polling), or offline (the last answer kept, polling goes on).
 */
export function usePolling<T>(url: string | null, everyMs: number): Polled<T> {
  const [state, setState] = useState<Polled<T>>({ kind: 'loading' });
  useEffect(() => {
    if (!url) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let active = true;
    const tick = async () => {
      try {
        const data = await getJson<T>(url);
        if (!active) return;
        setState({ kind: 'ok', data, offline: false });
      } catch (error) {
        if (!active) return;
        if (error instanceof ApiError && error.status < 500) return setState({ kind: 'refused', error });
        setState((s) => (s.kind === 'ok' ? { ...s, offline: true } : { kind: 'offline' }));
      }
      timer = setTimeout(tick, everyMs);
    };
    void tick();
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [url, everyMs]);
  return state;
}
