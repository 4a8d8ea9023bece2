// The three desktop apps packaged as electron-builder packages them for an installer, with no network:
// `--dir` builds the unpacked app, and a stand-in folder takes the place of Electron's downloaded zip
// (its "binary" carries Electron's fuse wire, so the afterPack hook's fuses are checked for real). The
// resulting app.asar is opened and its mains are run from a copy outside the repository, so that every
// `require` has to resolve inside the package.
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { extractAll, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from './harness.js';

const run = promisify(execFile);
const ELECTRON_VERSION = '45.4.1';
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** A fuse's byte in the wire: ASCII '0' or '1'. */
const OFF = 0x30;
const ON = 0x31;

/** What electron-builder copies from Electron's zip: the binary (here a file with the fuse wire, all on), a licence, a version. */
function electronStandIn(): string {
  const dir = tempDir('vikno-electron-dist-');
  mkdirSync(join(dir, 'resources'));
  const wire = Buffer.concat([Buffer.from(`stand-in\0${FUSE_SENTINEL}`), Buffer.from([1, 8]), Buffer.from('11111111'), Buffer.from([0])]);
  writeFileSync(join(dir, 'electron'), wire);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'MIT');
  writeFileSync(join(dir, 'version'), ELECTRON_VERSION);
  return dir;
}

/**
 * Runs an app's main from an unpacked copy of its app.asar, with a recording stand-in for `electron`,
 * and reports every module file it loaded and what it asked of Electron. Runs in its own Node process
 * so that the repository's node_modules are nowhere on the resolution path.
 */
const LOADER = `
const Module = require('node:module');
const { join } = require('node:path');
const [root, configFile, extra] = process.argv.slice(1);
process.env.VIKNO_DEVICE_CONFIG = configFile;
const handlers = new Map();
const windows = [];
class BrowserWindow {
  constructor(options) { this.options = options; windows.push(this);
    const { EventEmitter } = require('node:events');
    this.webContents = Object.assign(new EventEmitter(), { setWindowOpenHandler() {}, send() {}, session: fakeSession, mainFrame: {} }); }
  loadURL(url) { this.url = url; } once() {} on() {}
}
const fakeSession = { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setCertificateVerifyProc() {} };
const electron = {
  app: { commandLine: { appendSwitch() {} }, whenReady: () => Promise.resolve(), on() {}, getPath: () => root, quit() {} },
  BrowserWindow, Menu: { setApplicationMenu() {} }, powerSaveBlocker: { start() {} }, session: { defaultSession: fakeSession },
  safeStorage: { isEncryptionAvailable: () => false },
  ipcMain: { handle: (channel, fn) => handlers.set(channel, fn) },
};
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'electron' ? electron : load.call(this, request, ...rest); };
require(join(root, 'electron/main.cjs'));
(async () => {
  for (let i = 0; i < 100 && windows.length === 0; i++) await new Promise((r) => setImmediate(r));
  const answers = {};
  const sender = { senderFrame: { url: new URL(windows[0].url).origin + '/kiosk/', parent: null } };
  for (const [channel, fn] of handlers) {
    if (channel.endsWith('printerStatus')) answers[channel] = await fn(sender);
    if (channel.endsWith(':print')) answers[channel] = await fn(sender, { language: 'uk', centre: 'ЦНАП', service: 'Паспорт', number: 'A-001',
      issuedAt: '23.11.26, 10:00', lines: [], trackingUrl: 'http://hub.local/t/x', trackingCaption: '', footer: '' });
  }
  if (extra) await import(require.resolve(extra, { paths: [root] }));
  const loaded = Object.keys(require.cache);
  process.stdout.write(JSON.stringify({ url: windows[0] && windows[0].url, channels: [...handlers.keys()], answers, loaded }));
  process.exit(0);
})().catch((error) => { console.error(error); process.exit(1); });
`;

function folderSize(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

const APPS = [
  { app: 'kiosk', executable: 'vikno-kiosk', path: '/kiosk/', hardware: true, maxAsarMB: 12, maxNativeMB: 60 },
  { app: 'display', executable: 'vikno-display', path: '/display/', hardware: false, maxAsarMB: 0.1, maxNativeMB: 0 },
  { app: 'counter-terminal', executable: 'vikno-counter', path: '/counter/', hardware: true, maxAsarMB: 12, maxNativeMB: 60 },
] as const;

describe('desktop packages (electron-builder --dir with a stand-in Electron)', () => {
  const electronDist = electronStandIn();
  /** Each build is some 60 MB: removed once checked. */
  const made: string[] = [electronDist];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('package.json of each app and electron-builder.yml name the same Electron', () => {
    expect(readFileSync(join(REPO, 'electron-builder.yml'), 'utf8')).toContain(`electronVersion: ${ELECTRON_VERSION}`);
    for (const { app } of APPS) {
      const pkg = JSON.parse(readFileSync(join(REPO, app, 'package.json'), 'utf8'));
      expect(pkg.optionalDependencies.electron).toBe(ELECTRON_VERSION);
      expect(pkg.homepage).toMatch(/^https:\/\//);
    }
  });

  for (const { app, executable, path, hardware, maxAsarMB, maxNativeMB } of APPS) {
    it(`${app}: app.asar holds its main, preload and what they require, nothing of the page; the fuses are set`, async () => {
      const out = tempDir(`vikno-release-${app}-`);
      made.push(out);
      // A proxy that refuses every connection: a build that tried to download anything would fail.
      const env = {
        ...process.env,
        HTTPS_PROXY: 'http://127.0.0.1:9',
        HTTP_PROXY: 'http://127.0.0.1:9',
        CSC_IDENTITY_AUTO_DISCOVERY: 'false',
      };
      await run(
        join(REPO, 'node_modules/.bin/electron-builder'),
        ['--projectDir', app, '--dir', '--linux', '--x64', `-c.electronDist=${electronDist}`, `-c.directories.output=${out}`],
        { cwd: REPO, env, maxBuffer: 16 << 20 },
      );
      const unpacked = join(out, 'linux-unpacked');
      const asar = join(unpacked, 'resources/app.asar');
      const files = listPackage(asar, { isPack: false }).map((file) => file.slice(1));

      expect(files).toContain('electron/main.cjs');
      expect(files).toContain('package.json');
      expect(files).toContain('node_modules/@vikno/desktop/shell.cjs');
      for (const file of files) {
        expect(file, 'the page is served by the hub').not.toMatch(/^dist\//);
        expect(file).not.toMatch(/(^|\/)node_modules\/(react|react-dom|espeak-ng|@vikno\/ui|vite|electron)(\/|$)/);
        expect(file).not.toMatch(/\.(ts|tsx|map)$/);
      }
      expect(files.some((file) => file.startsWith('node_modules/@vikno/hardware/dist/'))).toBe(hardware);
      expect(statSync(asar).size).toBeLessThan(maxAsarMB * 1024 * 1024);

      const wire = await getCurrentFuseWire(join(unpacked, executable));
      expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
      expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);

      // The main, run from the package's own files (native drivers from app.asar.unpacked).
      const extracted = tempDir(`vikno-asar-${app}-`);
      made.push(extracted);
      const root = join(extracted, 'app');
      extractAll(asar, root);
      const natives = join(unpacked, 'resources/app.asar.unpacked');
      if (existsSync(natives)) cpSync(natives, root, { recursive: true });
      // The drivers' native binaries stay outside the archive (electron-builder unpacks .node files).
      expect(folderSize(natives)).toBeLessThanOrEqual(maxNativeMB * 1024 * 1024);
      const config = join(root, 'device.json');
      writeFileSync(config, JSON.stringify({ hubUrl: 'http://hub.local:8080', printer: { type: 'virtual' } }));
      const { stdout } = await run(process.execPath, ['-e', LOADER, root, config, hardware ? '@vikno/hardware' : ''], {
        cwd: root,
        maxBuffer: 16 << 20,
      });
      const report = JSON.parse(stdout) as { url: string; channels: string[]; answers: Record<string, unknown>; loaded: string[] };
      expect(new URL(report.url).pathname).toBe(path);
      for (const file of report.loaded) expect(file.startsWith(root), `${file} loaded from outside the package`).toBe(true);
      if (app === 'kiosk') {
        expect(report.answers['vikno:kiosk:printerStatus']).toMatchObject({ online: true });
        expect(report.answers['vikno:kiosk:print']).toMatchObject({ ok: true });
      }
    }, 300_000);
  }
});
