// Wrong PINs per username, one count for every place a PIN is typed: the admin sign-in and the
// counter terminals' operator.login. scrypt makes each guess slow; the limit makes a four-digit PIN
// impractical to guess at all, and a terminal at an unattended window no way round the admin's.
import { RateLimiter } from './rate-limit.js';

/** Wrong PINs allowed per username within the window before its sign-in is refused until it passes. */
export const MAX_WRONG_PINS = 5;
export const WRONG_PIN_WINDOW_MS = 15 * 60_000;

export class PinAttempts {
  private readonly wrong: RateLimiter;

  constructor(clock: () => number = Date.now) {
    this.wrong = new RateLimiter(WRONG_PIN_WINDOW_MS, clock);
  }

  /** Milliseconds until this username may try again; 0 when it may now. */
  lockedFor(username: string): number {
    return this.wrong.wait(username, MAX_WRONG_PINS);
  }

  failed(username: string): void {
    this.wrong.count(username);
  }

  succeeded(username: string): void {
    this.wrong.forget(username);
  }
}
