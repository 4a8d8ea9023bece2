// Marks on the page's performance timeline for each new call: `vikno:call-received` when its message
// arrives, `vikno:call-shown` once its row is in the DOM, `vikno:call-painted` once the frame with it
// has been drawn (the task after the next animation frame). The benchmark reads them
// (hub/src/bench/perceived.ts); nothing else does.
import { useCallback, useLayoutEffect, useRef } from 'react';
import { afterNextPaint } from './after-paint.js';

export function usePaintMarks(): (tickets: readonly string[]) => void {
  const pending = useRef<string[]>([]);
  useLayoutEffect(() => {
    if (!pending.current.length) return;
    const tickets = pending.current;
    pending.current = [];
    for (const ticket of tickets) performance.mark('vikno:call-shown', { detail: { ticket } });
    afterNextPaint(() => {
      for (const ticket of tickets) performance.mark('vikno:call-painted', { detail: { ticket } });
    });
  });
  return useCallback((tickets) => {
    for (const ticket of tickets) performance.mark('vikno:call-received', { detail: { ticket } });
    pending.current.push(...tickets);
  }, []);
}
