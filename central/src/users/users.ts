// The region's users and what each may see: the whole region, or a list of centres.
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

/** Adds the user, or replaces their name, password and scope: running it twice changes nothing more. */
export async function putUser(pool: Pool, user: NewUser): Promise<void> {
  const sites = user.sites ?? [];
  await pool.query(
    `INSERT INTO users (username, name, password_hash, region, sites) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (username) DO UPDATE SET name = excluded.name, password_hash = excluded.password_hash,
       region = excluded.region, sites = excluded.sites`,
    [user.username, user.name, await hashPassword(user.password), sites.length === 0, sites],
  );
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
  await putUser(pool, { username, name: username, password: spec.slice(colon + 1) });
  return username;
}

/** The user with this password, or null (an unknown name takes as long as a wrong password). */
export async function signIn(pool: Pool, username: string, password: string): Promise<User | null> {
  const { rows } = await pool.query<{ username: string; name: string; password_hash: string; region: boolean; sites: string[] }>(
    'SELECT username, name, password_hash, region, sites FROM users WHERE username = $1',
    [username],
  );
  const row = rows[0];
  const ok = await verifyPassword(password, row?.password_hash ?? UNKNOWN_USER_HASH);
  if (!row || !ok) return null;
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
