// Wrong PINs per username, one count for every place a PIN is typed: the admin sign-in and the
// counter terminals' operator.login. scrypt makes each guess slow; the limit makes a four-digit PIN
// impractical to guess at all, and a terminal at an unattended window no way round the admin's.
//
// Each attempt is counted before its PIN is checked, and forgotten only when the PIN was right:
// counted after the (slow, asynchronous) check, a burst of guesses sent at once would all pass the
// lock before the first of them was counted. The counts are kept in the record, so a restart of the
// hub does not hand out five more tries.
import { RateLimiter } from './rate-limit.js';

/** Wrong PINs allowed per username within the window before its sign-in is refused until it passes. */
export const MAX_WRONG_PINS = 5;
export const WRONG_PIN_WINDOW_MS = 15 * 60_000;

/** Where the counts outlive the process (the hub's store). */
export interface PinAttemptRecord {
  pinAttemptsSince(since: number): { username: string; at: number }[];
  addPinAttempt(username: string, at: number, forgetBefore: number): void;
  forgetPinAttempts(username: string): void;
}

export type PinOutcome = { kind: 'ok' } | { kind: 'wrong' } | { kind: 'locked'; lockedMs: number };

export class PinAttempts {
  private readonly attempts: RateLimiter;

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly record?: PinAttemptRecord,
  ) {
    this.attempts = new RateLimiter(WRONG_PIN_WINDOW_MS, clock);
    for (const a of record?.pinAttemptsSince(clock() - WRONG_PIN_WINDOW_MS) ?? []) this.attempts.count(a.username, a.at);
  }

  /** Counts an attempt at `username`'s PIN, then runs `check` (the PIN's verification) unless the username is locked. */
  async attempt(username: string, check: () => Promise<boolean>): Promise<PinOutcome> {
    const lockedMs = this.attempts.wait(username, MAX_WRONG_PINS);
    if (lockedMs > 0) return { kind: 'locked', lockedMs };
    const at = this.clock();
    this.attempts.count(username, at);
    this.record?.addPinAttempt(username, at, at - WRONG_PIN_WINDOW_MS);
    if (!(await check())) return { kind: 'wrong' };
    this.attempts.forget(username);
    this.record?.forgetPinAttempts(username);
    return { kind: 'ok' };
  }
}
