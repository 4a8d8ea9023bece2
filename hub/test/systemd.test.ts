// The hub as a systemd service: `vikno-hub install` writes a unit that systemd-analyze accepts, again
// and again without changing what is there; and a hub started as systemd starts it reports ready, then
// pings the watchdog from its event loop, so a loop held up stops the pings. systemd itself does not
// run in this container: `systemd-notify` is replaced by a script that records each message, which is
// what systemd would receive. Needs the hub built.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { watchdogInterval } from '../src/systemd/notify.js';
import { hubUnit } from '../src/systemd/unit.js';
import { DEMO_CONFIG, demoConfigInput, HUB_MAIN, type HubProcess, runCli, spawnHub, tempDir, until, writeConfig } from './harness.js';

const run = promisify(execFile);

async function analyze(unitFile: string): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run('systemd-analyze', ['verify', unitFile]);
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

describe('vikno-hub install', () => {
  it('writes a unit systemd-analyze verifies, and the config; again, it keeps both', async () => {
    const root = tempDir('vikno-root-');
    const first = await runCli(['install', '--config', DEMO_CONFIG, '--root', root]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const unitFile = join(root, 'etc/systemd/system/vikno-hub.service');
    expect(first.stdout).toContain(`${unitFile}: written`);
    expect(readFileSync(join(root, 'etc/vikno/centre.yaml'), 'utf8')).toBe(readFileSync(DEMO_CONFIG, 'utf8'));

    const unit = readFileSync(unitFile, 'utf8');
    expect(unit).toContain(`ExecStart=${process.execPath} ${HUB_MAIN} run --config /etc/vikno/centre.yaml --data-dir /var/lib/vikno`);
    expect(unit).toMatch(/^Type=notify$/m);
    expect(unit).toMatch(/^WatchdogSec=30$/m);
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^User=vikno$/m);
    expect(unit).toMatch(/^StateDirectory=vikno$/m);
    expect(await analyze(unitFile)).toEqual({ code: 0, stderr: '' });

    // The centre edits its config; installing again (a new build) keeps it and rewrites nothing.
    writeFileSync(join(root, 'etc/vikno/centre.yaml'), '# edited\n');
    const again = await runCli(['install', '--config', DEMO_CONFIG, '--root', root]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('/etc/vikno/centre.yaml: kept as it is');
    expect(again.stdout).toContain(`${unitFile}: unchanged`);
    expect(readFileSync(join(root, 'etc/vikno/centre.yaml'), 'utf8')).toBe('# edited\n');
  });

  it('systemd-analyze finds a broken unit (so that the check above can fail)', async () => {
    const dir = tempDir();
    const unitFile = join(dir, 'vikno-hub.service');
    const unit = hubUnit({
      node: '/nonexistent/node',
      main: HUB_MAIN,
      user: 'vikno',
      configFile: '/etc/vikno/centre.yaml',
      dataDir: '/var/lib/vikno',
    });
    writeFileSync(unitFile, unit.replace('WatchdogSec=30', 'WatchdogSecs=30'));
    const result = await analyze(unitFile);
    expect(result.stderr).toMatch(/Unknown key 'WatchdogSecs'/);
    expect(result.stderr).toMatch(/\/nonexistent\/node/);
  });

  it('refuses a config with problems, naming them, and writes nothing', async () => {
    const root = tempDir('vikno-root-');
    const bad = join(tempDir(), 'centre.yaml');
    writeFileSync(bad, 'site: {}\n');
    const result = await runCli(['install', '--config', bad, '--root', root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/problem\(s\)/);
    expect(existsSync(join(root, 'etc'))).toBe(false);
  });

  it('asks for the config the first time', async () => {
    const result = await runCli(['install', '--root', tempDir('vikno-root-')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("give the centre's config with --config FILE");
  });
});

describe('systemd watchdog', () => {
  let hub: HubProcess | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
  });

  it('pings at a third of WatchdogSec, only for its own process', () => {
    expect(watchdogInterval({ WATCHDOG_USEC: '30000000' })).toBe(10_000);
    expect(watchdogInterval({})).toBeNull();
    expect(watchdogInterval({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: String(process.pid + 1) })).toBeNull();
  });

  it('a hub reports ready, pings from its event loop, and stops pinging while the loop is held up', { timeout: 90_000 }, async () => {
    const dir = tempDir('vikno-systemd-');
    const received = join(dir, 'received');
    // What systemd would receive: each systemd-notify call, with the time it was made.
    const bin = join(dir, 'bin');
    await run('mkdir', [bin]);
    writeFileSync(join(bin, 'systemd-notify'), `#!/bin/sh\necho "$(date +%s%3N) $*" >> ${received}\n`);
    chmodSync(join(bin, 'systemd-notify'), 0o755);
    // A way to hold the hub's event loop from outside: SIGUSR2 makes it compute for 3 s.
    const holder = join(dir, 'hold-loop.mjs');
    writeFileSync(holder, "process.on('SIGUSR2', () => { const end = Date.now() + 3000; while (Date.now() < end); });\n");

    const watchdogMs = 900; // WatchdogSec=0.9 s: pings every 300 ms
    hub = await spawnHub({
      configFile: writeConfig(demoConfigInput()),
      dataDir: dir,
      env: {
        NOTIFY_SOCKET: '/run/systemd/notify',
        WATCHDOG_USEC: String(watchdogMs * 1000),
        PATH: `${bin}:${process.env.PATH}`,
        NODE_OPTIONS: `--import ${holder}`,
      },
    });
    const messages = () =>
      existsSync(received)
        ? readFileSync(received, 'utf8')
            .trim()
            .split('\n')
            .map((line) => ({ at: Number(line.slice(0, line.indexOf(' '))), text: line.slice(line.indexOf(' ') + 1) }))
        : [];
    const pings = () => messages().filter((m) => m.text === 'WATCHDOG=1');

    await until(() => pings().length >= 4, 20_000, 'the watchdog pings');
    expect(messages()[0]!.text).toBe(`--ready --pid=${hub.child.pid} --status=serving demo on port ${new URL(hub.httpUrl).port}`);
    const gaps = (list: { at: number }[]) => list.slice(1).map((m, i) => m.at - list[i]!.at);
    // A loop that runs pings well within the watchdog's time.
    expect(Math.max(...gaps(pings()))).toBeLessThan(watchdogMs);

    const before = pings().length;
    hub.child.kill('SIGUSR2');
    await until(() => pings().length >= before + 3, 20_000, 'pings after the loop is free again');
    // The held loop sent nothing for longer than WatchdogSec: systemd would have killed and restarted it.
    expect(Math.max(...gaps(pings()))).toBeGreaterThan(2500);

    await hub.stop();
    hub = undefined;
    expect(messages().at(-1)!.text).toBe('STOPPING=1');
  });
});
