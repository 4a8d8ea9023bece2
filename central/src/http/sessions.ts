// Signed-in supervisors, in memory: a random token in an httpOnly, SameSite=Strict cookie scoped to
// the API. A restart of central signs everyone out, which a page answers by showing the sign-in.
// Wrong passwords are counted per username: after five in a row, that name waits.
import { randomBytes } from 'node:crypto';
import type { User } from '../users/users.js';

export const SESSION_COOKIE = 'vikno_central';
export const SESSION_MS = 12 * 3600_000;
const MAX_WRONG = 5;
const LOCK_MS = 5 * 60_000;

export class Sessions {
  private readonly sessions = new Map<string, { user: User; until: number }>();
  private readonly wrong = new Map<string, { count: number; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  create(user: User): string {
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, { user, until: this.now() + SESSION_MS });
    this.wrong.delete(user.username);
    return token;
  }

  get(token: string | undefined): User | null {
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    if (s.until < this.now()) {
      this.sessions.delete(token);
      return null;
    }
    return s.user;
  }

  end(token: string | undefined): void {
    if (token) this.sessions.delete(token);
  }

  /** Milliseconds this username must wait before trying again; 0 when it may. */
  lockedFor(username: string): number {
    const w = this.wrong.get(username);
    return w && w.count >= MAX_WRONG ? Math.max(0, w.until - this.now()) : 0;
  }

  wrongPassword(username: string): void {
    const w = this.wrong.get(username);
    const count = w && w.until > this.now() ? w.count + 1 : 1;
    this.wrong.set(username, { count, until: this.now() + LOCK_MS });
  }
}

export function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export function sessionCookie(value: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/api/central; Max-Age=${maxAgeSeconds}`;
}
