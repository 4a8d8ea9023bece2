// Warnings about what a device (or an address) sent, at most so many a minute each: a device sending
// bad messages in a loop would otherwise write a line per message (8 MB of log per 100,000). Past the
// limit they are counted, and one line at the end of the minute says how many were left out.
import type { Logger } from 'pino';

/** Warnings logged per source per window; the rest are counted. */
export const WARNINGS_PER_WINDOW = 10;
export const WARNING_WINDOW_MS = 60_000;

/** Past this many sources remembered, the ones whose window has ended are forgotten. */
const PRUNE_ABOVE = 1000;

interface Window {
  start: number;
  logged: number;
  left: number;
  /** Set while warnings are being left out: writes the count when the window ends. */
  timer?: NodeJS.Timeout;
}

export class RepeatedWarnings {
  private readonly windows = new Map<string, { source: Record<string, string>; window: Window }>();

  constructor(
    private readonly log: Logger,
    private readonly limit = WARNINGS_PER_WINDOW,
    private readonly windowMs = WARNING_WINDOW_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** `source` names who the warning is about (`{device}`, `{address}`): each has its own count. */
  warn(source: Record<string, string>, fields: object, message: string): void {
    const key = JSON.stringify(source);
    const now = this.clock();
    let entry = this.windows.get(key);
    if (entry && now - entry.window.start >= this.windowMs) {
      this.end(key);
      entry = undefined;
    }
    if (!entry) {
      if (this.windows.size >= PRUNE_ABOVE) this.prune(now);
      entry = { source, window: { start: now, logged: 0, left: 0 } };
      this.windows.set(key, entry);
    }
    const w = entry.window;
    if (w.logged < this.limit) {
      w.logged++;
      this.log.warn({ ...source, ...fields }, message);
      return;
    }
    w.left++;
    w.timer ??= setTimeout(() => this.end(key), w.start + this.windowMs - now).unref();
  }

  /** Writes the counts not yet written (the hub is stopping). */
  close(): void {
    for (const key of [...this.windows.keys()]) this.end(key);
  }

  private end(key: string): void {
    const entry = this.windows.get(key);
    if (!entry) return;
    this.windows.delete(key);
    const { window: w, source } = entry;
    clearTimeout(w.timer);
    if (w.left) {
      this.log.warn(
        { ...source, left: w.left, logged: w.logged, windowMs: this.windowMs },
        `${w.left} more warnings were left out after the first ${w.logged}`,
      );
    }
  }

  private prune(now: number): void {
    for (const [key, { window }] of this.windows) if (now - window.start >= this.windowMs) this.end(key);
  }
}
