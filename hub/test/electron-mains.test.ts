// The Electron main processes and preloads, run in Node with a stand-in for the `electron` module (its
// binary cannot be downloaded here). What they do with it is real: the kiosk main drives the hardware
// package's printer, the preloads expose exactly the bridge shared/src/bridge.ts types.
import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { type KioskBridge, printerStatusSchema, printResultSchema, type TicketPrint, type ViknoBridge } from '@vikno/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { autoTls } from '../src/security/tls.js';
import { REPO, tempDir } from './harness.js';

interface FakeWindow {
  options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
  url: string;
  loads: number;
  contents: EventEmitter;
  sent: [string, unknown][];
}

/** Just enough of Electron's API for the mains and preloads, recording what they ask of it. */
function fakeElectron() {
  const windows: FakeWindow[] = [];
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const switches: [string, string][] = [];
  const blockers: string[] = [];
  const exposed: Record<string, unknown> = {};
  const renderer = new EventEmitter();
  const invoked: [string, unknown[]][] = [];
  const certificates: { verify?: (request: { hostname: string; certificate: unknown }, callback: (code: number) => void) => void } = {};
  const permissions: {
    request?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void;
    check?: (contents: unknown, permission: string, requestingOrigin: string) => boolean;
  } = {};
  class BrowserWindow {
    readonly webContents: EventEmitter & { setWindowOpenHandler: () => void; send: (channel: string, value: unknown) => void };
    loads = 0;
    private readonly record: FakeWindow;
    constructor(options: FakeWindow['options']) {
      const contents = new EventEmitter() as BrowserWindow['webContents'];
      this.record = { options, url: '', loads: 0, contents, sent: [] };
      windows.push(this.record);
      contents.setWindowOpenHandler = () => undefined;
      contents.send = (channel, value) => this.record.sent.push([channel, value]);
      this.webContents = contents;
    }
    loadURL(url: string) {
      this.record.url = url;
      this.record.loads += 1;
    }
    once() {}
  }
  const electron = {
    app: {
      commandLine: { appendSwitch: (name: string, value: string) => switches.push([name, value]) },
      whenReady: () => Promise.resolve(),
      on: () => undefined,
      getPath: () => tempDir(),
      quit: () => undefined,
    },
    BrowserWindow,
    Menu: { setApplicationMenu: () => undefined },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: typeof permissions.request) => (permissions.request = handler),
        setPermissionCheckHandler: (handler: typeof permissions.check) => (permissions.check = handler),
        setCertificateVerifyProc: (proc: typeof certificates.verify) => (certificates.verify = proc),
      },
    },
    // A stand-in keychain: reversible, and never the plain text on disk.
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from([...Buffer.from(text, 'utf8')].map((b) => b ^ 0x5a)),
      decryptString: (data: Buffer) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString('utf8'),
    },
    powerSaveBlocker: { start: (kind: string) => blockers.push(kind) },
    ipcMain: { handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, fn) },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => {
        invoked.push([channel, args]);
        return Promise.resolve(channel);
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => renderer.on(channel, listener),
      off: (channel: string, listener: (...args: unknown[]) => void) => renderer.off(channel, listener),
    },
  };
  return { electron, windows, handlers, switches, blockers, exposed, renderer, invoked, permissions, certificates };
}

type Fake = ReturnType<typeof fakeElectron>;
const moduleLoader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = moduleLoader._load;

/** Loads a CommonJS file of the repository afresh with the fake `electron`. */
function load(file: string, fake: Fake, deviceConfig: object): void {
  const path = join(tempDir(), 'device.json');
  writeFileSync(path, JSON.stringify(deviceConfig));
  vi.stubEnv('VIKNO_DEVICE_CONFIG', path);
  moduleLoader._load = function (request: string, ...rest: unknown[]) {
    if (request === 'electron') return fake.electron;
    return originalLoad.call(this, request, ...rest);
  };
  const require = createRequire(join(REPO, file));
  const resolved = require.resolve(join(REPO, file));
  for (const key of Object.keys(require.cache)) if (/\/(electron|desktop)\//.test(key)) delete require.cache[key];
  require(resolved);
}

afterEach(() => {
  moduleLoader._load = originalLoad;
  vi.unstubAllEnvs();
});

const ticket: TicketPrint = {
  language: 'uk',
  centre: 'ЦНАП',
  service: 'Реєстрація місця проживання',
  number: 'R-007',
  issuedAt: '23.11.26, 10:00',
  lines: [{ label: 'Перед вами', value: '2' }],
  trackingUrl: 'http://hub.local/t/abc',
  trackingCaption: '',
  footer: '',
};

describe('Electron main processes', () => {
  it('kiosk: a fullscreen kiosk window on the hub, with no credentials in its address, printing on the configured printer', async () => {
    const fake = fakeElectron();
    load('kiosk/electron/main.cjs', fake, {
      hubUrl: 'http://hub.local:8080/',
      printer: { type: 'virtual' },
    });
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const [win] = fake.windows;
    expect(win!.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      webPreferences: { contextIsolation: true, nodeIntegration: false, sandbox: true },
    });
    expect(win!.options.webPreferences.preload).toBe(join(REPO, 'kiosk/electron/preload.cjs'));
    const url = new URL(win!.url);
    expect(`${url.origin}${url.pathname}`).toBe('http://hub.local:8080/kiosk/');
    expect(url.search).toBe('');
    expect(fake.switches).toContainEqual(['autoplay-policy', 'no-user-gesture-required']);
    expect(fake.blockers).toEqual(['prevent-display-sleep']);

    const fromPage = { senderFrame: { url: 'http://hub.local:8080/kiosk/', parent: null } };
    const status = printerStatusSchema.parse(await fake.handlers.get('vikno:kiosk:printerStatus')!(fromPage));
    expect(status).toMatchObject({ online: true, paperOut: false, problem: null });
    const printed = printResultSchema.parse(await fake.handlers.get('vikno:kiosk:print')!(fromPage, ticket));
    expect(printed).toMatchObject({ ok: true, problem: null, previewUrl: null });

    // Only the hub's page itself reaches the printer: not another site, not a frame inside the page.
    const print = fake.handlers.get('vikno:kiosk:print')!;
    expect(() => print({ senderFrame: { url: 'http://evil.example/', parent: null } }, ticket)).toThrow(/only for the hub's page/);
    expect(() => print({ senderFrame: { url: 'http://hub.local:8080/kiosk/', parent: {} } }, ticket)).toThrow(/only for the hub's page/);
    expect(() => print({ senderFrame: null }, ticket)).toThrow(/only for the hub's page/);

    // No permission at all for the kiosk's page.
    const granted = await new Promise((resolve) =>
      fake.permissions.request!({}, 'media', resolve, { requestingUrl: 'http://hub.local:8080/kiosk/' }),
    );
    expect(granted).toBe(false);
  });

  it('kiosk preload: exposes exactly the KioskBridge, over the main process channels', async () => {
    const fake = fakeElectron();
    load('kiosk/electron/preload.cjs', fake, {});
    const bridge = fake.exposed.vikno as ViknoBridge;
    expect(Object.keys(bridge)).toEqual(['credentials', 'kiosk']);
    const kiosk = bridge.kiosk as KioskBridge;
    await kiosk.printerStatus();
    await kiosk.print(ticket);
    expect(fake.invoked).toEqual([
      ['vikno:kiosk:printerStatus', []],
      ['vikno:kiosk:print', [ticket]],
    ]);
  });

  it("keeps the credentials the page paired with encrypted by the keychain, for the hub's page only, and forgets them", async () => {
    const fake = fakeElectron();
    const userData = tempDir();
    fake.electron.app.getPath = () => userData;
    load('display/electron/main.cjs', fake, { hubUrl: 'http://hub.local:8080' });
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const call = (channel: string, url: string, ...args: unknown[]) =>
      fake.handlers.get(`vikno:credentials:${channel}`)!({ senderFrame: { url, parent: null } }, ...args);
    const page = 'http://hub.local:8080/display/';
    const kept = { device: 'display-hall', secret: 'a-secret-from-pairing', caFingerprint: `${'AB:'.repeat(31)}AB` };
    expect(await call('load', page)).toBeNull();
    await call('save', page, kept);
    expect(await call('load', page)).toEqual(kept);
    expect(readFileSync(join(userData, 'credentials.bin')).toString('latin1')).not.toContain(kept.secret);
    expect(() => call('load', 'http://evil.example/')).toThrow(/only for the hub's page/);
    expect(() => call('save', page, { device: 'x' })).toThrow(/not device credentials/);
    await call('forget', page);
    expect(await call('load', page)).toBeNull();
  });

  it("pins the hub's own CA: a chain up to it passes for the hub, another is refused, other hosts are Chromium's to judge", async () => {
    const ours = await autoTls(tempDir(), ['hub.local', '127.0.0.1'], 'demo');
    const theirs = await autoTls(tempDir(), ['hub.local'], 'demo');
    const fake = fakeElectron();
    load('display/electron/main.cjs', fake, { hubUrl: 'https://hub.local:8443', caFingerprint: ours.ca!.fingerprint });
    await vi.waitFor(() => expect(fake.certificates.verify).toBeDefined());
    const verdict = (hostname: string, tls: typeof ours) =>
      new Promise((resolve) =>
        fake.certificates.verify!({ hostname, certificate: { data: tls.cert, issuerCert: { data: tls.ca!.cert } } }, resolve),
      );
    expect(await verdict('hub.local', ours)).toBe(0);
    expect(await verdict('hub.local', theirs)).toBe(-2);
    // The real CA certificate offered above a leaf it did not sign: refused.
    expect(
      await new Promise((resolve) =>
        fake.certificates.verify!(
          { hostname: 'hub.local', certificate: { data: theirs.cert, issuerCert: { data: ours.ca!.cert } } },
          resolve,
        ),
      ),
    ).toBe(-2);
    expect(await verdict('example.org', theirs)).toBe(-3);
  });

  it('display: fullscreen, sound without a touch, screen kept awake', async () => {
    const fake = fakeElectron();
    load('display/electron/main.cjs', fake, { hubUrl: 'http://hub.local:8080' });
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    expect(fake.windows[0]!.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(new URL(fake.windows[0]!.url).pathname).toBe('/display/');
    expect(fake.switches).toContainEqual(['autoplay-policy', 'no-user-gesture-required']);
    expect(fake.blockers).toEqual(['prevent-display-sleep']);

    // Its audio output for the hub's page; the microphone, notifications and other sites refused.
    const ask = (permission: string, requestingUrl: string) =>
      new Promise((resolve) => fake.permissions.request!({}, permission, resolve, { requestingUrl }));
    expect(await ask('speaker-selection', 'http://hub.local:8080/display/')).toBe(true);
    expect(await ask('media', 'http://hub.local:8080/display/')).toBe(false);
    expect(await ask('notifications', 'http://hub.local:8080/display/')).toBe(false);
    expect(await ask('speaker-selection', 'http://evil.example/')).toBe(false);
    expect(fake.permissions.check!({}, 'speaker-selection', 'http://hub.local:8080')).toBe(true);
    expect(fake.permissions.check!({}, 'geolocation', 'http://hub.local:8080')).toBe(false);
  });

  it('a page that keeps crashing is reloaded later each time, not in a tight loop', async () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const fake = fakeElectron();
      load('display/electron/main.cjs', fake, { hubUrl: 'http://hub.local:8080' });
      await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
      const win = fake.windows[0]!;
      const waits: number[] = [];
      for (let crash = 0; crash < 5; crash++) {
        const loads = win.loads;
        win.contents.emit('render-process-gone', {}, { reason: 'crashed' });
        let waited = 0;
        while (win.loads === loads) {
          await vi.advanceTimersByTimeAsync(250);
          waited += 250;
        }
        waits.push(waited);
      }
      expect(waits).toEqual([1000, 2000, 4000, 8000, 16000]);
      // Up for a while: the next crash is reloaded quickly again.
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      const loads = win.loads;
      win.contents.emit('render-process-gone', {}, { reason: 'crashed' });
      await vi.advanceTimersByTimeAsync(1000);
      expect(win.loads).toBe(loads + 1);
    } finally {
      vi.useRealTimers();
      vi.restoreAllMocks();
    }
  });

  it('counter terminal: a normal window; its preload hands pad presses to the page until unsubscribed', async () => {
    const fake = fakeElectron();
    load('counter-terminal/electron/main.cjs', fake, { hubUrl: 'http://hub.local:8080' });
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    expect(fake.windows[0]!.options).toMatchObject({ kiosk: false, fullscreen: false });
    expect(fake.blockers).toEqual([]);

    load('counter-terminal/electron/preload.cjs', fake, {});
    const bridge = fake.exposed.vikno as ViknoBridge;
    const pressed: string[] = [];
    const stop = bridge.counter!.onButton((action) => pressed.push(action));
    fake.renderer.emit('vikno:counter:button', {}, 'callNext');
    stop();
    fake.renderer.emit('vikno:counter:button', {}, 'recall');
    expect(pressed).toEqual(['callNext']);
  });
});
