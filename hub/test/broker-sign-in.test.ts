// Signing in to the broker: a burst of wrong secrets costs the hub's thread nothing and is cut off
// after a few per address, and no device can take over another's connection by using its client id.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createConnection } from 'node:net';
import { type RecentCalls, topics } from '@vikno/shared';
import { deviceClientId } from '@vikno/shared/client';
import { connectAsync, MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { MAX_FAILED_SIGN_INS } from '../src/broker/auth.js';
import { BROKERS, closeClients, counterAt, device, REPO, runHubOn, until } from './harness.js';

/** Connects as `id` from a given local address (any of 127/8 reaches the hub on loopback); resolves with the CONNACK code. */
function signIn(url: string, id: string, secret: string, from: string, clientId = deviceClientId(id)): Promise<number> {
  const { hostname, port } = new URL(url);
  const client = new MqttClient(() => createConnection({ host: hostname, port: Number(port), localAddress: from }), {
    protocolVersion: 4,
    clientId,
    username: id,
    password: secret,
    reconnectPeriod: 0,
  });
  return new Promise<number>((resolve) => {
    client.once('connect', () => resolve(0));
    client.once('error', (error: Error & { code?: number }) => resolve(error.code ?? -1));
  }).finally(() => client.end(true));
}

/** `count` wrong sign-ins as kiosk-1 from 127.0.0.2, all at once, from another process: the codes each got. */
async function burst(url: string, count: number): Promise<Record<string, number>> {
  const script = `
    import { createConnection } from 'node:net';
    import { MqttClient } from 'mqtt';
    const { hostname, port } = new URL(${JSON.stringify(url)});
    const codes = await Promise.all(Array.from({ length: ${count} }, (_, i) => new Promise((resolve) => {
      const c = new MqttClient(() => createConnection({ host: hostname, port: Number(port), localAddress: '127.0.0.2' }), {
        protocolVersion: 4, clientId: 'kiosk-1-burst' + i, username: 'kiosk-1', password: 'wrong', reconnectPeriod: 0, connectTimeout: 30000,
      });
      c.once('connect', () => resolve(0));
      c.once('error', (e) => resolve(e.code ?? -1));
    }).then((code) => code)));
    const counts = {};
    for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
    console.log(JSON.stringify(counts));
    process.exit(0);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: `${REPO}hub`, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await once(child, 'exit');
  return JSON.parse(out) as Record<string, number>;
}

describe('a burst of wrong secrets at the embedded broker', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await runHubOn('embedded');
  });
  afterAll(async () => {
    await closeClients();
    await hub?.stop();
  });

  it('keeps the calls flowing, refuses the address after a few failures unchecked, and lets others in', async () => {
    // Signed in once from the address: its secret is known good, and it still gets in after the burst.
    expect(await signIn(hub.mqttUrl, 'display-pickup', 'demo-display-pickup', '127.0.0.2')).toBe(0);

    const display = await device(hub, 'display-hall');
    const calls: string[] = [];
    display.subscribe(topics.calls('demo'), (_t, payload) => {
      const newest = (payload as RecentCalls).calls[0];
      if (newest && !calls.includes(newest.ticketId)) calls.push(newest.ticketId);
    });
    const kiosk = await device(hub, 'kiosk-2');
    const counter = await counterAt(hub, 'w1');
    const issued: string[] = [];
    for (let i = 0; i < 5; i++)
      issued.push((await kiosk.command('ticket.issue', { service: 'residence-register', language: 'uk' })).ticket.id);

    const codes = burst(hub.mqttUrl, 200);
    for (let i = 0; i < issued.length; i++) {
      await counter.command('counter.callNext', {});
      await until(() => calls.length === i + 1, 5000, `call ${i + 1} on the display`);
      await counter.command('counter.finish', { outcomes: [] });
    }
    const counts = await codes;

    expect(calls).toEqual(issued);
    // Checked and refused as wrong (4) until the address had failed ten times; then refused unchecked
    // (3, server unavailable: a device of the hall behind the same address keeps retrying).
    expect(counts).toEqual({ 4: MAX_FAILED_SIGN_INS, 3: 200 - MAX_FAILED_SIGN_INS });

    // Another address, never signed in before, is not held up; the address of the burst is refused even a
    // right secret it has not used before, and takes one it has.
    expect(await signIn(hub.mqttUrl, 'kiosk-1', 'demo-kiosk-1', '127.0.0.1')).toBe(0);
    expect(await signIn(hub.mqttUrl, 'counter-w5', 'demo-counter-w5', '127.0.0.2')).toBe(3);
    expect(await signIn(hub.mqttUrl, 'display-pickup', 'demo-display-pickup', '127.0.0.2')).toBe(0);
  });
});

describe.each(BROKERS)('client ids on the %s broker', (broker) => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await runHubOn(broker);
  });
  afterEach(closeClients);
  afterAll(() => hub?.stop());

  it("a device connecting under another device's client id does not take its connection", async () => {
    const counter = await counterAt(hub, 'w1');
    let dropped = 0;
    counter.mqtt.on('close', () => dropped++);
    const taken = counter.mqtt.options.clientId!;
    expect(taken).toMatch(/^counter-w1-[0-9a-f]{12}$/);

    const code = await signIn(hub.mqttUrl, 'kiosk-1', 'demo-kiosk-1', '127.0.0.1', taken);
    // The embedded broker refuses the id (CONNACK 2, identifier rejected); Mosquitto gives kiosk-1 its own
    // user name as its client id instead.
    expect(code).toBe(broker === 'embedded' ? 2 : 0);

    // The terminal is still connected and answered, and was never dropped.
    const state = await counter.command('counter.pause', { reason: 'break' });
    expect(state.counter.status).toBe('paused');
    expect(dropped).toBe(0);
    expect(counter.mqtt.connected).toBe(true);
  });

  it.runIf(broker === 'embedded')('takes the device id itself, or the id and a dash, and nothing else', async () => {
    const id = 'kiosk-2';
    expect(await signIn(hub.mqttUrl, id, 'demo-kiosk-2', '127.0.0.1', 'kiosk-2')).toBe(0);
    expect(await signIn(hub.mqttUrl, id, 'demo-kiosk-2', '127.0.0.1', 'kiosk-2-anything')).toBe(0);
    expect(await signIn(hub.mqttUrl, id, 'demo-kiosk-2', '127.0.0.1', 'kiosk-20')).toBe(2);
    expect(await signIn(hub.mqttUrl, id, 'demo-kiosk-2', '127.0.0.1', 'mqttjs_1234')).toBe(2);
    // An empty client id gets one made up by the broker, which is no device's.
    expect(await signIn(hub.mqttUrl, id, 'demo-kiosk-2', '127.0.0.1', '')).toBe(2);
    // A wrong secret is refused as such whatever the client id.
    expect(await signIn(hub.mqttUrl, id, 'nope', '127.0.0.1', 'mqttjs_1234')).toBe(4);
    const client = await connectAsync(hub.mqttUrl, {
      protocolVersion: 4,
      clientId: deviceClientId(id),
      username: id,
      password: 'demo-kiosk-2',
    });
    await client.endAsync();
  });
});
