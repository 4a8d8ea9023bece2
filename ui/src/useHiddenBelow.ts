import { useEffect, useState } from 'react';

/**
 * How many of a scrolling list's children are below its visible part, even in part: a list that only
 * scrolls gives no sign of more on a touch screen, so the app says it. Checked after a change of
 * `contents`, a scroll or a resize.
 */
export function useHiddenBelow(list: HTMLElement | null, contents: unknown): number {
  const [hidden, setHidden] = useState(0);
  useEffect(() => {
    if (!list) return;
    const check = () => {
      const bottom = list.getBoundingClientRect().bottom;
      setHidden([...list.children].filter((child) => child.getBoundingClientRect().bottom > bottom + 1).length);
    };
    check();
    list.addEventListener('scroll', check, { passive: true });
    const resized = new ResizeObserver(check);
    resized.observe(list);
    return () => {
      list.removeEventListener('scroll', check);
      resized.disconnect();
    };
  }, [list, contents]);
  return hidden;
}
