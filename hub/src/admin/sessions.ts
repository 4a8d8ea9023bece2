// Supervisors' sign-in to the admin pages: a random token in an HttpOnly, SameSite=Strict cookie,
// valid for a working day. Wrong PINs are limited per username (security/pin-attempts.ts).
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

export class AdminSessions {
  private readonly sessions = new Map<string, AdminSession>();

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
}

export function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
