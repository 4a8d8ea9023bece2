// Supervisors' sign-in to the admin pages: a random token in an HttpOnly, SameSite=Strict cookie,
// valid for a working day, and a per-username limit on wrong PINs (scrypt makes each guess slow;
// the limit makes a PIN of four digits impractical to guess at all).
import { randomBytes } from 'node:crypto';
import type { OperatorRole } from '@vikno/shared';

export interface AdminSession {
  username: string;
  name: string;
  roles: OperatorRole[];
  expires: number;
}

export const SESSION_COOKIE = 'vikno_admin';
export const SESSION_MS = 10 * 60 * 60_000;
/** Wrong PINs allowed per username within the window before sign-in is refused until it passes. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

export class AdminSessions {
  private readonly sessions = new Map<string, AdminSession>();
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: () => number = Date.now) {}

  create(who: Omit<AdminSession, 'expires'>): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { ...who, expires: this.clock() + SESSION_MS });
    return token;
  }

  get(token: string | undefined): AdminSession | undefined {
    if (!token) return undefined;
    const s = this.sessions.get(token);
    if (s && s.expires <= this.clock()) {
      this.sessions.delete(token);
      return undefined;
    }
    return s;
  }

  end(token: string | undefined): void {
    if (token) this.sessions.delete(token);
  }

  /** Milliseconds until this username may try again; 0 when it may now. */
  lockedFor(username: string): number {
    const recent = this.recentFailures(username);
    if (recent.length < MAX_FAILURES) return 0;
    return (recent[0] ?? 0) + FAILURE_WINDOW_MS - this.clock();
  }

  failed(username: string): void {
    this.failures.set(username, [...this.recentFailures(username), this.clock()]);
  }

  succeeded(username: string): void {
    this.failures.delete(username);
  }

  private recentFailures(username: string): number[] {
    const since = this.clock() - FAILURE_WINDOW_MS;
    return (this.failures.get(username) ?? []).filter((t) => t > since);
  }
}

export function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
