// Wrong PINs sent all at once, and a hub restarted between guesses: neither gets a guesser past the
// five wrong PINs a username is allowed (hub/src/security/pin-attempts.ts).
import type { CommandError } from '@vikno/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { MAX_WRONG_PINS } from '../src/security/pin-attempts.js';
import { closeClients, demoConfig, device, runHub } from './harness.js';

let hubs: RunningHub[] = [];
const start = async (config = demoConfig()) => {
  const hub = await runHub(config);
  hubs.push(hub);
  return hub;
};

afterEach(async () => {
  await closeClients();
  for (const h of hubs) await h.stop();
  hubs = [];
});

const adminLogin = (hub: RunningHub, username: string, pin: string) =>
  fetch(`${hub.httpUrl}/api/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, pin }),
  }).then((r) => r.status);

const loginCode = (terminal: Awaited<ReturnType<typeof device>>, username: string, pin: string) =>
  terminal.command('operator.login', { username, pin }).then(
    () => 'ok',
    (e: unknown) => (e as CommandError).code,
  );

describe('PIN lockout', () => {
  it('checks at most five of forty wrong PINs sent at once to the admin sign-in', async () => {
    const hub = await start();
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => adminLogin(hub, 'admin', String(1000 + i))));
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_WRONG_PINS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - MAX_WRONG_PINS);
    // The right PIN is refused too now, unchecked.
    expect(await adminLogin(hub, 'admin', '0000')).toBe(429);
  });

  it('checks at most five of thirty wrong PINs sent at once from counter terminals', async () => {
    const hub = await start();
    const terminals = await Promise.all(['counter-w1', 'counter-w2', 'counter-w3'].map((id) => device(hub, id)));
    const codes = await Promise.all(Array.from({ length: 30 }, (_, i) => loginCode(terminals[i % 3]!, 'olena', String(2000 + i))));
    expect(codes.filter((c) => c === 'wrong_pin')).toHaveLength(MAX_WRONG_PINS);
    expect(codes.filter((c) => c === 'pin_locked')).toHaveLength(30 - MAX_WRONG_PINS);
    expect(await loginCode(terminals[0]!, 'olena', '1234')).toBe('pin_locked');
  });

  it('keeps the count across a restart of the hub', async () => {
    const config = demoConfig();
    const first = await start(config);
    for (let i = 0; i < MAX_WRONG_PINS - 1; i++) expect(await adminLogin(first, 'taras', '0000')).toBe(401);
    await first.stop();
    hubs = [];
    const second = await start(config);
    const terminal = await device(second, 'counter-w8');
    expect(await loginCode(terminal, 'taras', '0000')).toBe('wrong_pin');
    // Five in all, four of them before the restart: locked.
    expect(await loginCode(terminal, 'taras', '1234')).toBe('pin_locked');
    expect(await adminLogin(second, 'taras', '1234')).toBe(429);
  });

  it('forgets the count once the right PIN is given', async () => {
    const config = demoConfig();
    const first = await start(config);
    for (let i = 0; i < MAX_WRONG_PINS - 1; i++) expect(await adminLogin(first, 'admin', '9999')).toBe(401);
    expect(await adminLogin(first, 'admin', '0000')).toBe(200);
    await first.stop();
    hubs = [];
    const second = await start(config);
    for (let i = 0; i < MAX_WRONG_PINS - 1; i++) expect(await adminLogin(second, 'admin', '9999')).toBe(401);
    expect(await adminLogin(second, 'admin', '0000')).toBe(200);
  });
});
