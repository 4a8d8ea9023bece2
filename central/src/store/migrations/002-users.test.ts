import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, bootstrapFirstUser, signIn } from '../../users/users.js';
import { startTestDatabase, type TestDatabase } from '../test-database.js';

describe('migration 002: users', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase();
  });
  afterAll(() => db?.close());

  it('keeps a scrypt hash, never the password, and a scope of the region or some centres', async () => {
    await addUser(db.pool, { username: 'oksana', name: 'Оксана', password: 'secret-1' });
    await addUser(db.pool, { username: 'petro', name: 'Петро', password: 'secret-2', sites: ['irpin'] });
    const { rows } = await db.pool.query<{ username: string; password_hash: string; region: boolean; sites: string[] }>(
      'SELECT username, password_hash, region, sites FROM users ORDER BY username',
    );
    expect(rows.map((r) => [r.username, r.region, r.sites])).toEqual([
      ['oksana', true, []],
      ['petro', false, ['irpin']],
    ]);
    expect(rows.every((r) => r.password_hash.startsWith('scrypt$16384$8$1$') && !r.password_hash.includes('secret'))).toBe(true);
    expect(await signIn(db.pool, 'petro', 'secret-2')).toEqual({
      username: 'petro',
      name: 'Петро',
      scope: { region: false, sites: ['irpin'] },
    });
    expect(await signIn(db.pool, 'petro', 'secret-1')).toBeNull();
  });

  it('refuses a user who would see nothing, and a username that is not an id', async () => {
    await expect(db.pool.query("INSERT INTO users (username, name, password_hash) VALUES ('nobody', 'N', 'x')")).rejects.toThrow(/check/);
    await expect(
      db.pool.query("INSERT INTO users (username, name, password_hash, region) VALUES ('Not Id', 'N', 'x', true)"),
    ).rejects.toThrow(/check/);
  });

  it('makes the first user from the environment only while there are none', async () => {
    const empty = await startTestDatabase();
    try {
      expect(await bootstrapFirstUser(empty.pool, 'region:first-pass')).toBe('region');
      expect(await bootstrapFirstUser(empty.pool, 'region:changed')).toBeNull();
      expect(await signIn(empty.pool, 'region', 'first-pass')).not.toBeNull();
      await expect(bootstrapFirstUser(empty.pool, 'no-colon')).rejects.toThrow(/username:password/);
    } finally {
      await empty.close();
    }
  });
});
