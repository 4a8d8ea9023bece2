import { fileURLToPath } from 'node:url';
import type { Config } from '@vikno/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrokerAuth } from '../broker/auth.js';
import { loadConfigFile } from '../config/load.js';
import { Store } from '../store/store.js';
import { tempDbFile } from '../store/test-fixtures.js';
import {
  type CredentialBroker,
  CredentialBrokerError,
  MAX_WRONG_CODES,
  PAIRING_ALPHABET,
  PAIRING_CODE_LENGTH,
  Pairings,
  WRONG_CODE_WINDOW_MS,
} from './pairing.js';

function demo(): Config {
  const loaded = loadConfigFile(fileURLToPath(new URL('../../../config/demo-centre.yaml', import.meta.url)));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.config;
}

const TTL = 10 * 60_000;

describe('pairing', () => {
  let db: ReturnType<typeof tempDbFile>;
  let store: Store;
  let now: number;
  let pairings: Pairings;

  beforeEach(() => {
    db = tempDbFile();
    store = new Store(db.file);
    now = Date.UTC(2026, 2, 2, 9);
    pairings = new Pairings(store, () => now, TTL);
  });
  afterEach(() => {
    store.close();
    db.remove();
  });

  it('makes short codes from the unambiguous alphabet, and a code works once', async () => {
    const { code, expiresAt } = pairings.issue('kiosk-1');
    expect(code).toHaveLength(PAIRING_CODE_LENGTH);
    expect([...code].every((c) => PAIRING_ALPHABET.includes(c))).toBe(true);
    expect(expiresAt).toBe(now + TTL);
    // As a person types it: lower case, in two groups.
    const typed = `${code.slice(0, 4).toLowerCase()} - ${code.slice(4)}`;
    const first = await pairings.pair(typed, 'a');
    expect(first).toMatchObject({ ok: true, device: 'kiosk-1' });
    expect(first.ok && first.secret.length).toBeGreaterThanOrEqual(32);
    expect(await pairings.pair(code, 'a')).toEqual({ ok: false, refused: 'unknownCode' });
  });

  it('refuses a code once it has expired, by the clock it is given', async () => {
    const { code } = pairings.issue('kiosk-1');
    now += TTL - 1;
    const early = pairings.issue('kiosk-2');
    now += 1;
    expect(await pairings.pair(code, 'a')).toEqual({ ok: false, refused: 'unknownCode' });
    expect(await pairings.pair(early.code, 'a')).toMatchObject({ ok: true, device: 'kiosk-2' });
  });

  it('keeps one code per device: a new one (replacing the device) ends the earlier', async () => {
    const first = pairings.issue('kiosk-1');
    const second = pairings.issue('kiosk-1');
    expect(await pairings.pair(first.code, 'a')).toMatchObject({ ok: false });
    expect(await pairings.pair(second.code, 'a')).toMatchObject({ ok: true });
  });

  it('refuses an address after ten wrong codes, even the right one, until the window passes; other addresses go on', async () => {
    const { code } = pairings.issue('kiosk-1');
    for (let i = 0; i < MAX_WRONG_CODES; i++) expect(await pairings.pair('AAAAAAAA', 'a')).toEqual({ ok: false, refused: 'unknownCode' });
    expect(await pairings.pair(code, 'a')).toMatchObject({ ok: false, refused: 'tooManyAttempts' });
    const other = pairings.issue('kiosk-2');
    expect(await pairings.pair(other.code, 'b')).toMatchObject({ ok: true, device: 'kiosk-2' });
    now += WRONG_CODE_WINDOW_MS;
    // The refused right code was not used up; by now it has expired, so the admin makes another.
    expect(await pairings.pair(code, 'a')).toEqual({ ok: false, refused: 'unknownCode' });
    expect(await pairings.pair(pairings.issue('kiosk-1').code, 'a')).toMatchObject({ ok: true, device: 'kiosk-1' });
  });

  it('keeps only a hash of the code and of the secret, and keeps them across a restart', async () => {
    const { code } = pairings.issue('kiosk-1');
    store.close();
    store = new Store(db.file);
    pairings = new Pairings(store, () => now, TTL);
    const paired = await pairings.pair(code, 'a');
    if (!paired.ok) throw new Error('not paired');
    store.close();
    store = new Store(db.file);
    const rows = store.deviceCredentialRows();
    expect(rows).toEqual([{ device: 'kiosk-1', secretHash: expect.stringMatching(/^\$7\$/), pairedAt: now, revokedAt: null }]);
    expect(JSON.stringify(rows)).not.toContain(paired.secret);
  });

  it('signs a paired device in with its own secret only, and a revoked one with nothing', async () => {
    const auth = new BrokerAuth(demo(), () => now, pairings);
    const signIn = (secret: string) => auth.signIn('kiosk-1', Buffer.from(secret), 'a').then((r) => (r.ok ? 'ok' : r.refused));
    expect(await signIn('demo-kiosk-1')).toBe('ok');
    const { code } = pairings.issue('kiosk-1');
    const paired = await pairings.pair(code, 'a');
    if (!paired.ok) throw new Error('not paired');
    expect(await signIn('demo-kiosk-1')).toBe('credentials');
    expect(await signIn(paired.secret)).toBe('ok');
    const changes: string[] = [];
    pairings.onChange((device, change) => changes.push(`${device} ${change}`));
    await pairings.revoke('kiosk-1');
    expect(changes).toEqual(['kiosk-1 revoked']);
    // Verified a moment ago, and still refused: the cache of verified secrets forgets a revoked device.
    expect(await signIn(paired.secret)).toBe('credentials');
    expect(await signIn('demo-kiosk-1')).toBe('credentials');
  });

  it('keeps the code good when an external broker does not take the secret, and revokes at the hub when it does not confirm', async () => {
    const away: CredentialBroker = {
      check: async () => {},
      paired: async () => Promise.reject(new CredentialBrokerError('broker away')),
      revoked: async () => Promise.reject(new CredentialBrokerError('broker away')),
    };
    const told: string[] = [];
    const there: CredentialBroker = {
      check: async () => {},
      paired: async (device) => void told.push(`paired ${device}`),
      revoked: async (device) => void told.push(`revoked ${device}`),
    };
    pairings.useBroker(away);
    const { code } = pairings.issue('kiosk-1');
    await expect(pairings.pair(code, 'a')).rejects.toThrow('broker away');
    expect(pairings.secretHashOf('kiosk-1')).toBeUndefined();
    pairings.useBroker(there);
    expect(await pairings.pair(code, 'a')).toMatchObject({ ok: true, device: 'kiosk-1' });
    expect(told).toEqual(['paired kiosk-1']);
    pairings.useBroker(away);
    await expect(pairings.revoke('kiosk-1')).rejects.toThrow('broker away');
    expect(pairings.secretHashOf('kiosk-1')).toBeNull();
  });
});
