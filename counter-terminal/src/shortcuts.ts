import { useLayoutEffect, useRef } from 'react';

/**
 * One key per action, matched by its physical position (`KeyN`), so that the shortcuts work the same
 * with the Ukrainian layout switched on. Shown on the buttons by the Latin letter printed on the key.
 */
export const KEYS = {
  callNext: 'N',
  recall: 'R',
  start: 'S',
  finish: 'F',
  noShow: 'X',
  transfer: 'T',
  park: 'P',
  unpark: 'U',
  pause: 'B',
  close: 'C',
  logout: 'Q',
  list: 'L',
} as const;
export type ShortcutAction = keyof typeof KEYS;

/**
 * Runs the action of a pressed key, and `onDigit(n)` for digits 1–9. Ignored while typing in a
 * field, with a modifier held, or while a dialog is open (it has its own keys).
 */
export function useShortcuts(actions: Partial<Record<ShortcutAction, () => void>>, onDigit: (n: number) => void): void {
  const latest = useRef({ actions, onDigit });
  latest.current = { actions, onDigit };
  // Attached during the commit, not after the paint: a key pressed as soon as the desk appears counts.
  useLayoutEffect(() => {
    const byCode = new Map(Object.entries(KEYS).map(([action, key]) => [`Key${key}`, action as ShortcutAction]));
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.repeat || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, dialog[open]') || document.querySelector('dialog[open]')) return;
      const digit = /^Digit([1-9])$/.exec(e.code)?.[1];
      if (digit) {
        e.preventDefault();
        latest.current.onDigit(Number(digit));
        return;
      }
      const action = byCode.get(e.code);
      const run = action && latest.current.actions[action];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
