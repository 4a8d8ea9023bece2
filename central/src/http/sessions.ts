// Signed-in supervisors, in PostgreSQL (migration 005): a random token in an httpOnly, SameSite=Strict
// cookie scoped to the API, the table keeping only its SHA-256. A restart of central keeps everyone
// signed in, and every central process on the database knows every session. A session ends when it
// has been idle for IDLE_MS, SESSION_MS after sign-in whatever happens, at sign-out, and when its user
// is removed or their password changes (the table's foreign key and trigger). The user's name and
// scope are read afresh with each request, so a changed scope applies at once.
// Wrong passwords are counted per username, in the database too: after five in a row, that name waits.
import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { type User, type UserRow, userOf } from '../users/users.js';

export const SESSION_COOKIE = 'vikno_central';
/** The longest a session lasts, however busy. */
export const SESSION_MS = 12 * 3600_000;
/** A session not used for this long ends (a page left open polls, and so stays signed in). */
export const IDLE_MS = 2 * 3600_000;
// last_seen is written at most this often, not on every poll of every open page.
const TOUCH_MS = 60_000;
const MAX_WRONG = 5;
const LOCK_MS = 5 * 60_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export class Sessions {
  constructor(
    private readonly pool: Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async create(user: User): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    const at = new Date(this.now());
    // The ended sessions go as new ones come: the table holds the live ones and a few more.
    await this.pool.query('DELETE FROM sessions WHERE created_at < $1 OR last_seen < $2', [
      new Date(at.getTime() - SESSION_MS),
      new Date(at.getTime() - IDLE_MS),
    ]);
    await this.pool.query('INSERT INTO sessions (token_hash, username, created_at, last_seen) VALUES ($1, $2, $3, $3)', [
      hashOf(token),
      user.username,
      at,
    ]);
    await this.pool.query('DELETE FROM sign_in_failures WHERE username = $1', [user.username]);
    return token;
  }

  async get(token: string | undefined): Promise<User | null> {
    if (!token) return null;
    const at = this.now();
    const { rows } = await this.pool.query<UserRow & { last_seen: Date }>(
      `SELECT u.username, u.name, u.region, u.sites, s.last_seen FROM sessions s JOIN users u USING (username)
       WHERE s.token_hash = $1 AND s.created_at >= $2 AND s.last_seen >= $3`,
      [hashOf(token), new Date(at - SESSION_MS), new Date(at - IDLE_MS)],
    );
    const row = rows[0];
    if (!row) return null;
    if (at - row.last_seen.getTime() >= TOUCH_MS)
      await this.pool.query('UPDATE sessions SET last_seen = $2 WHERE token_hash = $1', [hashOf(token), new Date(at)]);
    return userOf(row);
  }

  async end(token: string | undefined): Promise<void> {
    if (token) await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [hashOf(token)]);
  }

  /** Milliseconds this username must wait before trying again; 0 when it may. */
  async lockedFor(username: string): Promise<number> {
    const { rows } = await this.pool.query<{ count: number; until: Date }>(
      'SELECT count, until FROM sign_in_failures WHERE username = $1',
      [username],
    );
    const w = rows[0];
    return w && w.count >= MAX_WRONG ? Math.max(0, w.until.getTime() - this.now()) : 0;
  }

  async wrongPassword(username: string): Promise<void> {
    const at = this.now();
    await this.pool.query(
      `INSERT INTO sign_in_failures AS f (username, count, until) VALUES ($1, 1, $3)
       ON CONFLICT (username) DO UPDATE SET count = CASE WHEN f.until > $2 THEN f.count + 1 ELSE 1 END, until = excluded.until`,
      [username, new Date(at), new Date(at + LOCK_MS)],
    );
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
