// The hardware package loads native code only when a device needs it, and the counter terminal's
// button pad neither depends on the printer's canvas nor dies silently when the package cannot be
// loaded. Each case runs the built package in its own Node process, as an Electron main runs it.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir, until } from './harness.js';

const NATIVE_PACKAGES = ['@napi-rs/canvas', '@serialport/binding-mock', '@serialport/bindings-cpp', 'serialport', 'usb', 'node-hid'];

const children = new Set<ChildProcess>();
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
});

beforeAll(() => {
  if (!existsSync(join(REPO, 'hardware/dist/index.js'))) throw new Error('hardware/dist is missing: build first (npx tsc -b)');
});

function node(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return { child, output: () => output };
}

/** The output once it matches; fails if the process ends first. */
function waitForOutput(run: ReturnType<typeof node>, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  return until(
    () => {
      if (pattern.test(run.output())) return run.output();
      if (run.child.exitCode !== null || run.child.signalCode !== null) {
        throw new Error(`exited (${run.child.exitCode ?? run.child.signalCode}) without printing ${pattern}:\n${run.output()}`);
      }
      return undefined;
    },
    timeoutMs,
    `${pattern} in:\n${run.output()}`,
  );
}

// Imports the package, then draws a preview; reports the native files and the packages loaded at each step.
const ENTRY_PROBE = `
import { createRequire } from 'node:module';
const natives = [];
const dlopen = process.dlopen;
process.dlopen = function (module, filename, ...rest) {
  natives.push(filename);
  return dlopen.call(this, module, filename, ...rest);
};
const loaded = () => ({
  natives: [...natives],
  packages: [...new Set(Object.keys(createRequire(process.cwd() + '/').cache).map((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(f)?.[1]).filter(Boolean))],
});
const hardware = await import('@vikno/hardware');
const atImport = loaded();
await hardware.renderPreview(Uint8Array.of(0x1b, 0x40), hardware.printerProfile('epson-tm-t20'));
console.log(JSON.stringify({ atImport, afterPreview: loaded() }));
`;

describe('the hardware package', () => {
  it('loads no native module when imported, and the canvas when it first draws', { timeout: 90_000 }, async () => {
    const run = node(['--input-type=module', '-e', ENTRY_PROBE]);
    const [code] = await once(run.child, 'close');
    expect(code, run.output()).toBe(0);
    const report = JSON.parse(run.output().trim().split('\n').at(-1)!) as Record<
      'atImport' | 'afterPreview',
      { natives: string[]; packages: string[] }
    >;
    expect(report.atImport.natives).toEqual([]);
    expect(report.atImport.packages.filter((p) => NATIVE_PACKAGES.includes(p))).toEqual([]);
    // The probe sees a load when there is one.
    expect(report.afterPreview.packages).toContain('@napi-rs/canvas');
    expect(report.afterPreview.natives.some((f) => f.includes('canvas'))).toBe(true);
  });
});

describe('the counter terminal’s call-button pad (Electron main, stand-in electron)', () => {
  /** Runs the main with `broken` made to throw when imported, and the pad configured. */
  function counterMain(broken: string): ReturnType<typeof node> {
    const dir = tempDir();
    const fakeElectron = join(dir, 'fake-electron.cjs');
    writeFileSync(
      fakeElectron,
      `const Module = require('node:module');
const { EventEmitter } = require('node:events');
class BrowserWindow {
  constructor() { this.webContents = Object.assign(new EventEmitter(), { setWindowOpenHandler() {}, send() {} }); }
  loadURL() {}
  once() {}
}
// An Electron app runs until it quits, whatever its page does: so does this one, or the check that the
// terminal kept running would depend on what else happened to hold the process.
const running = setInterval(() => {}, 1 << 30);
const electron = {
  app: { commandLine: { appendSwitch() {} }, whenReady: () => Promise.resolve(), on() {}, getPath: () => ${JSON.stringify(dir)}, quit() { clearInterval(running); } },
  BrowserWindow,
  Menu: { setApplicationMenu() {} },
  powerSaveBlocker: { start() {} },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setCertificateVerifyProc() {} } },
  ipcMain: { handle() {} },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};
`,
    );
    const hooks = `export async function resolve(specifier, context, next) {
  if (specifier !== ${JSON.stringify(broken)}) return next(specifier, context);
  const source = 'throw new Error(' + JSON.stringify('simulated: ${broken} cannot be loaded') + ')';
  return { url: 'data:text/javascript,' + encodeURIComponent(source), shortCircuit: true };
}`;
    const register = join(dir, 'break-import.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});\n`,
    );
    const config = join(dir, 'counter.json');
    writeFileSync(
      config,
      JSON.stringify({
        hubUrl: 'http://127.0.0.1:9',
        device: 'counter-w3',
        secret: 'x',
        buttons: { vendorId: 0x16c0, productId: 0x05df, buttons: { '1': 'callNext' } },
      }),
    );
    return node(['--require', fakeElectron, '--import', pathToFileURL(register).href, 'counter-terminal/electron/main.cjs'], {
      VIKNO_DEVICE_CONFIG: config,
    });
  }

  it('looks for the pad even where the printer’s canvas cannot be loaded', { timeout: 90_000 }, async () => {
    const output = await waitForOutput(counterMain('@napi-rs/canvas'), /vikno: call-button pad (connected|unavailable)/);
    expect(output).not.toContain('simulated');
  });

  it('says why when the hardware package cannot be loaded', { timeout: 90_000 }, async () => {
    const run = counterMain('@vikno/hardware');
    const output = await waitForOutput(run, /vikno: call-button pad cannot be used: .*\n/);
    expect(output).toContain('vikno: call-button pad cannot be used: simulated: @vikno/hardware cannot be loaded');
    // The terminal itself keeps running.
    expect(run.child.exitCode).toBe(null);
  });
});
