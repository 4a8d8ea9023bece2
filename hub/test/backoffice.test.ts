// Back-office cases through the real hub: a land registration finished at a front-office counter goes
// to one of the demo's registrars, is recorded in the hash-chained log, and its "ready" step puts the
// citizen in the pickup line, where their ticket's tracking link follows them.
import { join } from 'node:path';
import { type CommandError, type Config, type DomainEvent, type EventOf, type QueueSummary, topics } from '@vikno/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { verifyAuditFile } from '../src/audit/verify.js';
import { closeClients, counterAt, demoConfig, device, runHub, until, watch } from './harness.js';

const REGISTRARS = ['halyna', 'serhii'];

let config: Config;
let hub: RunningHub;

beforeAll(async () => {
  config = demoConfig();
  hub = await runHub(config);
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

/** A land registration issued at the kiosk, called and finished at window 8; its case event. */
async function finishLandRegistration(seen: Map<string, unknown>) {
  const kiosk = await device(hub, 'kiosk-1');
  const issued = await kiosk.command('ticket.issue', { service: 'land-plot-registration', language: 'uk' });
  const counter = await counterAt(hub, 'w8', 'andrii');
  const called = await counter.command('counter.callTicket', { ticketId: issued.ticket.id });
  expect(called.ticket.id).toBe(issued.ticket.id);
  await counter.command('counter.finish', {});
  const topic = topics.event('demo', 'case.assigned');
  const assigned = await until(
    () => {
      const e = seen.get(topic) as DomainEvent | undefined;
      return e?.type === 'case.assigned' && e.ticketId === issued.ticket.id ? e : undefined;
    },
    5000,
    'the case.assigned event',
  );
  return { issued, assigned };
}

describe('back-office assignment over MQTT', () => {
  it('assigns a finished back-office visit to a registrar, in the audit log; ready from an admin device fills the pickup line', async () => {
    const admin = await device(hub, 'admin-1');
    const seen = watch(admin, topics.event('demo', '#'));
    const pickupQueue = watch(admin, topics.queue('demo', 'pickup-documents'));
    const { issued, assigned } = await finishLandRegistration(seen);
    expect(REGISTRARS).toContain(assigned.registrar);
    expect(assigned).toMatchObject({ service: 'land-plot-registration', ticketId: issued.ticket.id });

    const day = hub.hub.state.day;
    const recorded = hub.hub.record.eventsOfDay(day).filter((e) => e.type === 'case.assigned');
    expect(recorded).toEqual([assigned]);
    const listed = await admin.command('case.list', {});
    expect(listed.cases).toEqual([
      expect.objectContaining({ id: issued.ticket.id, number: issued.ticket.number, registrar: assigned.registrar, status: 'open' }),
    ]);

    const waitingBefore = await until(
      () => (pickupQueue.get(topics.queue('demo', 'pickup-documents')) as QueueSummary | undefined)?.waiting,
      5000,
      'the pickup queue summary',
    );
    const ready = await admin.command('case.ready', { caseId: issued.ticket.id });
    expect(ready.case).toMatchObject({ status: 'ready', pickupTicketId: ready.ticket.id });
    expect(ready.ticket).toMatchObject({ service: 'pickup-documents', status: 'waiting', language: 'uk' });
    await until(
      () => (pickupQueue.get(topics.queue('demo', 'pickup-documents')) as QueueSummary | undefined)?.waiting === waitingBefore + 1,
      5000,
      'one more waiting in the pickup line',
    );
    await until(() => seen.has(topics.event('demo', 'case.ready')), 5000, 'the case.ready event');
    expect(seen.get(topics.event('demo', 'case.ready'))).toMatchObject({
      ticketId: issued.ticket.id,
      registrar: assigned.registrar,
      device: 'admin-1',
      pickupTicketId: ready.ticket.id,
    });

    // The citizen's tracking link (the front-office ticket's token) now shows the pickup ticket.
    const track = (await (await fetch(`${hub.httpUrl}/api/track/${issued.token}`)).json()) as { number: string; service: string };
    expect(track).toMatchObject({ number: ready.ticket.number, service: 'pickup-documents' });

    expect((await refusal(admin.command('case.ready', { caseId: issued.ticket.id }))).code).toBe('case_ready');
    expect((await refusal(admin.command('case.ready', { caseId: 'nope' }))).code).toBe('unknown_case');
    await hub.hub.idle();
    expect(verifyAuditFile(join(config.dataDir, 'vikno.db'))).toMatchObject({ code: 0 });
  });

  it('lets a registrar at a counter terminal see and finish only their own cases; other operators not at all', async () => {
    const admin = await device(hub, 'admin-1');
    const seen = watch(admin, topics.event('demo', '#'));
    const { issued, assigned } = await finishLandRegistration(seen);
    const other = REGISTRARS.find((r) => r !== assigned.registrar)!;
    const mine = await counterAt(hub, 'w5', assigned.registrar);
    const theirs = await counterAt(hub, 'w6', other);
    const operator = await counterAt(hub, 'w1', 'taras');

    expect((await mine.command('case.list', {})).cases.map((c) => c.id)).toContain(issued.ticket.id);
    expect((await theirs.command('case.list', {})).cases.map((c) => c.id)).not.toContain(issued.ticket.id);
    expect((await refusal(theirs.command('case.list', { registrar: assigned.registrar }))).code).toBe('forbidden');
    expect((await refusal(operator.command('case.list', {}))).code).toBe('forbidden');
    expect((await refusal(theirs.command('case.ready', { caseId: issued.ticket.id }))).code).toBe('forbidden');
    expect((await refusal(operator.command('case.ready', { caseId: issued.ticket.id }))).code).toBe('forbidden');

    const ready = await mine.command('case.ready', { caseId: issued.ticket.id });
    expect(ready.ticket.service).toBe('pickup-documents');
    await until(
      () => (seen.get(topics.event('demo', 'case.ready')) as EventOf<'case.ready'> | undefined)?.ticketId === issued.ticket.id,
      5000,
      "the registrar's case.ready event",
    );
    expect(seen.get(topics.event('demo', 'case.ready'))).toMatchObject({ registrar: assigned.registrar, device: 'counter-w5' });
  });
});
