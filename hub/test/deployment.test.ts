// The files docs/deployment.md installs on a kiosk PC, checked by the tools that will read them: udev's
// rules by `udevadm test` (Debian 12's udev has no `udevadm verify`), the kiosk session's unit by
// `systemd-analyze verify`. Neither cage nor the kiosk app is installed here, so the unit's two
// programs are the only thing systemd-analyze may find missing.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from './harness.js';

const run = promisify(execFile);

/** Everything a tool printed, whether it exited 0 or not. */
async function output(command: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args);
    return stdout + stderr;
  } catch (error) {
    const failed = error as { stdout: string; stderr: string };
    return failed.stdout + failed.stderr;
  }
}

/** What udev says about a rules file it reads while it processes a device (any device: the rules are all parsed). */
async function udevComplaints(rules: string): Promise<{ read: boolean; complaints: string[] }> {
  // udevadm reads rules only from its own folders; /run/udev/rules.d is the one for rules of the moment.
  const name = `70-vikno-test-${process.pid}.rules`;
  const installed = join('/run/udev/rules.d', name);
  mkdirSync('/run/udev/rules.d', { recursive: true });
  writeFileSync(installed, rules);
  try {
    const said = await output('udevadm', ['test', '--action=add', '/sys/class/net/lo']);
    const lines = said.split('\n');
    return {
      read: lines.some((l) => l.includes(`Reading rules file: ${installed}`)),
      complaints: lines.filter((l) => l.startsWith(`${installed}:`)),
    };
  } finally {
    rmSync(installed, { force: true });
  }
}

describe('kiosk PC files (deploy/)', () => {
  it('udev reads the device rules without a complaint, and would complain about a broken one', async () => {
    const rules = readFileSync(join(REPO, 'deploy/70-vikno.rules'), 'utf8');
    expect(await udevComplaints(rules)).toEqual({ read: true, complaints: [] });
    const broken = await udevComplaints(
      rules.replace('ATTR{idVendor}=="04b8"', 'ATTR{idVendor}=="04b8" TAG+="uaccess"').replace('TAG+=', 'TAGS+='),
    );
    expect(broken.read).toBe(true);
    expect(broken.complaints.length).toBeGreaterThan(0);
  });

  it('systemd-analyze verifies the kiosk session unit, missing only cage and the app, which are not installed here', async () => {
    const dir = tempDir();
    const unit = join(dir, 'vikno-kiosk.service');
    copyFileSync(join(REPO, 'deploy/vikno-kiosk.service'), unit);
    const said = (await output('systemd-analyze', ['verify', unit])).split('\n').filter(Boolean);
    expect(
      said.filter(
        (line) =>
          !/Command \/usr\/bin\/cage is not executable|vikno-kiosk.service: (Failed to create|Unit configuration has fatal error)/.test(
            line,
          ),
      ),
    ).toEqual([]);

    writeFileSync(unit, readFileSync(unit, 'utf8').replace('TTYReset=yes', 'TTYResett=yes'));
    expect(await output('systemd-analyze', ['verify', unit])).toMatch(/Unknown key 'TTYResett'/);
  });
});
