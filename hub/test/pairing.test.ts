// Pairing devices, end to end on a real hub (real SQLite, the embedded broker and Mosquitto with its
// dynamic-security plugin, real MQTT clients and Chromium): a code works once and expires, wrong codes
// are limited per address, a device paired anew or revoked loses its connection within a second and is
// refused on MQTT and HTTP, Mosquitto keeps the pairings across its restarts, and the device pages
// pair, keep their credentials across a reload and return to pairing once revoked. And the hub's own
// CA: HTTPS and WSS with it, its fingerprint in the pairing payload.
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { configSchema, httpApi, type PairingCode, translate } from '@vikno/shared';
import { connect, type MqttClient } from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { HUB_PASSWORD, type Mosquitto, runMosquitto, startMosquitto } from '../src/bench/mosquitto.js';
import { hashSecret } from '../src/security/hashing.js';
import { MAX_WRONG_CODES } from '../src/security/pairing.js';
import {
  adminCookie,
  BROKERS,
  type BrokerKind,
  demoConfig,
  demoConfigInput,
  demoMorning,
  freePort,
  type HubOnBroker,
  launchChromium,
  REPO,
  runHub,
  runHubOn,
  storedDeviceCredentials,
  tempDir,
  until,
} from './harness.js';

const SCREENSHOTS = join(REPO, 'screenshots');
const SEEN = { timeout: 10_000 };
const uk = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('uk', key, params);

let hub: RunningHub;
/** How far the hub's clock is moved on, so that a code can expire without the test waiting for it. */
let shift = 0;
let cookie: string;

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${hub.httpUrl}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function newCode(device: string): Promise<PairingCode> {
  const res = await post(`/api/admin/devices/${device}/pairing`, {}, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return httpApi.adminDevicePairing.response.parse(await res.json());
}

async function pair(code: string): Promise<Response> {
  return post(httpApi.pair.url, { code });
}

/** A device paired with a new code: its secret. */
async function paired(device: string): Promise<string> {
  const res = await pair((await newCode(device)).code);
  expect(res.status, await res.clone().text()).toBe(200);
  return httpApi.pair.response.parse(await res.json()).secret;
}

/** An MQTT client signing in as `device`; resolves once the broker answered, either way. */
function mqttDevice(device: string, secret: string): Promise<{ client: MqttClient; refused: number | null }> {
  const client = connect(hub.mqttUrl, {
    protocolVersion: 4,
    clientId: `${device}-test`,
    username: device,
    password: secret,
    reconnectPeriod: 0,
  });
  return new Promise((resolve) => {
    client.once('connect', () => resolve({ client, refused: null }));
    client.once('error', (error: Error & { code?: number }) => resolve({ client, refused: error.code ?? -1 }));
  });
}

/** The CONNACK code a sign-in gets (0: in), the client closed at once. */
async function signInCode(device: string, secret: string): Promise<number> {
  const { client, refused } = await mqttDevice(device, secret);
  client.end(true);
  return refused ?? 0;
}

/** What a wrong secret gets: 4, bad user name or password, from the embedded broker; 5, not authorised, from Mosquitto. */
const REFUSED: Record<BrokerKind, number> = { embedded: 4, mosquitto: 5 };

const basic = (device: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${device}:${secret}`).toString('base64')}` });

describe.each(BROKERS)('pairing a device on the %s broker', (broker) => {
  beforeAll(async () => {
    hub = await runHubOn(broker, undefined, () => demoMorning() + shift);
    cookie = await adminCookie(hub);
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('gives the device its own secret for a code, once; the config secret stops counting', async () => {
    const { code, expiresAt, qr, caFingerprint } = await newCode('kiosk-2');
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(expiresAt - (demoMorning() + shift)).toBeGreaterThan(9 * 60_000);
    expect(qr).toBe(`${hub.httpUrl}/kiosk/#pair=${code}`);
    expect(caFingerprint).toBeNull();

    const first = await pair(code.toLowerCase());
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const paired = httpApi.pair.response.parse(await first.json());
    expect(paired).toMatchObject({ device: 'kiosk-2', role: 'kiosk' });
    expect((await pair(code)).status).toBe(404);

    expect(await signInCode('kiosk-2', paired.secret)).toBe(0);
    expect(await signInCode('kiosk-2', 'demo-kiosk-2')).toBe(REFUSED[broker]);
  });

  it('pairs a device anew: the new secret replaces the old, and the connection made with the old one closes', async () => {
    const first = await paired('counter-w4');
    const { client, refused } = await mqttDevice('counter-w4', first);
    expect(refused).toBeNull();
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    const second = await paired('counter-w4');
    await closed;
    client.end(true);
    expect(await signInCode('counter-w4', first)).toBe(REFUSED[broker]);
    expect(await signInCode('counter-w4', second)).toBe(0);
  });

  it('refuses a code once its minutes have passed (the clock moved on, not waited for)', async () => {
    const { code } = await newCode('display-pickup');
    shift += 10 * 60_000;
    expect((await pair(code)).status).toBe(404);
  });

  it('closes a revoked device’s MQTT connection and refuses its HTTP calls within a second; it cannot come back', async () => {
    const secret = await paired('kiosk-1');
    const { client, refused } = await mqttDevice('kiosk-1', secret);
    expect(refused).toBeNull();
    expect((await fetch(`${hub.httpUrl}/api/printer`, { headers: basic('kiosk-1', secret) })).status).toBe(200);
    const closed = new Promise<number>((resolve) => client.once('close', () => resolve(performance.now())));

    const start = performance.now();
    expect((await post('/api/admin/devices/kiosk-1/revoke', {}, { cookie })).status).toBe(200);
    const printer = await fetch(`${hub.httpUrl}/api/printer`, { headers: basic('kiosk-1', secret) });
    const httpRefusedMs = performance.now() - start;
    const mqttClosedMs = (await closed) - start;
    expect(printer.status).toBe(401);
    expect(mqttClosedMs).toBeLessThan(1000);
    expect(httpRefusedMs).toBeLessThan(1000);
    console.log(`${broker}: revoked: MQTT closed after ${mqttClosedMs.toFixed(1)} ms, HTTP refused after ${httpRefusedMs.toFixed(1)} ms`);
    client.end(true);
    // Nor may it come back, with the paired secret or the config's.
    for (const old of [secret, 'demo-kiosk-1']) expect(await signInCode('kiosk-1', old)).toBe(REFUSED[broker]);
    const listed = httpApi.adminDevices.response.parse(
      await (await fetch(`${hub.httpUrl}/api/admin/devices`, { headers: { cookie } })).json(),
    );
    expect(listed.devices.find((d) => d.id === 'kiosk-1')).toMatchObject({ state: 'revoked', revokedAt: expect.any(Number) });
    // Paired again, it is back.
    expect(await signInCode('kiosk-1', await paired('kiosk-1'))).toBe(0);
  });

  it('pairing and revoking are for admins, signed in', async () => {
    expect((await post('/api/admin/devices/kiosk-1/pairing', {})).status).toBe(401);
    expect((await post('/api/admin/devices/kiosk-1/revoke', {})).status).toBe(401);
    const supervisor = await adminCookie(hub, 'petro', '1234');
    expect((await post('/api/admin/devices/kiosk-1/pairing', {}, { cookie: supervisor })).status).toBe(403);
    expect((await post('/api/admin/devices/no-such-device/pairing', {}, { cookie })).status).toBe(404);
  });
});

describe('pairing on Mosquitto: its file and its restarts', () => {
  let onMosquitto: HubOnBroker;
  beforeAll(async () => {
    onMosquitto = await runHubOn('mosquitto');
    hub = onMosquitto;
    cookie = await adminCookie(hub);
  });
  afterAll(async () => {
    await onMosquitto?.stop();
  });

  /** Mosquitto stopped and started on its files; resolves once the hub is connected to it again. */
  async function restartMosquitto(whileAway: () => Promise<void> = async () => {}): Promise<void> {
    await onMosquitto.mosquitto!.stop();
    await until(() => !onMosquitto.bus.connected, 5000, 'the hub to see Mosquitto gone');
    await whileAway();
    await onMosquitto.mosquitto!.start();
    await until(() => onMosquitto.bus.connected, 10_000, 'the hub to reconnect to Mosquitto');
  }

  it('keeps the paired devices and the revoked ones out, and pairs again after the restart', async () => {
    const secret = await paired('kiosk-1');
    expect((await post('/api/admin/devices/counter-w2/revoke', {}, { cookie })).status).toBe(200);
    await restartMosquitto();
    expect(await signInCode('kiosk-1', secret)).toBe(0);
    expect(await signInCode('counter-w2', 'demo-counter-w2')).toBe(5);
    expect(await signInCode('kiosk-2', await paired('kiosk-2'))).toBe(0);
  });

  it('pairs a device whose role the dynamic-security file lacks (added to the config since), with its rules', async () => {
    interface DynsecFile {
      roles: { rolename: string; acls: { acltype: string; topic: string }[] }[];
      clients: { username: string; roles?: { rolename: string }[] }[];
    }
    const file = join(onMosquitto.mosquitto!.dir, 'dynsec.json');
    const read = () => JSON.parse(readFileSync(file, 'utf8')) as DynsecFile;
    const role = 'vikno-device-counter-w5';
    // The file as one written before counter-w5 was in the config.
    await restartMosquitto(async () => {
      const older = read();
      older.roles = older.roles.filter((r) => r.rolename !== role);
      older.clients = older.clients.filter((c) => c.username !== 'counter-w5');
      writeFileSync(file, JSON.stringify(older));
    });
    const secret = await paired('counter-w5');
    const { client, refused } = await mqttDevice('counter-w5', secret);
    expect(refused).toBeNull();
    const granted = (filter: string) =>
      client.subscribeAsync(filter).then(
        (g) => g.map((x) => x.qos),
        () => [128],
      );
    expect(await granted('vikno/v1/demo/state/#')).toEqual([0]);
    expect(await granted('vikno/v1/demo/reply/counter-w1/#')).toEqual([128]);
    client.end(true);
    // Mosquitto saved it, with the rules of a counter.
    const saved = read().roles.find((r) => r.rolename === role);
    expect(saved?.acls).toContainEqual(expect.objectContaining({ acltype: 'publishClientSend', topic: 'vikno/v1/demo/cmd/counter-w5/+' }));
  });

  it('revokes at once at the hub while Mosquitto is away, and in Mosquitto as soon as the hub is back on it', async () => {
    expect(await signInCode('counter-w3', 'demo-counter-w3')).toBe(0);
    await restartMosquitto(async () => {
      const res = await post('/api/admin/devices/counter-w3/revoke', {}, { cookie });
      // Refused by the hub already; Mosquitto could not be told, and the answer says so.
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: string }).error).toContain('not connected to Mosquitto');
      expect((await fetch(`${hub.httpUrl}/api/printer`, { headers: basic('counter-w3', 'demo-counter-w3') })).status).toBe(401);
    });
    await expect.poll(() => signInCode('counter-w3', 'demo-counter-w3'), { timeout: 5000 }).toBe(5);
  });
});

describe('pairing on a Mosquitto without the dynamic-security plugin', () => {
  let mosquitto: Mosquitto;
  let plain: RunningHub;
  beforeAll(async () => {
    // The files of old: a password file (the hub's only) and no plugin.
    const port = await freePort();
    const config = configSchema.parse({
      ...demoConfigInput(),
      broker: { url: `mqtt://127.0.0.1:${port}`, username: 'hub', password: HUB_PASSWORD },
    });
    const dir = tempDir('vikno-mosquitto-');
    await (await startMosquitto(config, dir, port)).stop();
    const conf = join(dir, 'mosquitto.conf');
    writeFileSync(join(dir, 'passwd'), `hub:${hashSecret(HUB_PASSWORD)}\n`, { mode: 0o600 });
    writeFileSync(
      conf,
      readFileSync(conf, 'utf8')
        .replace(/^plugin.*$/gm, '')
        .concat(`password_file ${join(dir, 'passwd')}\n`),
    );
    mosquitto = await runMosquitto(dir, port);
    plain = await runHub(config);
    hub = plain;
    cookie = await adminCookie(hub);
  });
  afterAll(async () => {
    await plain?.stop();
    await mosquitto?.stop();
  });

  it('answers the admin with a clear error in a few seconds, and makes no code', async () => {
    const start = performance.now();
    const res = await post('/api/admin/devices/kiosk-1/pairing', {}, { cookie });
    const ms = performance.now() - start;
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toMatch(/dynamic-security plugin did not answer .* within 3 s/);
    expect(ms).toBeLessThan(10_000);
  });
});

describe('device pages pair in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    hub = await runHub(demoConfig());
    cookie = await adminCookie(hub);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  /** The display says so in each of the centre's languages in turn. */
  const online = async (page: Page) =>
    ['uk', 'en'].map((lang) => translate(lang, 'connection.online')).includes((await page.getByRole('status').first().textContent()) ?? '');

  async function open(path: string, viewport = { width: 1920, height: 1080 }): Promise<Page> {
    const context = await browser.newContext({ viewport, baseURL: hub.httpUrl, locale: 'uk-UA' });
    const page = await context.newPage();
    await page.goto(path);
    return page;
  }

  it('a display asks for a code on first start (an address with credentials in it signs nothing in), pairs from the admin’s dialog, keeps its credentials across a reload, and asks again once revoked', {
    timeout: 120_000,
  }, async () => {
    // The old way in: ignored.
    const display = await open('/display/?device=display-hall&secret=demo-display-hall');
    const title = display.getByRole('heading', { name: uk('device.pair.title') });
    await title.waitFor(SEEN);
    await display.screenshot({ path: join(SCREENSHOTS, 'pairing-display-1920x1080.png') });

    // The admin replaces the display: a code, big, with its QR.
    const admin = await open('/admin/');
    await admin.getByLabel(uk('admin.login.username')).fill('admin');
    await admin.getByLabel(uk('admin.login.pin')).fill('0000');
    await admin.getByRole('button', { name: uk('admin.login.submit') }).click();
    await admin.locator('button[data-tab="devices"]').click();
    const row = admin.locator('tr[data-pairing="display-hall"]');
    await row.waitFor(SEEN);
    expect(await row.locator('[data-state]').getAttribute('data-state')).toBe('config');
    await admin.getByRole('button', { name: `${uk('admin.pairing.replace')} display-hall` }).click();
    const dialog = admin.getByRole('dialog', { name: uk('admin.pairing.codeTitle', { device: 'display-hall' }) });
    await dialog.waitFor(SEEN);
    await dialog.getByRole('img', { name: uk('admin.pairing.qr') }).waitFor(SEEN);
    const code = (await dialog.locator('[data-code]').getAttribute('data-code')) ?? '';
    expect(code).toHaveLength(8);
    await admin.screenshot({ path: join(SCREENSHOTS, 'admin-pairing-dialog-1920x1080.png') });
    await admin.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // Typed on the display's own keys, as on a screen without a keyboard.
    for (const c of code) await display.getByRole('button', { name: c, exact: true }).click();
    expect(await display.getByLabel(uk('device.pair.code')).inputValue()).toBe(`${code.slice(0, 4)}-${code.slice(4)}`);
    await display.getByRole('button', { name: uk('device.pair.submit') }).click();
    await expect.poll(() => online(display), SEEN).toBe(true);
    const kept = (await storedDeviceCredentials(display, 'display')) as { device: string; secret: string };
    expect(kept.device).toBe('display-hall');
    expect(kept.secret).not.toBe('demo-display-hall');
    expect(display.url()).not.toContain(kept.secret);

    await display.reload();
    await expect.poll(() => online(display), SEEN).toBe(true);
    expect(await title.count()).toBe(0);
    // The list as it is now (the admin page opens on the monitor).
    await admin.reload();
    await admin.locator('button[data-tab="devices"]').click();
    await expect.poll(() => row.locator('[data-state]').getAttribute('data-state'), SEEN).toBe('paired');

    // Revoked from the admin page, after its confirmation: the display is back at the pairing screen.
    await admin.getByRole('button', { name: `${uk('admin.pairing.revoke')} display-hall` }).click();
    const confirm = admin.getByRole('dialog', { name: uk('admin.pairing.confirmTitle', { device: 'display-hall' }) });
    await confirm.getByRole('button', { name: uk('admin.pairing.confirm') }).click();
    await title.waitFor(SEEN);
    await expect.poll(() => display.getByRole('alert').textContent(), SEEN).toBe(uk('device.pair.revoked'));
    expect(await storedDeviceCredentials(display, 'display')).toBeNull();
    await expect.poll(() => row.locator('[data-state]').getAttribute('data-state'), SEEN).toBe('revoked');
    await display.screenshot({ path: join(SCREENSHOTS, 'pairing-display-revoked-1920x1080.png') });
    await display.context().close();
    await admin.context().close();
  });

  it('a kiosk pairs from the QR’s address: the code after # pairs it without typing, and leaves the address', async () => {
    const { qr } = await newCode('kiosk-2');
    const kiosk = await open(new URL(qr).pathname + new URL(qr).hash, { width: 1080, height: 1920 });
    await expect
      .poll(async () => ((await storedDeviceCredentials(kiosk, 'kiosk')) as { device?: string } | null)?.device, SEEN)
      .toBe('kiosk-2');
    expect(new URL(kiosk.url()).hash).toBe('');
    await kiosk.context().close();
  });

  it('the kiosk’s pairing screen, in portrait', async () => {
    const kiosk = await open('/kiosk/', { width: 1080, height: 1920 });
    await kiosk.getByRole('heading', { name: uk('device.pair.title') }).waitFor(SEEN);
    await kiosk.screenshot({ path: join(SCREENSHOTS, 'pairing-kiosk-1080x1920.png') });
    await kiosk.context().close();
  });
});

describe('wrong pairing codes', () => {
  // A hub of their own: the wrong codes above count against this address too.
  beforeAll(async () => {
    hub = await runHub(demoConfig());
    cookie = await adminCookie(hub);
  });
  afterAll(async () => {
    await hub.stop();
  });

  it('are limited per address: after ten, even a right code is refused for a while', async () => {
    const { code } = await newCode('counter-w5');
    for (let i = 0; i < MAX_WRONG_CODES; i++) expect((await pair('WRONG234')).status).toBe(404);
    const limited = await pair(code);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the hub’s own CA (http.tls: auto)', () => {
  let tlsHub: RunningHub;
  let dataDir: string;
  afterAll(async () => {
    await tlsHub?.stop();
  });

  function get(url: string, ca?: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, { ca }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('serves HTTPS and WSS with a certificate from a CA it made, kept across restarts, whose fingerprint the pairing payload carries', async () => {
    dataDir = tempDir();
    const start = () => runHub(demoConfig((c) => ({ ...c, dataDir, http: { ...c.http, tls: 'auto' } })));
    tlsHub = await start();
    expect(tlsHub.httpUrl).toMatch(/^https:/);
    const ca = readFileSync(join(dataDir, 'tls/ca.pem'), 'utf8');
    const fingerprint = new X509Certificate(ca).fingerprint256;
    const base = tlsHub.httpUrl.replace('127.0.0.1', 'localhost');

    await expect(get(`${base}/api/health`)).rejects.toThrow(/self.signed|unable to verify|certificate/i);
    expect(await get(`${base}/api/health`, ca)).toBe(200);

    const admin = await fetchWithCa(`${base}/api/admin/login`, ca, { username: 'admin', pin: '0000' });
    const session = (admin.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    const code = httpApi.adminDevicePairing.response.parse(
      JSON.parse((await fetchWithCa(`${base}/api/admin/devices/counter-w2/pairing`, ca, {}, session)).body),
    );
    expect(code.caFingerprint).toBe(fingerprint);
    expect(code.hubUrl).toBe(base);
    expect(new URLSearchParams(new URL(code.qr).hash.slice(1)).get('ca')).toBe(fingerprint);

    const paired = httpApi.pair.response.parse(JSON.parse((await fetchWithCa(`${base}/api/pair`, ca, { code: code.code })).body));
    const wss = connect(`${base.replace('https', 'wss')}/mqtt`, {
      protocolVersion: 4,
      clientId: `${paired.device}-wss`,
      username: paired.device,
      password: paired.secret,
      ca,
      reconnectPeriod: 0,
    });
    await new Promise<void>((resolve, reject) => {
      wss.once('connect', () => resolve());
      wss.once('error', reject);
    });
    await wss.endAsync();

    await tlsHub.stop();
    tlsHub = await start();
    expect(readFileSync(join(dataDir, 'tls/ca.pem'), 'utf8')).toBe(ca);
    expect(await get(`${tlsHub.httpUrl.replace('127.0.0.1', 'localhost')}/api/health`, ca)).toBe(200);
  });

  function fetchWithCa(
    url: string,
    ca: string,
    body: unknown,
    cookieHeader = '',
  ): Promise<{ status: number; body: string; headers: Record<string, string[] | undefined> }> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        url,
        { ca, method: 'POST', headers: { 'content-type': 'application/json', ...(cookieHeader && { cookie: cookieHeader }) } },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: { 'set-cookie': res.headers['set-cookie'] } }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  }
});
