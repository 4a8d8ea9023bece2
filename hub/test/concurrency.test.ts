// Fifty counters press "call next" at the same instant: each ticket is called exactly once.

import { join } from 'node:path';
import { type CommandError, type ConfigInput, configSchema } from '@vikno/shared';
import type { ViknoClient } from '@vikno/shared/client';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { hashSecret } from '../src/security/hashing.js';
import { closeClients, demoConfigInput, device, runHub } from './harness.js';

const N = 50;
let hub: RunningHub;
let counters: ViknoClient[];
let kiosk: ViknoClient;
let dataDir: string;

beforeAll(async () => {
  const demo = demoConfigInput();
  const pinHash = demo.operators?.[1]?.pinHash ?? '';
  const ids = Array.from({ length: N }, (_, i) => `c${i + 1}`);
  const input: ConfigInput = {
    ...demo,
    counters: ids.map((id, i) => ({ id, window: i + 1, zone: 'front-office', services: [{ service: 'consultation', weight: 1 }] })),
    operators: [
      ...ids.map((id) => ({ username: `op-${id}`, name: `Operator ${id}`, pinHash })),
      // The back-office services need their registrars.
      ...(demo.operators ?? []).filter((o) => o.roles?.includes('registrar')),
    ],
    devices: [
      // Devices bound to the demo's counters (terminals, the feedback tablet) have no counter here.
      ...(demo.devices ?? []).filter((d) => !d.counter),
      // Fewer PBKDF2 rounds than production only to keep 50 sign-ins quick; the format is the same.
      ...ids.map((id) => ({
        id: `counter-${id}`,
        role: 'counter' as const,
        counter: id,
        secretHash: hashSecret(`demo-counter-${id}`, 1000),
      })),
    ],
  };
  const config = configSchema.parse(input);
  dataDir = config.dataDir;
  hub = await runHub(config);
  kiosk = await device(hub, 'kiosk-1');
  counters = await Promise.all(
    ids.map(async (id) => {
      const c = await device(hub, `counter-${id}`);
      await c.command('operator.login', { username: `op-${id}`, pin: '1234' });
      return c;
    }),
  );
});

afterAll(async () => {
  await closeClients();
  await hub.stop();
});

describe('concurrency', () => {
  it(`${N} counters calling next together get ${N} different tickets`, async () => {
    const issued = await Promise.all(
      Array.from({ length: N }, () => kiosk.command('ticket.issue', { service: 'consultation', language: 'uk' })),
    );
    const results = await Promise.all(counters.map((c) => c.command('counter.callNext', {})));
    const called = results.map((r) => r.ticket.id);
    expect(new Set(called).size).toBe(N);
    expect(new Set(called)).toEqual(new Set(issued.map((t) => t.ticket.id)));
    // Each ticket is at the counter that called it, and the record holds exactly one call per ticket.
    for (const r of results) expect(r.counter.ticket?.id).toBe(r.ticket.id);
    const db = new Database(join(dataDir, 'vikno.db'), { readonly: true });
    const rows = db.prepare("SELECT ticket_id, count(*) AS n FROM events WHERE type = 'ticket.called' GROUP BY ticket_id").all() as {
      n: number;
    }[];
    db.close();
    expect(rows).toHaveLength(N);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('with fewer tickets than counters, the rest are told the queue is empty', async () => {
    await Promise.all(counters.map((c) => c.command('counter.finish', {})));
    const few = 20;
    await Promise.all(Array.from({ length: few }, () => kiosk.command('ticket.issue', { service: 'consultation', language: 'uk' })));
    const outcomes = await Promise.allSettled(counters.map((c) => c.command('counter.callNext', {})));
    const won = outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value.ticket.id);
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => (o.reason as CommandError).code);
    expect(new Set(won).size).toBe(few);
    expect(won).toHaveLength(few);
    expect(lost).toEqual(Array(N - few).fill('queue_empty'));
  });
});
