// The region's users and what each may see: the whole region, or a list of centres. Added and changed
// by `vikno-central user …` (users-command.ts); the first one may come from the environment.
import type { Pool } from 'pg';
import { hashPassword, verifyPassword } from './passwords.js';

/** What a signed-in user may see: every centre, or these. */
export type Scope = { region: true } | { region: false; sites: readonly string[] };

export interface User {
  username: string;
  name: string;
  scope: Scope;
}

export interface NewUser {
  username: string;
  name: string;
  password: string;
  /** Absent or empty: the whole region. */
  sites?: readonly string[];
}

/** A change the users table cannot take, said so that whoever typed it can correct it. */
export class UserError extends Error {}

// The same rule as the table's CHECK (migration 002), checked first so the answer is a sentence.
const USERNAME = /^[a-z0-9._-]{1,64}$/;

/** Adds the user; refuses a name that is taken (a password is changed with `setPassword`, never by adding again). */
export async function addUser(pool: Pool, user: NewUser): Promise<void> {
  if (!USERNAME.test(user.username)) throw new UserError(`"${user.username}" is not a username: 1 to 64 of a-z, 0-9, ".", "_" and "-"`);
  if (!user.name.trim()) throw new UserError('a user needs a name');
  const sites = user.sites ?? [];
  const { rowCount } = await pool.query(
    `INSERT INTO users (username, name, password_hash, region, sites) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (username) DO NOTHING`,
    [user.username, user.name.trim(), await hashPassword(user.password), sites.length === 0, sites],
  );
  if (rowCount === 0) throw new UserError(`user "${user.username}" exists already`);
}

/** A new password: every session the user had ends with the old one. */
export async function setPassword(pool: Pool, username: string, password: string): Promise<void> {
  const { rowCount } = await pool.query('UPDATE users SET password_hash = $2 WHERE username = $1', [
    username,
    await hashPassword(password),
  ]);
  if (rowCount === 0) throw new UserError(`no user "${username}"`);
}

/** What the user sees from now on: the whole region (`sites` empty) or these centres. */
export async function setScope(pool: Pool, username: string, sites: readonly string[]): Promise<void> {
  const { rowCount } = await pool.query('UPDATE users SET region = $2, sites = $3 WHERE username = $1', [
    username,
    sites.length === 0,
    sites,
  ]);
  if (rowCount === 0) throw new UserError(`no user "${username}"`);
}

/** Removes the user; their sessions go with them. */
export async function removeUser(pool: Pool, username: string): Promise<void> {
  const { rowCount } = await pool.query('DELETE FROM users WHERE username = $1', [username]);
  if (rowCount === 0) throw new UserError(`no user "${username}"`);
}

export async function listUsers(pool: Pool): Promise<(User & { addedAt: Date })[]> {
  const { rows } = await pool.query<UserRow & { added_at: Date }>(
    'SELECT username, name, region, sites, added_at FROM users ORDER BY username',
  );
  return rows.map((row) => ({ ...userOf(row), addedAt: row.added_at }));
}

/**
 * The first user, from the environment, so that a new region can sign in before anyone exists:
 * `VIKNO_CENTRAL_FIRST_USER=username:password` makes a region-wide user when the table is empty, and
 * does nothing once it is not (it never resets a password).
 */
export async function bootstrapFirstUser(pool: Pool, spec: string | undefined): Promise<string | null> {
  if (!spec) return null;
  const colon = spec.indexOf(':');
  if (colon < 1 || colon === spec.length - 1) throw new Error('VIKNO_CENTRAL_FIRST_USER must be username:password');
  const username = spec.slice(0, colon);
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM users');
  if (rows[0]?.n !== '0') return null;
  await addUser(pool, { username, name: username, password: spec.slice(colon + 1) });
  return username;
}

/** The user with this password, or null (an unknown name takes as long as a wrong password). */
export async function signIn(pool: Pool, username: string, password: string): Promise<User | null> {
  const { rows } = await pool.query<UserRow & { password_hash: string }>(
    'SELECT username, name, password_hash, region, sites FROM users WHERE username = $1',
    [username],
  );
  const row = rows[0];
  const ok = await verifyPassword(password, row?.password_hash ?? UNKNOWN_USER_HASH);
  if (!row || !ok) return null;
  return userOf(row);
}

export interface UserRow {
  username: string;
  name: string;
  region: boolean;
  sites: string[];
}

export function userOf(row: UserRow): User {
  return { username: row.username, name: row.name, scope: row.region ? { region: true } : { region: false, sites: row.sites } };
}

// A hash of nothing anyone types, checked for unknown names so that timing does not tell them apart.
const UNKNOWN_USER_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Whether the scope includes the site. */
export function sees(scope: Scope, site: string): boolean {
  return scope.region || scope.sites.includes(site);
}

/** The scope as SQL: `sites` is null for the whole region (`site_id = ANY($n) OR $n IS NULL`). */
export function scopeSites(scope: Scope): string[] | null {
  return scope.region ? null : [...scope.sites];
}
