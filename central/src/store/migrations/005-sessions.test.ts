import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, removeUser, setPassword } from '../../users/users.js';
import { startTestDatabase, type TestDatabase } from '../test-database.js';

describe('migration 005: sessions', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase();
    await addUser(db.pool, { username: 'oksana', name: 'Оксана', password: 'secret-1-long' });
    await addUser(db.pool, { username: 'petro', name: 'Петро', password: 'secret-2-long', sites: ['irpin'] });
  });
  afterAll(() => db?.close());

  const open = (token: string, username: string) =>
    db.pool.query('INSERT INTO sessions (token_hash, username, created_at, last_seen) VALUES ($1, $2, now(), now())', [token, username]);
  const held = async () =>
    (await db.pool.query<{ token_hash: string }>('SELECT token_hash FROM sessions ORDER BY 1')).rows.map((r) => r.token_hash);

  it('ends a user’s sessions when their password changes, and only theirs, and not on other changes', async () => {
    await open('o1', 'oksana');
    await open('o2', 'oksana');
    await open('p1', 'petro');
    await db.pool.query("UPDATE users SET name = 'Оксана К.', sites = '{}' WHERE username = 'oksana'");
    expect(await held()).toEqual(['o1', 'o2', 'p1']);
    await setPassword(db.pool, 'oksana', 'secret-3-long');
    expect(await held()).toEqual(['p1']);
  });

  it('ends them with the user, and takes no session for a user who does not exist', async () => {
    await removeUser(db.pool, 'petro');
    expect(await held()).toEqual([]);
    await expect(open('x', 'petro')).rejects.toThrow(/foreign key/);
  });

  it('keeps one failure count per username', async () => {
    await db.pool.query("INSERT INTO sign_in_failures (username, count, until) VALUES ('anyone', 1, now())");
    await expect(db.pool.query("INSERT INTO sign_in_failures (username, count, until) VALUES ('anyone', 2, now())")).rejects.toThrow(
      /duplicate key/,
    );
  });
});
