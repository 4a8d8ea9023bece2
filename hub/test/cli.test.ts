// The built command line (`node hub/dist/main.js`), run as a centre runs it. `npm test` builds first.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { type ConfigInput, configSchema, pinHashSchema, secretHashSchema } from '@vikno/shared';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { verifyPin, verifySecret } from '../src/security/hashing.js';
import { COMMANDS, usage } from '../src/usage.js';
import { DEMO_CONFIG, demoConfigInput, freePort, HUB_MAIN, REPO, runCli, spawnHub, tempDir, until, writeConfig } from './harness.js';

/** Whether a TCP connection to host:port is accepted. */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const children = new Set<ChildProcess>();
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
});

function start(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: () => string; exited: Promise<unknown[]> } {
  const child = spawn(process.execPath, [HUB_MAIN, ...args], {
    cwd: REPO,
    env: { ...process.env, VIKNO_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return { child, output: () => output, exited: once(child, 'exit') };
}

/** The demo centre with four reference mistakes, in a file that is otherwise well formed. */
function badConfigFile(): string {
  const c = demoConfigInput();
  const services = c.services.map((s) => ({ ...s }));
  services[3] = { ...services[3]!, group: 'x' };
  services[5] = { ...services[5]!, prefix: services[0]!.prefix };
  const counters = c.counters.map((k) => ({ ...k, services: [...k.services] }));
  counters[0]!.services.push({ service: 'no-such-service' });
  const devices = (c.devices ?? []).map((d) => ({ ...d }));
  devices.push({ id: 'counter-w99', role: 'counter', counter: 'w99', secretHash: devices[0]!.secretHash });
  return writeConfig({ ...c, services, counters, devices } as ConfigInput);
}

const EXPECTED_PROBLEMS = (c: ConfigInput) => [
  'services.3.group: unknown service group "x"',
  `services.5.prefix: prefix "${c.services[0]!.prefix}" is already used by service "${c.services[0]!.id}"`,
  `counters.0.services.${c.counters[0]!.services.length}.service: unknown service "no-such-service"`,
  `devices.${c.devices!.length}.counter: unknown counter "w99"`,
];

beforeAll(() => {
  if (!existsSync(HUB_MAIN)) throw new Error(`${HUB_MAIN} is missing: build first (npx tsc -b)`);
});

describe('vikno-hub check-config', () => {
  it('lists every problem of a bad file on stderr and exits 1', async () => {
    const file = badConfigFile();
    const r = await runCli(['check-config', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('config ok');
    expect(r.stderr).toContain(`${file} has 4 problem(s):`);
    for (const p of EXPECTED_PROBLEMS(demoConfigInput())) expect(r.stderr).toContain(`  - ${p}\n`);
  });

  it('lists structural problems too', async () => {
    const c = demoConfigInput();
    const file = writeConfig({
      ...c,
      site: { ...c.site, timezone: 'Nowhere/Atlantis' },
      services: [{ ...c.services[0]!, prefix: 'r' }, ...c.services.slice(1)],
    });
    const r = await runCli(['check-config', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file} has 2 problem(s):`);
    expect(r.stderr).toContain('  - site.timezone: an IANA time zone such as Europe/Kyiv');
    expect(r.stderr).toContain('  - services.0.prefix: one to three capital letters');
  });

  it('reports a YAML syntax error with its line, and a missing file', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'site:\n  id: demo\n  languages: [uk, en\n');
    const r = await runCli(['check-config', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/at line \d+, column \d+/);
    const missing = await runCli(['check-config', '--config', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ENOENT');
  });

  it('prints "config ok" for the demo centre and exits 0', async () => {
    const r = await runCli(['check-config', '--config', DEMO_CONFIG]);
    expect(r).toMatchObject({ code: 0, stdout: 'config ok\n' });
    expect(r.stderr).toBe('');
  });

  it('reads the file named by VIKNO_CONFIG', async () => {
    const r = await runCli(['check-config'], { VIKNO_CONFIG: badConfigFile() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has 4 problem(s)');
  });
});

describe('vikno-hub run with a bad config', () => {
  it('exits 1 with the problems listed and starts nothing', async () => {
    const file = badConfigFile();
    const dataDir = join(tempDir(), 'data');
    const httpPort = await freePort();
    const r = await runCli(
      ['run', '--config', file, '--data-dir', dataDir, '--http-port', String(httpPort), '--mqtt-port', String(await freePort())],
      {
        VIKNO_LOG_LEVEL: 'info',
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has 4 problem(s)');
    for (const p of EXPECTED_PROBLEMS(demoConfigInput())) expect(r.stderr).toContain(p);
    expect(r.stdout + r.stderr).not.toContain('Vikno hub ready');
    expect(existsSync(join(dataDir, 'vikno.db'))).toBe(false);
  });

  it('exits 1 on a bad port before starting', async () => {
    const r = await runCli(['run', '--config', DEMO_CONFIG, '--data-dir', tempDir(), '--http-port', 'eighty'], { VIKNO_LOG_LEVEL: 'info' });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('the HTTP port must be a port number, not \\"eighty\\"');
    expect(r.stdout + r.stderr).not.toContain('Vikno hub ready');
  });
});

describe('vikno-hub hash-pin and hash-secret', () => {
  it('hash-pin prints a scrypt hash that verifies the PIN and fits the config schema', async () => {
    const r = await runCli(['hash-pin', '4321']);
    expect(r.code).toBe(0);
    const hash = r.stdout.trim();
    expect(r.stdout).toBe(`${hash}\n`);
    expect(pinHashSchema.safeParse(hash).success).toBe(true);
    expect(await verifyPin('4321', hash)).toBe(true);
    expect(await verifyPin('1234', hash)).toBe(false);
    // A fresh salt each time.
    const again = (await runCli(['hash-pin', '4321'])).stdout.trim();
    expect(again).not.toBe(hash);
    expect(await verifyPin('4321', again)).toBe(true);
  });

  it('hash-secret prints a $7$ hash that verifies the secret and fits the config schema', async () => {
    const r = await runCli(['hash-secret', 's3cret']);
    expect(r.code).toBe(0);
    const hash = r.stdout.trim();
    expect(r.stdout).toBe(`${hash}\n`);
    expect(hash).toMatch(/^\$7\$\d+\$/);
    expect(secretHashSchema.safeParse(hash).success).toBe(true);
    expect(await verifySecret('s3cret', hash)).toBe(true);
    expect(await verifySecret('s3cret!', hash)).toBe(false);
  });

  it('refuses a missing argument and an unknown command with exit 1', async () => {
    const pin = await runCli(['hash-pin']);
    expect(pin.code).toBe(1);
    expect(pin.stdout + pin.stderr).toContain('missing a PIN');
    const unknown = await runCli(['hash-pni', '1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('vikno-hub: unknown command "hash-pni"');
    expect(unknown.stderr).toContain('See vikno-hub --help.');
  });
});

describe('vikno-hub --help', () => {
  it('prints the commands, exit 0, for --help and -h', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await runCli([flag]);
      expect(r, flag).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toMatch(/^Usage: vikno-hub \[command\] \[options\]\n/);
      for (const command of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    }
  });

  it('prints each command’s usage for `<command> --help`, and does nothing else', { timeout: 120_000 }, async () => {
    const out = join(tempDir(), 'm');
    const [runs, run, mosquitto] = await Promise.all([
      Promise.all(COMMANDS.map((command) => runCli([command, '--help']))),
      runCli(['run', '-h', '--http-port', String(await freePort())], { VIKNO_LOG_LEVEL: 'info' }),
      runCli(['mosquitto', '-h', '--out', out, '--hub-password', 'x']),
    ]);
    COMMANDS.forEach((command, i) => {
      expect(runs[i], command).toMatchObject({ code: 0, stderr: '' });
      expect(runs[i]!.stdout).toMatch(new RegExp(`^Usage: vikno-hub (${command}|\\[${command}\\])[ \n]`));
    });
    // `run -h` starts no hub, and `mosquitto -h` writes no file.
    expect(run).toMatchObject({ code: 0, stdout: usage('run').concat('\n') });
    expect(mosquitto.code).toBe(0);
    expect(existsSync(out)).toBe(false);
  });

  it('says what is wrong with a command line in one line, without a stack trace', async () => {
    const r = await runCli(['backup', '--nope']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^vikno-hub: Unknown option '--nope'.*\nSee vikno-hub backup --help\.\n$/);
  });
});

describe('vikno-hub mosquitto', () => {
  it('writes mosquitto.conf and the dynamic-security file for the demo centre, and will not write over that file', async () => {
    const out = join(tempDir(), 'mosquitto');
    const r = await runCli(['mosquitto', '--config', DEMO_CONFIG, '--out', out, '--hub-password', 'x']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(join(out, 'dynsec.json'));
    const config = configSchema.parse(parse(readFileSync(DEMO_CONFIG, 'utf8')));

    const conf = readFileSync(join(out, 'mosquitto.conf'), 'utf8');
    expect(conf).toContain('allow_anonymous false');
    expect(conf).toMatch(/^plugin \/usr\/lib\/[^\n]+\/mosquitto_dynamic_security\.so$/m);
    expect(conf).toContain(`plugin_opt_config_file ${join(out, 'dynsec.json')}`);
    expect(conf).not.toMatch(/password_file|acl_file/);
    // The TCP listener is the hub's alone; the devices' pages connect to the WebSocket one from the LAN.
    expect(conf).toMatch(/^listener 1883 127\.0\.0\.1$/m);
    expect(conf).toMatch(/^listener 8083$/m);

    interface Acl {
      acltype: string;
      topic: string;
      allow: boolean;
    }
    const file = JSON.parse(readFileSync(join(out, 'dynsec.json'), 'utf8')) as {
      defaultACLAccess: Record<string, boolean>;
      clients: { username: string; password: string; salt: string; iterations: number; roles: { rolename: string }[] }[];
      roles: { rolename: string; acls: Acl[] }[];
    };
    expect(statSync(join(out, 'dynsec.json')).mode & 0o777).toBe(0o600);
    expect(file.defaultACLAccess).toEqual({ publishClientSend: false, publishClientReceive: false, subscribe: false, unsubscribe: true });
    // The devices with a secret in the config, and the hub; its hash in the plugin's fields is the `$7$` one.
    const withSecret = config.devices.filter((d) => d.secretHash).map((d) => d.id);
    expect(file.clients.map((c) => c.username).sort()).toEqual(['hub', ...withSecret].sort());
    const asHash = (c: (typeof file.clients)[number]) => `$7$${c.iterations}$${c.salt}$${c.password}`;
    const client = (name: string) => file.clients.find((c) => c.username === name)!;
    expect(await verifySecret('x', asHash(client('hub')))).toBe(true);
    expect(await verifySecret('demo-kiosk-1', asHash(client('kiosk-1')))).toBe(true);
    expect(secretHashSchema.safeParse(asHash(client('kiosk-1'))).success).toBe(true);
    expect(client('kiosk-1').roles).toEqual([{ rolename: 'vikno-device-kiosk-1' }]);

    const role = (name: string) => file.roles.find((x) => x.rolename === name)!.acls;
    const topicsOf = (acls: Acl[], type: string) =>
      acls
        .filter((a) => a.acltype === type)
        .map((a) => a.topic)
        .sort();
    expect(file.roles).toHaveLength(config.devices.length + 1);
    const kiosk = role('vikno-device-kiosk-1');
    expect(kiosk.every((a) => a.allow && a.topic.startsWith('vikno/v1/demo/'))).toBe(true);
    // Besides its one command, a kiosk writes only its own presence (its last will) and its printer's health.
    expect(topicsOf(kiosk, 'publishClientSend')).toEqual([
      'vikno/v1/demo/cmd/kiosk-1/ticket.issue',
      'vikno/v1/demo/health/kiosk-1',
      'vikno/v1/demo/presence/kiosk-1',
    ]);
    // What it may read it may subscribe to, and nothing else.
    expect(topicsOf(kiosk, 'subscribePattern')).toEqual(topicsOf(kiosk, 'publishClientReceive'));
    expect(topicsOf(kiosk, 'subscribePattern')).toContain('vikno/v1/demo/reply/kiosk-1/#');
    expect(topicsOf(role('vikno-device-display-hall'), 'publishClientSend').some((t) => t.includes('/cmd/'))).toBe(false);
    // The hub: its site, and the plugin's control topics, through which it pairs and revokes.
    const hub = role('vikno-hub');
    expect(topicsOf(hub, 'publishClientSend')).toEqual(['$CONTROL/dynamic-security/v1', 'vikno/v1/demo/#']);
    expect(topicsOf(hub, 'subscribePattern')).toEqual(['$CONTROL/dynamic-security/v1/response', 'vikno/v1/demo/#']);

    // Mosquitto keeps the devices paired since in that file: a second run would lose them.
    const again = await runCli(['mosquitto', '--config', DEMO_CONFIG, '--out', out, '--hub-password', 'y']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`vikno-hub: ${join(out, 'dynsec.json')} exists, with the devices paired since it was written`);
    expect(await verifySecret('x', asHash(client('hub')))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'dynsec.json'), 'utf8'))).toEqual(file);
  });

  it('--bind sets the TCP listener’s address, and Mosquitto listens there only; WebSocket stays on every interface', async () => {
    const out = join(tempDir(), 'mosquitto');
    const [port, wsPort] = [await freePort(), await freePort()];
    const r = await runCli([
      'mosquitto',
      '--config',
      DEMO_CONFIG,
      '--out',
      out,
      '--hub-password',
      'x',
      '--port',
      String(port),
      '--bind',
      '127.0.0.2',
      '--ws-port',
      String(wsPort),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const confFile = join(out, 'mosquitto.conf');
    const conf = readFileSync(confFile, 'utf8');
    expect(conf).toMatch(new RegExp(`^listener ${port} 127\\.0\\.0\\.2\nprotocol mqtt\nuse_username_as_clientid true$`, 'm'));
    expect(conf).toMatch(new RegExp(`^listener ${wsPort}\nprotocol websockets\nuse_username_as_clientid true$`, 'm'));

    // Started as root, Mosquitto drops to the `mosquitto` user, which cannot read the 0600 files.
    if (process.getuid?.() === 0) appendFileSync(confFile, 'user root\n');
    const mosquitto = spawn('mosquitto', ['-c', confFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.add(mosquitto);
    let log = '';
    mosquitto.stderr.on('data', (d) => (log += d));
    await until(() => / running\n/.test(log) || mosquitto.exitCode !== null, 10_000, 'mosquitto to be running');
    expect(mosquitto.exitCode, log).toBe(null);
    expect(await connects('127.0.0.2', port)).toBe(true);
    expect(await connects('127.0.0.1', port)).toBe(false);
    expect(await connects('127.0.0.1', wsPort)).toBe(true);
    expect(await connects('127.0.0.3', wsPort)).toBe(true);
  });

  it('refuses a listener address that is not an address, and writes nothing', async () => {
    const out = join(tempDir(), 'm');
    const r = await runCli([
      'mosquitto',
      '--config',
      DEMO_CONFIG,
      '--out',
      out,
      '--hub-password',
      'x',
      '--bind',
      '0.0.0.0\nallow_anonymous true',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('vikno-hub: --bind must be an IP address or a host name, not "0.0.0.0\\nallow_anonymous true"');
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to run without a hub password', async () => {
    const r = await runCli(['mosquitto', '--config', DEMO_CONFIG, '--out', join(tempDir(), 'm')], { VIKNO_BROKER_PASSWORD: '' });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('missing --hub-password');
  });
});

describe('vikno-hub run', () => {
  it('serves /api/health, and stops cleanly on SIGTERM within 5 s', async () => {
    const hub = await spawnHub({ configFile: writeConfig(demoConfigInput()), dataDir: tempDir() });
    children.add(hub.child);
    const res = await fetch(`${hub.httpUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', site: 'demo', broker: 'embedded', mqttConnected: true, mqttCanPublish: true });

    const started = Date.now();
    const code = await Promise.race([
      hub.stop('SIGTERM'),
      new Promise<string>((resolve) => setTimeout(() => resolve('still running after 5 s'), 5000)),
    ]);
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(hub.output()).toContain('stopped');
  });

  it('takes its config, data folder and ports from VIKNO_* variables when no flag is given', async () => {
    const input = demoConfigInput(); // http and broker port 0 in the file: the variables must win
    const file = writeConfig(input);
    const dataDir = join(tempDir(), 'env-data');
    const httpPort = await freePort();
    const mqttPort = await freePort();
    const hub = start([], {
      VIKNO_CONFIG: file,
      VIKNO_DATA_DIR: dataDir,
      VIKNO_HTTP_PORT: String(httpPort),
      VIKNO_MQTT_PORT: String(mqttPort),
    });
    await until(() => hub.output().includes('Vikno hub ready') || hub.child.exitCode !== null, 30_000, 'the hub to start');
    expect(hub.child.exitCode, hub.output()).toBeNull();

    const res = await fetch(`http://127.0.0.1:${httpPort}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', site: 'demo' });
    expect(hub.output()).toContain(`mqtt://127.0.0.1:${mqttPort}`);
    expect(existsSync(join(dataDir, 'vikno.db'))).toBe(true);
    expect(existsSync(join(input.dataDir!, 'vikno.db'))).toBe(false);

    hub.child.kill('SIGTERM');
    const [code] = await hub.exited;
    expect(code).toBe(0);
    expect(hub.output()).toContain('stopped');
  });
});
