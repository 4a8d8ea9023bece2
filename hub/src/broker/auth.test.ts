import { fileURLToPath } from 'node:url';
import type { Config } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../config/load.js';
import { hashSecret } from '../security/hashing.js';
import { BrokerAuth, FAILED_SIGN_IN_WINDOW_MS, MAX_FAILED_SIGN_INS } from './auth.js';

function demo(): Config {
  const loaded = loadConfigFile(fileURLToPath(new URL('../../../config/demo-centre.yaml', import.meta.url)));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.config;
}

const secret = (s: string) => Buffer.from(s);

describe('broker sign-in', () => {
  it('gives a client id to the device with the longest id it starts with', () => {
    const config = demo();
    config.devices.push({ id: 'counter-w1-b', role: 'counter', counter: 'w1', secretHash: hashSecret('b') } as Config['devices'][number]);
    const auth = new BrokerAuth(config);
    expect(auth.clientIdOwner('counter-w1')).toBe('counter-w1');
    expect(auth.clientIdOwner('counter-w1-3fa2')).toBe('counter-w1');
    expect(auth.clientIdOwner('counter-w1-b-3fa2')).toBe('counter-w1-b');
    expect(auth.clientIdOwner('counter-w10-3fa2')).toBe('counter-w10');
    expect(auth.clientIdOwner('counter-w')).toBeUndefined();
    expect(auth.clientIdOwner('mqttjs_3fa2')).toBeUndefined();
  });

  it('refuses an address after ten failures without checking, but not a secret it already verified, nor other addresses', async () => {
    let now = 0;
    const auth = new BrokerAuth(demo(), () => now);
    expect(await auth.signIn('kiosk-1', secret('demo-kiosk-1'), 'a')).toMatchObject({ ok: true });
    const wrong = await Promise.all(Array.from({ length: MAX_FAILED_SIGN_INS + 5 }, () => auth.signIn('kiosk-2', secret('x'), 'a')));
    expect(wrong.map((r) => (r.ok ? 'ok' : r.refused))).toEqual([
      ...Array<string>(MAX_FAILED_SIGN_INS).fill('credentials'),
      ...Array<string>(5).fill('tooManyFailures'),
    ]);
    // Refused unchecked, even with the right secret; a secret verified before still gets in.
    expect(await auth.signIn('kiosk-2', secret('demo-kiosk-2'), 'a')).toEqual({ ok: false, refused: 'tooManyFailures' });
    expect(await auth.signIn('kiosk-1', secret('demo-kiosk-1'), 'a')).toMatchObject({ ok: true });
    expect(await auth.signIn('kiosk-2', secret('demo-kiosk-2'), 'b')).toMatchObject({ ok: true });
    now += FAILED_SIGN_IN_WINDOW_MS;
    expect(await auth.signIn('display-hall', secret('demo-display-hall'), 'a')).toMatchObject({ ok: true });
  });

  it('counts a right secret as no failure, and forgets verified secrets when the config changes', async () => {
    const config = demo();
    const auth = new BrokerAuth(config);
    // Each checked (none verified before) and counted until found right: the address is not limited.
    const devices = config.devices.slice(0, MAX_FAILED_SIGN_INS + 3).map((d) => d.id);
    for (const id of devices) expect(await auth.signIn(id, secret(`demo-${id}`), 'a')).toMatchObject({ ok: true });
    expect(await auth.signIn('kiosk-1', secret('wrong'), 'a')).toEqual({ ok: false, refused: 'credentials' });
    const changed = structuredClone(config);
    changed.devices.find((d) => d.id === 'kiosk-1')!.secretHash = hashSecret('new');
    auth.replace(changed);
    expect(await auth.signIn('kiosk-1', secret('demo-kiosk-1'), 'a')).toEqual({ ok: false, refused: 'credentials' });
    expect(await auth.signIn('kiosk-1', secret('new'), 'a')).toMatchObject({ ok: true });
  });

  it('refuses the hub user name, an unknown device, and a client id of another device', async () => {
    const auth = new BrokerAuth(demo());
    expect(await auth.signIn('hub', secret('anything'), 'a')).toEqual({ ok: false, refused: 'credentials' });
    expect(await auth.signIn('nobody', secret('demo-nobody'), 'a')).toEqual({ ok: false, refused: 'credentials' });
    expect(await auth.signIn('kiosk-1', secret('demo-kiosk-1'), 'a', 'counter-w1-3fa2')).toEqual({ ok: false, refused: 'clientId' });
    expect(await auth.signIn('kiosk-1', secret('demo-kiosk-1'), 'a', 'kiosk-1-3fa2')).toMatchObject({
      ok: true,
      who: { device: 'kiosk-1', role: 'kiosk' },
    });
  });
});
