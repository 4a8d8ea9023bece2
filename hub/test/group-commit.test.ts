// Group commit: commands that reach the hub together are decided one by one and written in one
// transaction; each is answered only once that transaction is on disk, and a command repeated
// within the group still gets its first answer and changes nothing more.
import { join } from 'node:path';
import { type CommandResult, type Reply, topics } from '@vikno/shared';
import { deviceClientId } from '@vikno/shared/client';
import Database from 'better-sqlite3';
import { connect } from 'mqtt';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { closeClients, demoConfig, demoMorning, device, runHub, until } from './harness.js';

let hub: RunningHub;
let dataDir: string;
const batches: number[] = [];

beforeAll(async () => {
  const config = demoConfig();
  dataDir = config.dataDir;
  // The hub reports each batch it writes at debug level.
  const log = pino(
    { level: 'debug' },
    {
      write(line: string) {
        const entry = JSON.parse(line) as { msg: string; commands?: number };
        if (entry.msg === 'batch written' && entry.commands) batches.push(entry.commands);
      },
    },
  );
  // On the demo's morning: late in a real day the kiosks refuse tickets the windows cannot serve.
  hub = await runHub(config, demoMorning, log);
});

afterAll(async () => {
  await closeClients();
  await hub.stop();
});

const tickets = () => {
  const db = new Database(join(dataDir, 'vikno.db'), { readonly: true });
  try {
    return db.prepare<[], { id: string; number: string }>('SELECT id, number FROM tickets ORDER BY rowid').all();
  } finally {
    db.close();
  }
};

describe('group commit', () => {
  it('writes commands that arrive together in one transaction and answers each with what was written', async () => {
    const kiosks = await Promise.all(['kiosk-1', 'kiosk-2'].map((k) => device(hub, k)));
    batches.length = 0;
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => kiosks[i % 2]!.command('ticket.issue', { service: 'consultation', language: 'uk' })),
    );
    expect(Math.max(...batches)).toBeGreaterThan(1);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(30);
    const stored = new Map(tickets().map((t) => [t.id, t.number]));
    for (const a of answers) expect(stored.get(a.ticket.id)).toBe(a.ticket.number);
    expect(new Set(answers.map((a) => a.ticket.number)).size).toBe(30);
  });

  it('answers a command repeated within one group with its first answer, and issues one ticket', async () => {
    const before = tickets().length;
    const raw = connect(hub.mqttUrl, {
      protocolVersion: 4,
      clientId: deviceClientId('kiosk-1'),
      username: 'kiosk-1',
      password: 'demo-kiosk-1',
    });
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    const replyTo = topics.reply('demo', 'kiosk-1', 'repeat-test');
    const replies: Reply[] = [];
    raw.on('message', (_t, payload) => replies.push(JSON.parse(payload.toString('utf8')) as Reply));
    await raw.subscribeAsync(replyTo, { qos: 1 });
    const request = JSON.stringify({ id: 'same-id-in-a-batch', replyTo, args: { service: 'consultation', language: 'en' } });
    // Both copies leave in one write: the hub reads them together.
    raw.publish(topics.command('demo', 'kiosk-1', 'ticket.issue'), request, { qos: 1 });
    raw.publish(topics.command('demo', 'kiosk-1', 'ticket.issue'), request, { qos: 1 });
    await until(() => replies.length === 2, 5000, 'two answers');
    await raw.endAsync();

    expect(replies[0]).toEqual(replies[1]);
    expect(replies[0]?.ok).toBe(true);
    const issued = (replies[0] as { data: CommandResult<'ticket.issue'> }).data;
    expect(tickets().length).toBe(before + 1);
    expect(tickets().at(-1)?.id).toBe(issued.ticket.id);
  });
});
