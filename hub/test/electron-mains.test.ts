// The Electron main processes and preloads, run in Node with a stand-in for the `electron` module (its
// binary cannot be downloaded here). What they do with it is real: the kiosk main drives the hardware
// package's printer, the preloads expose exactly the bridge shared/src/bridge.ts types.
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { type KioskBridge, printerStatusSchema, printResultSchema, type TicketPrint, type ViknoBridge } from '@vikno/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPO, tempDir } from './harness.js';

interface FakeWindow {
  options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
  url: string;
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
  class BrowserWindow {
    readonly webContents: EventEmitter & { setWindowOpenHandler: () => void; send: (channel: string, value: unknown) => void };
    private readonly record: FakeWindow;
    constructor(options: FakeWindow['options']) {
      this.record = { options, url: '', sent: [] };
      windows.push(this.record);
      const contents = new EventEmitter() as BrowserWindow['webContents'];
      contents.setWindowOpenHandler = () => undefined;
      contents.send = (channel, value) => this.record.sent.push([channel, value]);
      this.webContents = contents;
    }
    loadURL(url: string) {
      this.record.url = url;
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
  return { electron, windows, handlers, switches, blockers, exposed, renderer, invoked };
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
  it('kiosk: a fullscreen kiosk window signed in as the configured device, printing on the configured printer', async () => {
    const fake = fakeElectron();
    load('kiosk/electron/main.cjs', fake, {
      hubUrl: 'http://hub.local:8080/',
      device: 'kiosk-1',
      secret: 's3cret',
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
    expect(Object.fromEntries(url.searchParams)).toEqual({ device: 'kiosk-1', secret: 's3cret' });
    expect(fake.switches).toContainEqual(['autoplay-policy', 'no-user-gesture-required']);
    expect(fake.blockers).toEqual(['prevent-display-sleep']);

    const status = printerStatusSchema.parse(await fake.handlers.get('vikno:kiosk:printerStatus')!({}));
    expect(status).toMatchObject({ online: true, paperOut: false, problem: null });
    const printed = printResultSchema.parse(await fake.handlers.get('vikno:kiosk:print')!({}, ticket));
    expect(printed).toMatchObject({ ok: true, problem: null, previewUrl: null });
  });

  it('kiosk preload: exposes exactly the KioskBridge, over the main process channels', async () => {
    const fake = fakeElectron();
    load('kiosk/electron/preload.cjs', fake, {});
    const bridge = fake.exposed.vikno as ViknoBridge;
    expect(Object.keys(bridge)).toEqual(['kiosk']);
    const kiosk = bridge.kiosk as KioskBridge;
    await kiosk.printerStatus();
    await kiosk.print(ticket);
    expect(fake.invoked).toEqual([
      ['vikno:kiosk:printerStatus', []],
      ['vikno:kiosk:print', [ticket]],
    ]);
  });

  it('display: fullscreen, sound without a touch, screen kept awake', async () => {
    const fake = fakeElectron();
    load('display/electron/main.cjs', fake, { hubUrl: 'http://hub.local:8080', device: 'display-hall', secret: 'x' });
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    expect(fake.windows[0]!.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(new URL(fake.windows[0]!.url).pathname).toBe('/display/');
    expect(fake.switches).toContainEqual(['autoplay-policy', 'no-user-gesture-required']);
    expect(fake.blockers).toEqual(['prevent-display-sleep']);
  });

  it('counter terminal: a normal window; its preload hands pad presses to the page until unsubscribed', async () => {
    const fake = fakeElectron();
    load('counter-terminal/electron/main.cjs', fake, { hubUrl: 'http://hub.local:8080', device: 'counter-w3', secret: 'x' });
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
