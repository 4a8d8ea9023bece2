// The hub in external-broker mode on Debian's Mosquitto, with the files `vikno-hub mosquitto` writes:
// the same commands work, the same ACL holds, and a client no one here wrote (mosquitto_sub) reads
// the state with a display's credentials.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type CommandError, type CounterState, configSchema, topics } from '@vikno/shared';
import { connect, connectAsync } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { dynsecPlugin, writeMosquittoFiles } from '../src/broker/mosquitto.js';
import { closeClients, counterAt, demoConfigInput, device, freePort, runHub, tempDir, until } from './harness.js';

const run = promisify(execFile);
let mosquitto: ChildProcess;
let hub: RunningHub;
let port: number;

beforeAll(async () => {
  const dir = tempDir('vikno-mosquitto-');
  port = await freePort();
  const wsPort = await freePort();
  const hubPassword = 'hub-test-password';
  const input = demoConfigInput();
  const config = configSchema.parse({
    ...input,
    broker: { url: `mqtt://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${wsPort}`, username: 'hub', password: hubPassword },
  });
  writeMosquittoFiles(config, { dir, port, wsPort, hubUsername: 'hub', hubPassword, plugin: dynsecPlugin()! });
  // Started as root, Mosquitto drops to the `mosquitto` user, which cannot read our 0600 files.
  if (process.getuid?.() === 0) appendFileSync(join(dir, 'mosquitto.conf'), 'user root\n');
  mosquitto = spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  mosquitto.stderr?.on('data', (d) => (log += d));
  await until(
    () => log.includes(`Opening ipv4 listen socket on port ${port}`) || mosquitto.exitCode !== null,
    10_000,
    'mosquitto to listen',
  );
  if (mosquitto.exitCode !== null) throw new Error(`mosquitto exited: ${log}`);
  hub = await runHub(config);
});

// Mosquitto takes a device's id as its client id (use_username_as_clientid): a device has one
// connection at a time, so each test's clients go before the next test connects the same devices.
afterEach(closeClients);

afterAll(async () => {
  await hub?.stop();
  mosquitto?.kill('SIGTERM');
});

describe('external broker: Mosquitto', () => {
  it('runs the ticket lifecycle through Mosquitto', async () => {
    const kiosk = await device(hub, 'kiosk-1');
    const issued = await kiosk.command('ticket.issue', { service: 'residence-register', language: 'uk' });
    const counter = await counterAt(hub, 'w1');
    const called = await counter.command('counter.callNext', {});
    expect(called.ticket.id).toBe(issued.ticket.id);
    const health = (await (await fetch(`${hub.httpUrl}/api/health`)).json()) as { broker: string; mqttConnected: boolean };
    expect(health).toMatchObject({ broker: 'external', mqttConnected: true });
  });

  it("mosquitto_sub with a display's credentials reads the retained state", async () => {
    const { stdout } = await run('mosquitto_sub', [
      ...['-h', '127.0.0.1', '-p', String(port), '-u', 'display-hall', '-P', 'demo-display-hall'],
      ...['-t', topics.counter('demo', 'w1'), '-t', topics.calls('demo'), '-C', '2', '-W', '5', '-v'],
    ]);
    const lines = stdout.trim().split('\n');
    const w1 = lines.find((l) => l.startsWith(topics.counter('demo', 'w1')));
    expect(w1).toBeDefined();
    const state = JSON.parse(w1!.slice(w1!.indexOf(' ') + 1)) as CounterState;
    expect(state).toMatchObject({ window: 1, status: 'open', operator: { username: 'olena' } });
    expect(lines.some((l) => l.startsWith(topics.calls('demo')))).toBe(true);
  });

  it('refuses a wrong password', async () => {
    const result = await run('mosquitto_sub', [
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-u',
      'display-hall',
      '-P',
      'nope',
      '-t',
      '#',
      '-C',
      '1',
      '-W',
      '3',
    ]).catch((e: { stderr: string }) => e);
    expect('stderr' in result ? result.stderr : '').toMatch(/not authori[sz]ed|bad user name or password/i);
  });

  it('enforces the ACL: a kiosk cannot command a counter, a display cannot read replies', async () => {
    const kiosk = connect(`mqtt://127.0.0.1:${port}`, {
      protocolVersion: 4,
      username: 'kiosk-2',
      password: 'demo-kiosk-2',
      reconnectPeriod: 0,
    });
    await new Promise<void>((resolve) => kiosk.once('connect', () => resolve()));
    const before = hub.hub.state.counterState('w1');
    // Mosquitto drops an unauthorised publish silently (MQTT 3.1.1 has no negative PUBACK).
    await kiosk.publishAsync(
      topics.command('demo', 'counter-w1', 'counter.finish'),
      JSON.stringify({ id: 'acl-test-0001', replyTo: 'x', args: {} }),
      { qos: 1 },
    );
    await kiosk.publishAsync(
      topics.command('demo', 'kiosk-2', 'counter.finish'),
      JSON.stringify({ id: 'acl-test-0002', replyTo: 'x', args: {} }),
      { qos: 1 },
    );
    kiosk.end(true);
    await hub.hub.idle();
    await new Promise((r) => setTimeout(r, 300));
    expect(hub.hub.state.counterState('w1').ticket?.id).toBe(before.ticket?.id);
    expect(hub.hub.state.counterState('w1').ticket?.status).toBe('called');

    const display = await device(hub, 'display-pickup');
    const leaked: string[] = [];
    display.subscribe(topics.reply('demo', 'kiosk-1', '+'), (t) => leaked.push(t));
    const kiosk1 = await device(hub, 'kiosk-1');
    await kiosk1.command('ticket.issue', { service: 'consultation', language: 'en' });
    await new Promise((r) => setTimeout(r, 300));
    expect(leaked).toEqual([]);
  });

  it('refuses a subscription wider than the device’s rules (SUBACK 0x80, as the embedded broker does), and the plugin’s control topics to a device', async () => {
    const display = await connectAsync(`mqtt://127.0.0.1:${port}`, {
      protocolVersion: 4,
      username: 'display-hall',
      password: 'demo-display-hall',
      reconnectPeriod: 0,
    });
    const granted = (filter: string) =>
      display.subscribeAsync(filter).then(
        (g) => g.map((x) => x.qos),
        (e: { packet?: { granted: number[] } }) => e.packet?.granted,
      );
    expect(await granted('vikno/v1/demo/#')).toEqual([128]);
    expect(await granted('$CONTROL/dynamic-security/v1/response')).toEqual([128]);
    expect(await granted('vikno/v1/demo/state/#')).toEqual([0]);
    await display.endAsync();
  });

  it('answers refusals through Mosquitto the same way', async () => {
    const kiosk = await device(hub, 'kiosk-1');
    const error = (await kiosk.command('ticket.issue', { service: 'nope', language: 'uk' }).catch((e: unknown) => e)) as CommandError;
    expect(error.code).toBe('unknown_service');
  });
});
