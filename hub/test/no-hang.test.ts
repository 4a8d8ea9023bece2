// Every request gets an answer, whatever fails: a config change or a public booking whose write
// throws, and a command whose hall message cannot be sent, are answered, and the hub goes on serving.
import type { QueueSummary } from '@vikno/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { bookableDays, slotStarts } from '../src/appointments/booking.js';
import type { Bus } from '../src/broker/bus.js';
import type { Store } from '../src/store/store.js';
import { closeClients, counterAt, demoConfig, demoMorning, device, runHub } from './harness.js';

const config = demoConfig();
let hub: RunningHub;

beforeAll(async () => {
  hub = await runHub(config);
});
afterAll(async () => {
  await closeClients();
  await hub.stop();
});

/** Makes the record's next single commit throw, as a full disk would. */
function failNextCommit(store: Store): void {
  const commit = store.commit.bind(store);
  store.commit = () => {
    store.commit = commit;
    throw new Error('SQLITE_FULL: database or disk is full');
  };
}

async function adminCookie(): Promise<string> {
  const res = await fetch(`${hub.httpUrl}/api/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', pin: '0000' }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('every request gets an answer', () => {
  it('answers a config change whose commit throws, changes nothing, and goes on serving', async () => {
    const cookie = await adminCookie();
    const editable = (await (await fetch(`${hub.httpUrl}/api/admin/config`, { headers: { cookie } })).json()) as {
      services: { id: string; names: Record<string, string> }[];
    };
    const service = editable.services.find((s) => s.id === 'consultation')!;
    const before = service.names.uk;
    service.names.uk = 'Консультація (нова назва)';
    failNextCommit(hub.hub.record);
    const res = await fetch(`${hub.httpUrl}/api/admin/config`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ config: editable }),
    });
    // Refused as not applied, with the reason, at once: before, the request never got an answer.
    expect(res.status).toBe(400);
    expect(((await res.json()) as { problems: { key: string }[] }).problems.map((p) => p.key)).toEqual(['config.notApplied']);
    expect(hub.hub.currentConfig.services.find((s) => s.id === 'consultation')?.names.uk).toBe(before);
    const kiosk = await device(hub, 'kiosk-1');
    expect((await kiosk.command('ticket.issue', { service: 'consultation', language: 'uk' })).ticket.service).toBe('consultation');
  });

  it('answers a public booking whose commit throws, and books the next one', async () => {
    const now = demoMorning();
    const day = bookableDays(config, now)[0]!;
    const [first, second] = slotStarts(config, day).filter((at) => at > now + 60_000);
    const book = (at: number, phone: string) =>
      fetch(`${hub.httpUrl}/api/public/book`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ service: 'consultation', at, phone }),
      });
    failNextCommit(hub.hub.record);
    expect((await book(first!, '+380 50 111 22 33')).status).toBe(500);
    expect((await book(second!, '+380 50 111 22 44')).status).toBe(200);
  });

  it('answers a command whose hall message cannot be sent, and sends the rest of its state', async () => {
    const bus = Reflect.get(hub.hub, 'bus') as Bus;
    const publish = bus.publish.bind(bus);
    bus.publish = (topic, payload, options) => {
      // A client library that throws instead of rejecting (the external broker's did, on a bad topic).
      if (topic.endsWith('/state/calls')) throw new TypeError('The "chunk" argument must be of type string');
      return publish(topic, payload, options);
    };
    try {
      const kiosk = await device(hub, 'kiosk-1');
      await kiosk.command('ticket.issue', { service: 'id-card-exchange', language: 'uk' });
      const counter = await counterAt(hub, 'w3', 'mykola');
      const display = await device(hub, 'display-hall');
      const queues: QueueSummary[] = [];
      display.subscribe('vikno/v1/demo/state/queue/id-card-exchange', (_t, p) => queues.push(p as QueueSummary));
      const called = await counter.command('counter.callNext', {});
      expect(called.ticket.status).toBe('called');
      await expect.poll(() => queues.some((q) => q.waiting === 0)).toBe(true);
    } finally {
      bus.publish = publish;
    }
  });
});

describe('the contract', () => {
  it('refuses an answer that does not match its result schema, naming the field', async () => {
    const terminal = await counterAt(hub, 'w5', 'olena');
    const engine = hub.hub.state;
    const counterState = engine.counterState.bind(engine);
    // A hub drifting from the contract: a counter state without its window.
    engine.counterState = (id) => {
      const { window: _dropped, ...rest } = counterState(id);
      return rest as ReturnType<typeof counterState>;
    };
    try {
      const error = await terminal.command('counter.session', {}).then(
        () => undefined,
        (e: unknown) => e as { code: string; message: string },
      );
      expect(error?.code).toBe('internal');
      expect(error?.message).toMatch(/does not match the contract \(counter\.window/);
    } finally {
      engine.counterState = counterState;
    }
  });
});
