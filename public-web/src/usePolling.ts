import { type ApiAnswer, ApiError, type ApiRequest, type ApiRoute, callApi } from '@vikno/shared';
import { useEffect, useState } from 'react';

export type Polled<T> =
  | { kind: 'loading' }
  | { kind: 'ok'; data: T; offline: boolean }
  | { kind: 'refused'; error: ApiError }
  | { kind: 'offline' };

/**
 * Calls `route` now and every `everyMs` after (none while `request` is null): the latest answer, a
 * refusal by the hub (such as an unknown ticket, which stops the polling), or offline (the last
 * answer kept, polling goes on).
 */
export function usePolling<R extends ApiRoute>(route: R, request: ApiRequest<R> | null, everyMs: number): Polled<ApiAnswer<R>> {
  type T = ApiAnswer<R>;
  const [state, setState] = useState<Polled<T>>({ kind: 'loading' });
  // The request's content, not its identity, decides when to start again.
  const key = request && JSON.stringify(request);
  useEffect(() => {
    if (key === null) return;
    const sent = JSON.parse(key) as ApiRequest<R>;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let active = true;
    const tick = async () => {
      try {
        const data: T = await callApi(route, sent);
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
  }, [route, key, everyMs]);
  return state;
}
