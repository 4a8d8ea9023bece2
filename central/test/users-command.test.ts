// `vikno-central user …` as an operator runs it: the built command on a real PostgreSQL, the password
// on stdin, and what the users table and sign-in make of it.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashSecret } from '@vikno/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { tempDir } from '../../hub/test/harness.js';
import { startTestDatabase, type TestDatabase } from '../src/store/test-database.js';
import { signIn } from '../src/users/users.js';
import { CENTRAL_MAIN } from './harness.js';

describe('vikno-central user', () => {
  let db: TestDatabase;
  let configFile: string;
  beforeAll(async () => {
    db = await startTestDatabase();
    configFile = join(tempDir('vikno-users-'), 'central.yaml');
    const sites = ['irpin', 'bucha', 'fastiv'].map((id) => ({ id, secretHash: hashSecret(`region-${id}`, 1000) }));
    writeFileSync(configFile, stringify({ database: { url: db.cluster.url }, broker: { url: 'mqtt://127.0.0.1:1' }, sites }));
  });
  afterAll(() => db?.close());

  /** The command with `stdin` piped in (not a terminal: the password is its first line). */
  const run = (args: string[], stdin = '') =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CENTRAL_MAIN, 'user', ...args, '--config', configFile]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });

  it('adds a region user and a district user, each signing in with the password given on stdin', async () => {
    expect(await run(['add', 'oksana', '--name', 'Оксана Коваль', '--region'], 'region-pass-1\n')).toMatchObject({ code: 0 });
    const district = await run(['add', 'petro', '--name', 'Петро', '--sites', 'irpin,bucha'], 'district-pass\n');
    expect(district).toMatchObject({ code: 0, stdout: 'user petro added (irpin, bucha)\n' });
    expect(await signIn(db.pool, 'oksana', 'region-pass-1')).toEqual({
      username: 'oksana',
      name: 'Оксана Коваль',
      scope: { region: true },
    });
    expect(await signIn(db.pool, 'petro', 'district-pass')).toMatchObject({ scope: { region: false, sites: ['irpin', 'bucha'] } });
    const { rows } = await db.pool.query<{ password_hash: string }>('SELECT password_hash FROM users');
    expect(rows.every((r) => r.password_hash.startsWith('scrypt$') && !r.password_hash.includes('pass'))).toBe(true);
    const list = await run(['list']);
    expect(list.stdout.split('\n').map((l) => l.split('\t').slice(0, 3))).toEqual([
      ['oksana', 'Оксана Коваль', 'region'],
      ['petro', 'Петро', 'irpin,bucha'],
      [''],
    ]);
  });

  it('changes a password and a scope, and removes a user', async () => {
    expect(await run(['password', 'petro'], 'district-pass-2\n')).toMatchObject({ code: 0 });
    expect(await signIn(db.pool, 'petro', 'district-pass')).toBeNull();
    expect(await signIn(db.pool, 'petro', 'district-pass-2')).not.toBeNull();
    expect(await run(['scope', 'petro', '--sites', 'fastiv'])).toMatchObject({ code: 0 });
    expect(await signIn(db.pool, 'petro', 'district-pass-2')).toMatchObject({ scope: { region: false, sites: ['fastiv'] } });
    expect(await run(['scope', 'petro', '--region'])).toMatchObject({ code: 0 });
    expect(await signIn(db.pool, 'petro', 'district-pass-2')).toMatchObject({ scope: { region: true } });
    expect(await run(['remove', 'petro'])).toMatchObject({ code: 0, stdout: 'user petro removed, their sessions ended\n' });
    expect(await signIn(db.pool, 'petro', 'district-pass-2')).toBeNull();
  });

  it('refuses bad input with a sentence and changes nothing', async () => {
    const before = (await db.pool.query('SELECT * FROM users ORDER BY username')).rows;
    const refused: [string[], string, RegExp][] = [
      [['add', 'oksana', '--name', 'Again', '--region'], 'another-pass\n', /user "oksana" exists already/],
      [['add', 'Not Id', '--name', 'X', '--region'], 'some-password\n', /is not a username/],
      [
        ['add', 'ivan', '--name', 'Іван', '--sites', 'irpin,nowhere'],
        'some-password\n',
        /no centre nowhere in the config: its centres are irpin, bucha, fastiv/,
      ],
      [['add', 'ivan', '--name', 'Іван'], 'some-password\n', /--region, or --sites/],
      [['add', 'ivan', '--name', 'Іван', '--region'], 'short\n', /at least 8 characters/],
      [['add', 'ivan', '--name', 'Іван', '--region'], '', /no password/],
      // A password on the command line is refused outright: `ps` would show it to everyone.
      [['add', 'ivan', '--name', 'Іван', '--region', '--password', 'in-argv-pass'], '', /Unknown option '--password'/],
      [['password', 'nobody'], 'some-password\n', /no user "nobody"/],
      [['remove', 'nobody'], '', /no user "nobody"/],
      [['rename', 'oksana'], '', /unknown user command "rename"/],
    ];
    for (const [args, stdin, message] of refused) {
      const result = await run(args, stdin);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    expect((await db.pool.query('SELECT * FROM users ORDER BY username')).rows).toEqual(before);
  });
});
