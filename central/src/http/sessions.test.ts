// Sessions live in PostgreSQL: they outlast a restart of central, two central processes share them,
// and they end when idle, when old, at sign-out, and with their user or the user's password.
import { centralApi } from '@vikno/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../store/test-database.js';
import { addUser, removeUser, setPassword, setScope } from '../users/users.js';
import { type CentralHttp, startCentralHttp } from './server.js';
import { IDLE_MS, SESSION_MS } from './sessions.js';

describe('sessions in PostgreSQL', () => {
  let db: TestDatabase;
  let clock = Date.now();
  const servers: CentralHttp[] = [];
  const start = async () => {
    const http = await startCentralHttp({ pool: db.pool, log: pino({ level: 'silent' }), port: 0, now: () => clock });
    servers.push(http);
    return http;
  };
  beforeAll(async () => {
    db = await startTestDatabase();
    await addUser(db.pool, { username: 'oksana', name: 'Оксана', password: 'region-pass' });
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await db?.close();
  });

  const post = (http: CentralHttp, path: string, body: object, cookie?: string) =>
    fetch(`${http.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  const signIn = async (http: CentralHttp, username = 'oksana', password = 'region-pass') => {
    const res = await post(http, centralApi.login.url, { username, password });
    return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '' };
  };
  const session = async (http: CentralHttp, cookie: string) => {
    const res = await fetch(`${http.url}${centralApi.session.url}`, { headers: { cookie } });
    return { status: res.status, body: res.ok ? ((await res.json()) as { sites: string[]; region: boolean }) : undefined };
  };

  it('keeps everyone signed in across a restart of central, and keeps only the token’s hash', async () => {
    const first = await start();
    const { cookie } = await signIn(first);
    expect((await session(first, cookie)).status).toBe(200);
    await first.close();
    const second = await start();
    expect((await session(second, cookie)).status).toBe(200);
    const { rows } = await db.pool.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(rows.some((r) => r.token_hash === cookie.split('=')[1])).toBe(false);
  });

  it('shares sessions and sign-outs between two central processes on one database', async () => {
    const [a, b] = [await start(), await start()];
    const { cookie } = await signIn(a);
    expect((await session(b, cookie)).status).toBe(200);
    expect((await post(b, centralApi.logout.url, {}, cookie)).status).toBe(200);
    expect((await session(a, cookie)).status).toBe(401);
  });

  it('shares the wrong-password lock between them', async () => {
    await addUser(db.pool, { username: 'locked', name: 'L', password: 'locked-pass' });
    const [a, b] = [await start(), await start()];
    for (let i = 0; i < 5; i++) expect((await signIn(i % 2 ? a : b, 'locked', 'wrong')).status).toBe(401);
    expect((await signIn(a, 'locked', 'locked-pass')).status).toBe(429);
    expect((await signIn(b, 'locked', 'locked-pass')).status).toBe(429);
  });

  it('ends a session left idle, and any session at its age limit however busy', async () => {
    const http = await start();
    const idle = await signIn(http);
    const busy = await signIn(http);
    const started = clock;
    // The busy one is used every hour; the idle one not since sign-in.
    while (clock + 3600_000 < started + SESSION_MS) {
      clock += 3600_000;
      expect((await session(http, busy.cookie)).status, `${(clock - started) / 3600_000} h`).toBe(200);
      if (clock - started > IDLE_MS) expect((await session(http, idle.cookie)).status).toBe(401);
    }
    clock = started + SESSION_MS + 1;
    expect((await session(http, busy.cookie)).status).toBe(401);
  });

  it('ends a removed user’s sessions and a changed password’s; a changed scope applies at once', async () => {
    const http = await start();
    await addUser(db.pool, { username: 'petro', name: 'Петро', password: 'district-pass', sites: ['irpin'] });
    const before = await signIn(http, 'petro', 'district-pass');
    await setScope(db.pool, 'petro', ['bucha']);
    expect((await session(http, before.cookie)).body).toMatchObject({ region: false, sites: ['bucha'] });
    await setPassword(db.pool, 'petro', 'district-pass-2');
    expect((await session(http, before.cookie)).status).toBe(401);
    const after = await signIn(http, 'petro', 'district-pass-2');
    expect((await session(http, after.cookie)).status).toBe(200);
    await removeUser(db.pool, 'petro');
    expect((await session(http, after.cookie)).status).toBe(401);
    expect((await fetch(`${http.url}/api/central/overview`, { headers: { cookie: after.cookie } })).status).toBe(401);
  });
});
