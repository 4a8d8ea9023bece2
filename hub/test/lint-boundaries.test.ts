// `npm run lint` refuses what browser code may not import and every import circle
// (.dependency-cruiser.cjs). Probe files are written into the real workspaces, since the rules go by
// where a file lives, and removed afterwards.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO } from './harness.js';

const DEPCRUISE = join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const written: string[] = [];

afterEach(() => {
  for (const file of written.splice(0)) rmSync(join(REPO, file), { force: true });
});

/** Writes `source` to `<dir>/<name>-<pid>.<ext>` in the repository; returns its path there. */
function probe(dir: string, source: string, { ext = 'ts', name = `lint-probe-${written.length}` } = {}): string {
  const file = `${dir}/${name}-${process.pid}.${ext}`;
  writeFileSync(join(REPO, file), source);
  written.push(file);
  return file;
}

async function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const [code] = await once(child, 'close');
  return { code: code as number | null, output };
}

const BROWSER_CODE = 'browser-imports-browser-code';
const BROWSER_PACKAGES = 'browser-imports-browser-packages';

describe('lint: import boundaries and circles', () => {
  // Cruising the whole repository takes ~5 s on an idle machine, several times that on a busy one.
  it('refuses a Node, native, hub or hardware import in every browser workspace, and a circle anywhere', { timeout: 120_000 }, async () => {
    const refused: [file: string, rule: string][] = [
      [probe('kiosk/src', "import '@vikno/hardware';\n"), BROWSER_CODE],
      [probe('kiosk/src', "import { SerialPort } from 'serialport';\nexport const port = SerialPort;\n"), BROWSER_PACKAGES],
      [probe('admin/src', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n"), BROWSER_PACKAGES],
      [probe('public-web/src', "import Database from 'better-sqlite3';\nexport const db = Database;\n"), BROWSER_PACKAGES],
      [probe('display/src', "import type { Logger } from 'pino';\nexport type Log = Logger;\n"), BROWSER_PACKAGES],
      [probe('counter-terminal/src', "import '../electron/main.cjs';\n"), BROWSER_CODE],
      [probe('ui/src', "import { Aedes } from 'aedes';\nexport const broker = Aedes;\n", { ext: 'tsx' }), BROWSER_PACKAGES],
      [probe('shared/src', "import { startHub } from '@vikno/hub';\nexport const start = startHub;\n"), BROWSER_CODE],
      [probe('display/src', "import { app } from 'electron';\nexport const electron = app;\n"), 'browser-imports-resolve'],
      [
        probe('kiosk/electron', "'use strict';\nrequire('node:fs');\n", { ext: 'cjs', name: 'preload-lint-probe' }),
        'preload-imports-sandbox-modules',
      ],
    ];
    // Two files importing each other, in Node code: circles are refused everywhere.
    const [a, b] = ['lint-probe-circle-a', 'lint-probe-circle-b'].map((name) => `${name}-${process.pid}`);
    probe('hardware/src', `import { b } from './${b}.js';\nexport const a = () => b;\n`, { name: 'lint-probe-circle-a' });
    probe('hardware/src', `import { a } from './${a}.js';\nexport const b = () => a;\n`, { name: 'lint-probe-circle-b' });

    const lint = await run('npm', ['run', 'lint:imports']);
    expect(lint.code, lint.output).not.toBe(0);
    for (const [file, rule] of refused) expect(lint.output).toMatch(new RegExp(`error ${rule}: ${file.replace(/[.]/g, '\\.')} →`));
    expect(lint.output).toMatch(/error no-circular: hardware\/src\/lint-probe-circle-[ab]-\d+\.ts →/);
    // Only the probes are refused: the rest of the repository passes.
    const violations = lint.output.split('\n').filter((l) => /^\s*error /.test(l));
    expect(
      violations.every((l) => l.includes('lint-probe-')),
      violations.join('\n'),
    ).toBe(true);
  });

  it('lets browser code import browser code and the allowed packages', { timeout: 120_000 }, async () => {
    const files = [
      probe(
        'kiosk/src',
        "import { topics } from '@vikno/shared';\nimport { DeviceShell } from '@vikno/ui';\nimport { createRoot } from 'react-dom/client';\nexport const all = [topics, DeviceShell, createRoot];\n",
      ),
      probe(
        'ui/src',
        "import { z } from 'zod';\nimport { useState } from 'react';\nimport { createClient } from '@vikno/shared/client';\nexport const all = [z, useState, createClient];\n",
      ),
      probe('shared/src', "import mqtt from 'mqtt';\nimport { topics } from './topics.js';\nexport const all = [mqtt, topics];\n"),
      probe(
        'public-web/src',
        "import QRCode from 'qrcode';\nimport { browserMqttUrl } from '@vikno/shared/browser';\nexport const all = [QRCode, browserMqttUrl];\n",
      ),
      probe('admin/src', "import { espeakSynthesizer } from '@vikno/ui/speech';\nexport const all = [espeakSynthesizer];\n"),
    ];
    const cruise = await run(process.execPath, [DEPCRUISE, '--config', '.dependency-cruiser.cjs', ...files]);
    expect(cruise.output).toContain('no dependency violations found');
    expect(cruise.code).toBe(0);
  });
});
