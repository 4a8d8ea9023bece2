// The hub over a real embedded broker with real mqtt.js clients: the ticket lifecycle, retained state,
// idempotency, and every kind of bad input.
import { type CommandError, type CounterState, type QueueSummary, type RecentCalls, type Reply, topics } from '@vikno/shared';
import { deviceClientId } from '@vikno/shared/client';
import { connect } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { closeClients, counterAt, device, runHub, until, watch } from './harness.js';

let hub: RunningHub;

beforeAll(async () => {
  hub = await runHub();
});

afterAll(async () => {
  await closeClients();
  await hub.stop();
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as CommandError,
  );

describe('ticket lifecycle over MQTT', () => {
  it('issues, calls, starts and finishes, and the retained state follows', async () => {
    const kiosk = await device(hub, 'kiosk-1');
    const display = await device(hub, 'display-hall');
    const queue = watch(display, topics.queue('demo', 'id-card-exchange'));
    const calls = watch(display, topics.calls('demo'));

    const first = await kiosk.command('ticket.issue', { service: 'id-card-exchange', language: 'uk' });
    const second = await kiosk.command('ticket.issue', { service: 'id-card-exchange', language: 'en', priority: 'veteran' });
    expect(first.ticket.number).toMatch(/^[A-Z]+-001$/);
    expect(second.ticket.number).toMatch(/^[A-Z]+-002$/);
    // A veteran goes ahead of the first at the first window's priority turn: nobody is ahead of them.
    expect(first.ahead).toBe(0);
    expect(second.ahead).toBe(0);
    expect(first.token).not.toBe(second.token);
    expect(first.token.length).toBeGreaterThanOrEqual(20);

    const summary = await until(
      () => {
        const q = queue.get(topics.queue('demo', 'id-card-exchange')) as QueueSummary | undefined;
        return q?.waiting === 2 ? q : undefined;
      },
      5000,
      'queue summary with 2 waiting',
    );
    expect(summary.oldestQueuedAt).toBe(first.ticket.issuedAt);

    const counter = await counterAt(hub, 'w3', 'mykola');
    const counterTopic = watch(counter, topics.counter('demo', 'w3'));
    // A veteran's priority ticket comes first: the interleave starts with a priority turn.
    const called = await counter.command('counter.callNext', {});
    expect(called.ticket.id).toBe(second.ticket.id);
    expect(called.counter.ticket?.status).toBe('called');
    const shown = await until(() => (calls.get(topics.calls('demo')) as RecentCalls | undefined)?.calls[0], 5000, 'a call');
    expect(shown).toMatchObject({ number: second.ticket.number, window: 3 });

    await counter.command('counter.start', {});
    const finished = await counter.command('counter.finish', { outcomes: ['accepted'] });
    expect(finished.ticket.status).toBe('finished');
    expect(finished.ticket.outcomes).toEqual(['accepted']);
    expect(finished.counter.ticket).toBeNull();
    await until(() => (counterTopic.get(topics.counter('demo', 'w3')) as CounterState | undefined)?.ticket === null, 5000, 'counter idle');
    await until(() => (queue.get(topics.queue('demo', 'id-card-exchange')) as QueueSummary).waiting === 1, 5000, 'one left waiting');
  });

  it('a client connecting later is current at once from retained state', async () => {
    const late = await device(hub, 'display-pickup');
    const counters = watch(late, topics.counter('demo', '+'));
    // The broker sends each retained message in its own packet, so wait for all twelve.
    await until(() => counters.size === 12, 5000, 'twelve retained counters');
    const state = counters.get(topics.counter('demo', 'w3')) as CounterState;
    expect(state.operator?.username).toBe('mykola');
    const presence = watch(late, topics.presence('demo', 'hub'));
    await until(
      () => (presence.get(topics.presence('demo', 'hub')) as { status: string } | undefined)?.status === 'online',
      5000,
      'hub online',
    );
  });

  it('transfers keep the number and put the ticket ahead in the target service', async () => {
    const kiosk = await device(hub, 'kiosk-2');
    const a = await kiosk.command('ticket.issue', { service: 'residence-register', language: 'uk' });
    const b = await kiosk.command('ticket.issue', { service: 'housing-subsidy', language: 'uk' });
    const w1 = await counterAt(hub, 'w1', 'olena');
    const called = await w1.command('counter.callTicket', { ticketId: a.ticket.id });
    expect(called.ticket.number).toBe(a.ticket.number);
    // No window serving subsidies is open yet: the hub would refuse unless the operator confirmed.
    const moved = await w1.command('counter.transfer', {
      service: 'housing-subsidy',
      comment: 'needs a subsidy too',
      evenIfNoOtherWindow: true,
    });
    expect(moved.ticket).toMatchObject({
      number: a.ticket.number,
      service: 'housing-subsidy',
      status: 'waiting',
      returned: true,
      transfers: 1,
    });
    expect(hub.hub.state.queueSummary('housing-subsidy').waiting).toBe(2);
    // Whoever serves subsidies next gets the transferred ticket before b, which waited longer.
    const social = hub.hub.state.counterIds().find((id) => {
      const k = hub.hub.state.counterState(id);
      return (
        k.status === 'closed' &&
        hub.hub.state.config.counters.find((c) => c.id === id)?.services.some((s) => s.service === 'housing-subsidy')
      );
    });
    expect(social).toBeDefined();
    const other = await counterAt(hub, social!, 'admin', '0000');
    const next = await other.command('counter.callNext', {});
    expect(next.ticket.id).toBe(a.ticket.id);
    expect(next.ticket.id).not.toBe(b.ticket.id);
  });
});

describe('idempotency', () => {
  it('a repeated command id returns the first answer and issues one ticket', async () => {
    const kiosk = await device(hub, 'kiosk-1');
    const before = hub.hub.state.queueSummary('land-cadastre-extract').waiting;
    const id = 'double-tap-000000001';
    const [one, two] = await Promise.all([
      kiosk.command('ticket.issue', { service: 'land-cadastre-extract', language: 'uk' }, { id }),
      kiosk.command('ticket.issue', { service: 'land-cadastre-extract', language: 'uk' }, { id }),
    ]);
    const three = await kiosk.command('ticket.issue', { service: 'land-cadastre-extract', language: 'uk' }, { id });
    expect(two.ticket.id).toBe(one.ticket.id);
    expect(three).toEqual(one);
    expect(hub.hub.state.queueSummary('land-cadastre-extract').waiting).toBe(before + 1);
  });

  it('a repeated refused command gets the same refusal', async () => {
    const kiosk = await device(hub, 'kiosk-1');
    const id = 'refused-twice-0000001';
    const a = await refusal(kiosk.command('ticket.issue', { service: 'no-such-service', language: 'uk' }, { id }));
    const b = await refusal(kiosk.command('ticket.issue', { service: 'no-such-service', language: 'uk' }, { id }));
    expect(a.code).toBe('unknown_service');
    expect(b.message).toBe(a.message);
  });
});

/** The hall as the engine holds it: every queue, every counter, the recent calls. */
function hallState(): string {
  const engine = hub.hub.state;
  return JSON.stringify({
    queues: engine.config.services.map((s) => engine.queueSummary(s.id)),
    counters: engine.counterIds().map((c) => engine.counterState(c)),
    calls: engine.recentCalls(),
  });
}

describe('bad input', () => {
  it('refuses unknown services, counters, tickets and priorities with clear errors, changing nothing', async () => {
    const kiosk = await device(hub, 'kiosk-1');
    const counter = await counterAt(hub, 'w2', 'petro');
    const snapshot = hallState();
    expect((await refusal(kiosk.command('ticket.issue', { service: 'nope', language: 'uk' }))).code).toBe('unknown_service');
    expect((await refusal(kiosk.command('ticket.issue', { service: 'housing-subsidy', language: 'uk', priority: 'royalty' }))).code).toBe(
      'unknown_priority',
    );
    expect((await refusal(counter.command('counter.callTicket', { ticketId: '2020-01-01:Z-001' }))).code).toBe('unknown_ticket');
    expect((await refusal(counter.command('counter.transfer', { counter: 'w99' }))).code).toBe('no_current_ticket');
    expect((await refusal(counter.command('counter.finish', {}))).code).toBe('no_current_ticket');
    const badArgs = await refusal(kiosk.command('ticket.issue', { service: 'housing-subsidy' } as never));
    expect(badArgs.code).toBe('bad_request');
    expect(badArgs.message).toContain('language');
    // A schema shared with the config says what it wants in words, not by its catalog key.
    const badId = await refusal(kiosk.command('ticket.issue', { service: 'Housing Subsidy', language: 'uk' }));
    expect(badId.code).toBe('bad_request');
    expect(badId.message).toBe('ticket.issue: service: lowercase letters, digits and dashes, starting with a letter or digit');
    const after = hallState();
    // Only the counter's `since` and queue `at` stamps, and the wait estimates that move with the
    // clock (a visit in progress has less left), may differ; compare without them.
    const strip = (s: string) => s.replace(/"(at|since|estimatedWaitMinutes)":\d+|"estimatedWaitRange":\{[^}]*\}/g, '');
    expect(strip(after)).toBe(strip(snapshot));
  });

  it('a kiosk may not command a counter; a display may not command at all', async () => {
    const kiosk = await device(hub, 'kiosk-2');
    // The broker closes the kiosk's connection for a topic outside its ACL, so go through a raw client.
    const raw = connect(hub.mqttUrl, {
      protocolVersion: 4,
      clientId: deviceClientId('kiosk-2'),
      username: 'kiosk-2',
      password: 'demo-kiosk-2',
      reconnectPeriod: 0,
    });
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    const closed = new Promise<void>((resolve) => raw.once('close', () => resolve()));
    raw.publish(
      topics.command('demo', 'kiosk-2', 'counter.callNext'),
      JSON.stringify({ id: 'xxxxxxxxxx', replyTo: kiosk.replyTopic, args: {} }),
      { qos: 1 },
    );
    await closed;
    raw.end(true);
    // A kiosk publishing as another device is refused too.
    const spoof = connect(hub.mqttUrl, {
      protocolVersion: 4,
      clientId: deviceClientId('kiosk-2'),
      username: 'kiosk-2',
      password: 'demo-kiosk-2',
      reconnectPeriod: 0,
    });
    await new Promise<void>((resolve) => spoof.once('connect', () => resolve()));
    const spoofClosed = new Promise<void>((resolve) => spoof.once('close', () => resolve()));
    spoof.publish(topics.command('demo', 'counter-w1', 'counter.callNext'), JSON.stringify({ id: 'yyyyyyyyyy', replyTo: 'x', args: {} }), {
      qos: 1,
    });
    await spoofClosed;
    spoof.end(true);
    expect(hub.hub.state.counterState('w1').ticket).toBeNull();
  });

  it('refuses subscriptions outside the ACL', async () => {
    const raw = connect(hub.mqttUrl, {
      protocolVersion: 4,
      clientId: deviceClientId('display-hall'),
      username: 'display-hall',
      password: 'demo-display-hall',
      reconnectPeriod: 0,
    });
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    // mqtt.js rejects when any filter is refused; the SUBACK is on the error.
    const error = (await raw.subscribeAsync([topics.reply('demo', 'kiosk-1', '+'), topics.calls('demo')]).catch((e: unknown) => e)) as {
      packet?: { granted: number[] };
    };
    raw.end(true);
    const granted = (error.packet?.granted ?? []).map((qos) => ({ qos }));
    // SUBACK 0x80 for another device's replies (MQTT 3.1.1 §3.9.3); QoS 0 granted for the calls.
    expect(granted.map((g) => g.qos)).toEqual([128, 0]);
  });

  it('refuses wrong credentials at the broker, and anyone signing in as the hub', async () => {
    for (const username of ['kiosk-1', 'hub']) {
      const raw = connect(hub.mqttUrl, { protocolVersion: 4, username, password: 'guess', reconnectPeriod: 0 });
      const error = await new Promise<Error & { code?: number }>((resolve) => raw.once('error', resolve));
      raw.end(true);
      expect(error.code).toBe(4);
    }
  });

  it('answers malformed JSON and requests without a reply topic on the rejected topic', async () => {
    const raw = connect(hub.mqttUrl, {
      protocolVersion: 4,
      clientId: deviceClientId('kiosk-1'),
      username: 'kiosk-1',
      password: 'demo-kiosk-1',
      reconnectPeriod: 0,
    });
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    const replies: Reply[] = [];
    raw.on('message', (_t, p) => replies.push(JSON.parse(p.toString()) as Reply));
    await raw.subscribeAsync(topics.reply('demo', 'kiosk-1', 'rejected'), { qos: 1 });
    const cmd = topics.command('demo', 'kiosk-1', 'ticket.issue');
    await raw.publishAsync(cmd, '{"id": "abc', { qos: 1 });
    await raw.publishAsync(cmd, JSON.stringify({ args: { service: 'housing-subsidy', language: 'uk' } }), { qos: 1 });
    await raw.publishAsync(cmd, JSON.stringify({ id: 'zzzzzzzzzz', replyTo: topics.reply('demo', 'kiosk-2', 'x'), args: {} }), { qos: 1 });
    await until(() => replies.length === 3, 5000, 'three rejections');
    raw.end(true);
    expect(replies.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['bad_request', 'bad_request', 'bad_request']);
    expect(replies.map((r) => (r.ok ? '' : r.error.message))).toEqual([
      expect.stringContaining('not JSON'),
      expect.stringContaining('needs an id and a replyTo'),
      expect.stringContaining('replyTo must be a topic under'),
    ]);
    // The hub is still up and answering.
    const kiosk = await device(hub, 'kiosk-1');
    expect((await kiosk.command('ticket.issue', { service: 'consultation', language: 'uk' })).ticket.status).toBe('waiting');
  });

  it('refuses a wrong PIN, an unknown operator, and a counter the operator may not use', async () => {
    const terminal = await device(hub, 'counter-w5');
    expect((await refusal(terminal.command('operator.login', { username: 'olena', pin: '9999' }))).code).toBe('wrong_pin');
    expect((await refusal(terminal.command('operator.login', { username: 'nobody', pin: '1234' }))).code).toBe('wrong_pin');
    // The terminal is fixed to window 5, and Iryna may work only at windows 6 and 7.
    expect((await refusal(terminal.command('operator.login', { username: 'olena', pin: '1234', counter: 'w6' }))).code).toBe(
      'counter_not_allowed',
    );
    expect((await refusal(terminal.command('operator.login', { username: 'iryna', pin: '1234' }))).code).toBe('counter_not_allowed');
    expect(hub.hub.state.counterState('w5').operator).toBeNull();
    expect((await refusal(terminal.command('counter.callNext', {}))).code).toBe('not_logged_in');
  });

  it('locks a username after five wrong PINs, at every terminal and at the admin sign-in alike', async () => {
    const [w8, w9] = [await device(hub, 'counter-w8'), await device(hub, 'counter-w9')];
    const login = (terminal: typeof w8, pin: string) => refusal(terminal.command('operator.login', { username: 'taras', pin }));
    // Four wrong at one terminal, the fifth at the admin sign-in: one count.
    for (let i = 0; i < 4; i++) expect((await login(i % 2 ? w8 : w9, '0000')).code).toBe('wrong_pin');
    const admin = (pin: string) =>
      fetch(`${hub.httpUrl}/api/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'taras', pin }),
      });
    expect((await admin('0000')).status).toBe(401);
    // Now even the right PIN is refused, without being checked, and the admin page says the same.
    const locked = await login(w8, '1234');
    expect(locked.code).toBe('pin_locked');
    expect(locked.message).toMatch(/try again in 1[45] min/);
    expect((await admin('1234')).status).toBe(429);
    // Another operator is not held up by it.
    expect((await w9.command('operator.login', { username: 'petro', pin: '1234' })).counter.operator?.username).toBe('petro');
  });

  it('refuses an unknown command name', async () => {
    const terminal = await device(hub, 'counter-w6');
    expect((await refusal(terminal.command('counter.explode' as 'counter.recall', {}))).code).toBe('bad_request');
  });
});
