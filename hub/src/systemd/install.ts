// `vikno-hub install`: the hub as a systemd service on a Debian or Ubuntu server. Every step checks
// first, so running it again changes only what differs (a new config is never written over the one
// the centre edited). With `root` other than /, it only writes the files under that folder: for
// building a package, and for tests.
import { execFileSync } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFile } from '../config/load.js';
import { hubUnit, UNIT_NAME } from './unit.js';

export interface InstallOptions {
  /** Absolute paths of the Node binary and the hub's dist/main.js the service runs. */
  node: string;
  main: string;
  /** The centre's config to install as /etc/vikno/centre.yaml, needed the first time. */
  configFrom?: string | undefined;
  user?: string;
  /** '/' installs for real; another folder gets the files only. */
  root?: string;
}

/** What the installer will not do, said in one line to the person running it (not a crash). */
export class InstallRefused extends Error {}

export const CONFIG_FILE = '/etc/vikno/centre.yaml';
export const DATA_DIR = '/var/lib/vikno';

/** Installs, answering one line per step. Throws on what it cannot do, before changing anything it can check. */
export function installHub(o: InstallOptions): string[] {
  const root = o.root ?? '/';
  const live = root === '/';
  const user = o.user ?? 'vikno';
  const at = (path: string) => join(root, path);
  for (const path of [o.node, o.main]) {
    // The unit hides /home and /root from the service (ProtectHome).
    if (/^\/(home|root)(\/|$)/.test(path))
      throw new InstallRefused(`${path} is under /home or /root, which the service cannot see: put Vikno in /opt/vikno`);
  }
  if (!existsSync(o.main)) throw new InstallRefused(`${o.main} does not exist: run npm run build first`);
  if (o.configFrom) {
    const checked = loadConfigFile(o.configFrom);
    if (!checked.ok)
      throw new InstallRefused(
        `${o.configFrom} has ${checked.problems.length} problem(s):\n${checked.problems.map((p) => `  - ${p}`).join('\n')}`,
      );
  } else if (!existsSync(at(CONFIG_FILE))) {
    throw new InstallRefused(`no ${CONFIG_FILE} yet: give the centre's config with --config FILE`);
  }
  if (live && process.getuid?.() !== 0) throw new InstallRefused('installing a service needs root: run it with sudo');

  const done: string[] = [];
  if (live) done.push(ensureUser(user));

  mkdirSync(at('/etc/vikno'), { recursive: true, mode: 0o750 });
  if (existsSync(at(CONFIG_FILE))) done.push(`${CONFIG_FILE}: kept as it is`);
  else {
    copyFileSync(o.configFrom!, at(CONFIG_FILE));
    done.push(`${CONFIG_FILE}: copied from ${o.configFrom}`);
  }
  if (live) {
    // The admin pages write edits back into the config, next to it.
    const { uid, gid } = idsOf(user);
    chownSync(at('/etc/vikno'), uid, gid);
    chownSync(at(CONFIG_FILE), uid, gid);
  }

  const unitFile = at(`/etc/systemd/system/${UNIT_NAME}`);
  const unit = hubUnit({ node: o.node, main: o.main, user, configFile: CONFIG_FILE, dataDir: DATA_DIR });
  const changed = !existsSync(unitFile) || readFileSync(unitFile, 'utf8') !== unit;
  if (changed) {
    mkdirSync(at('/etc/systemd/system'), { recursive: true });
    writeFileSync(unitFile, unit);
  }
  done.push(`${unitFile}: ${changed ? 'written' : 'unchanged'}`);

  if (live && existsSync('/run/systemd/system')) {
    execFileSync('systemctl', ['daemon-reload']);
    execFileSync('systemctl', ['enable', UNIT_NAME], { stdio: 'ignore' });
    // A changed unit or a new build is taken up only by a restart; `restart` also starts a stopped hub.
    execFileSync('systemctl', ['restart', UNIT_NAME]);
    done.push(`${UNIT_NAME}: enabled and (re)started; its log: journalctl -u vikno-hub`);
  } else {
    done.push(`then: systemctl daemon-reload && systemctl enable --now ${UNIT_NAME}`);
  }
  return done;
}

function ensureUser(user: string): string {
  try {
    idsOf(user);
    return `user ${user}: exists`;
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--home-dir', DATA_DIR, '--no-create-home', '--shell', '/usr/sbin/nologin', user]);
    return `user ${user}: created`;
  }
}

function idsOf(user: string): { uid: number; gid: number } {
  const [uid, gid] = ['-u', '-g'].map((flag) =>
    Number(execFileSync('id', [flag, user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
  );
  return { uid: uid!, gid: gid! };
}
