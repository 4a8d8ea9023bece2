// Requests the hub must refuse before doing anything, on both brokers: a reply topic no broker can
// take (too long, or with a character MQTT forbids) once made the hub's Mosquitto client stop sending
// anything at all, and on the embedded broker ran a command whose answer could never arrive.
import { Writable } from 'node:stream';
import { type Reply, topics } from '@vikno/shared';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { WARNINGS_PER_WINDOW } from '../src/log/repeated-warnings.js';
import { MAX_REPLY_TOPIC_BYTES } from '../src/service/reply-topic.js';
import { BROKERS, closeClients, device, runHubOn, until } from './harness.js';

const prefix = topics.reply('demo', 'kiosk-1', '');
const issue = { service: 'residence-register', language: 'uk' };

/** Publishes a ticket.issue as kiosk-1 with `replyTo`, and returns the refusal on its rejected topic. */
async function refusalOf(hub: RunningHub, replyTo: string): Promise<Reply> {
  const kiosk = await device(hub, 'kiosk-1');
  const refusals: Reply[] = [];
  const rejected = topics.reply('demo', 'kiosk-1', 'rejected');
  kiosk.subscribe(rejected, (_t, payload) => refusals.push(payload as Reply));
  await kiosk.mqtt.subscribeAsync(rejected, { qos: 1 });
  await kiosk.mqtt.publishAsync(
    topics.command('demo', 'kiosk-1', 'ticket.issue'),
    JSON.stringify({ id: 'bad-reply-topic-1', replyTo, args: issue }),
    {
      qos: 1,
    },
  );
  return until(() => refusals[0], 10_000, 'the refusal on the rejected topic');
}

describe.each(BROKERS)('a reply topic the hub cannot answer on, on the %s broker', (broker) => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await runHubOn(broker);
  });
  afterEach(closeClients);
  afterAll(() => hub?.stop());

  it.each([
    ['70 KB long', `${prefix}${'x'.repeat(70_000)}`, /at most 256 bytes long; it is 700\d\d/],
    ['1 MB long', `${prefix}${'x'.repeat(1_000_000)}`, /at most 256 bytes long; it is 10000\d\d/],
    ['with U+0000', `${prefix}a\u0000b`, /character U\+0000/],
    ['with a C1 control (U+0085)', `${prefix}a\u0085b`, /character U\+0085/],
    ['with a lone surrogate', `${prefix}a\ud800b`, /character U\+D800/],
    ['with a wildcard', `${prefix}a/+`, /wildcard/],
  ])('%s: refused on the rejected topic, nothing recorded, and every device still answered', async (_what, replyTo, why) => {
    const before = [...hub.hub.state.tickets()].length;
    const refusal = await refusalOf(hub, replyTo);
    expect(refusal).toMatchObject({ id: '', ok: false, error: { code: 'bad_request' } });
    const message = refusal.ok ? '' : refusal.error.message;
    expect(message).toContain(`ticket.issue: replyTo must be a topic under ${prefix}<session>`);
    expect(message).toMatch(why);
    // The refusal never repeats the topic it refuses.
    expect(message.length).toBeLessThan(300);

    // Another device right after, and the same one, are answered; only their tickets were issued.
    const other = await device(hub, 'kiosk-2');
    await other.command('ticket.issue', issue);
    const same = await device(hub, 'kiosk-1');
    await same.command('ticket.issue', issue);
    await hub.hub.idle();
    expect([...hub.hub.state.tickets()].length).toBe(before + 2);
    // Every message the hub sent was taken by the broker.
    await until(() => hub.bus.health().waiting === 0, 5000, 'the broker to acknowledge every message');
    expect(hub.bus.health()).toMatchObject({ connected: true, canPublish: true, lastFailure: null });
  });

  it(`takes a reply topic of exactly ${MAX_REPLY_TOPIC_BYTES} bytes, non-ASCII characters included`, async () => {
    const kiosk = await device(hub, 'kiosk-1');
    const start = `${prefix}сесія-`;
    const replyTo = start + 'x'.repeat(MAX_REPLY_TOPIC_BYTES - Buffer.byteLength(start));
    expect(Buffer.byteLength(replyTo)).toBe(MAX_REPLY_TOPIC_BYTES);
    const answers: Reply[] = [];
    kiosk.subscribe(replyTo, (_t, payload) => answers.push(payload as Reply));
    await kiosk.mqtt.subscribeAsync(replyTo, { qos: 1 });
    await kiosk.mqtt.publishAsync(
      topics.command('demo', 'kiosk-1', 'ticket.issue'),
      JSON.stringify({ id: 'long-reply-topic', replyTo, args: issue }),
      {
        qos: 1,
      },
    );
    const answer = await until(() => answers[0], 10_000, 'the answer on the long reply topic');
    expect(answer).toMatchObject({ id: 'long-reply-topic', ok: true });
  });
});

describe('warnings about refused requests', () => {
  it('are logged ten a minute per device, then counted in one line', async () => {
    const lines: { msg: string; device?: string; left?: number; level: number }[] = [];
    const memory = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const hub = await runHubOn('embedded', pino({ level: 'warn' }, memory));
    let running = true;
    try {
      const kiosk = await device(hub, 'kiosk-1');
      const refusals: Reply[] = [];
      const rejected = topics.reply('demo', 'kiosk-1', 'rejected');
      kiosk.subscribe(rejected, (_t, payload) => refusals.push(payload as Reply));
      await kiosk.mqtt.subscribeAsync(rejected, { qos: 1 });
      const topic = topics.command('demo', 'kiosk-1', 'ticket.issue');
      for (let i = 0; i < 1000; i++) kiosk.mqtt.publish(topic, '{"not json', { qos: 1 });
      await until(() => refusals.length === 1000, 30_000, 'a thousand refusals');
      const fromKiosk = () => lines.filter((l) => l.device === 'kiosk-1');
      expect(fromKiosk()).toHaveLength(WARNINGS_PER_WINDOW);
      expect(fromKiosk().every((l) => l.msg === 'ticket.issue: the payload is not JSON')).toBe(true);
      await closeClients();
      running = false;
      await hub.stop();
      // Stopping writes the count of those left out.
      expect(fromKiosk().at(-1)).toMatchObject({ left: 1000 - WARNINGS_PER_WINDOW, msg: expect.stringContaining('left out') });
      expect(fromKiosk()).toHaveLength(WARNINGS_PER_WINDOW + 1);
    } finally {
      await closeClients();
      if (running) await hub.stop();
    }
  });
});
