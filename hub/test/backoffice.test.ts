// Back-office cases through the real hub: a land registration finished at a front-office counter is
// drawn to one of the demo's registrars at work, recorded in the hash-chained log and told to the
// supervisors only; a front-office terminal or a display learns nothing of who has it; its "ready"
// step puts the citizen in the pickup line, where their ticket's tracking link follows them.
import { join } from 'node:path';
import { type CommandError, type Config, type DomainEvent, type EventOf, type QueueSummary, topics } from '@vikno/shared';
import type { ViknoClient } from '@vikno/shared/client';
import { connect } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { verifyAuditFile } from '../src/audit/verify.js';
import { closeClients, counterAt, demoConfig, device, runHub, until, watch } from './harness.js';

const REGISTRARS = ['halyna', 'serhii'];
const DESKS: Record<string, string> = { halyna: 'w5', serhii: 'w6' };

let config: Config;
let hub: RunningHub;
let admin: ViknoClient;
/** Every case event the supervisors' device has seen, in order. */
const caseEvents: DomainEvent[] = [];

beforeAll(async () => {
  config = demoConfig();
  hub = await runHub(config);
  admin = await device(hub, 'admin-1');
  admin.subscribe(topics.caseEvent('demo', '#'), (_topic, payload) => caseEvents.push(payload as DomainEvent));
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

const signIn = (registrar: string) => counterAt(hub, DESKS[registrar]!, registrar);

/** A land registration issued at the kiosk, called and finished at window 8; its ticket. */
async function finishLandRegistration() {
  const kiosk = await device(hub, 'kiosk-1');
  const issued = await kiosk.command('ticket.issue', { service: 'land-plot-registration', language: 'uk' });
  const counter = await counterAt(hub, 'w8', 'andrii');
  const called = await counter.command('counter.callTicket', { ticketId: issued.ticket.id });
  expect(called.ticket.id).toBe(issued.ticket.id);
  await counter.command('counter.finish', {});
  return issued;
}

const assignedCase = (caseId: string) =>
  until(
    () => caseEvents.find((e): e is EventOf<'case.assigned'> => e.type === 'case.assigned' && e.ticketId === caseId),
    5000,
    `the draw of ${caseId}`,
  );

describe('who can be drawn', () => {
  it('gives no case to a registrar who never signed in; with one alone at work, cases wait for a second', async () => {
    await signIn('halyna');
    const waiting = [await finishLandRegistration(), await finishLandRegistration()];
    await until(() => caseEvents.filter((e) => e.type === 'case.opened').length >= 2, 5000, 'the cases opened');
    const listed = await admin.command('case.list', {});
    for (const t of waiting) expect(listed.cases.find((c) => c.id === t.ticket.id)).toMatchObject({ registrar: null, status: 'open' });
    expect(caseEvents.filter((e) => e.type === 'case.assigned')).toEqual([]);

    // The second registrar signs in: the waiting cases are drawn between the two, in the same commit.
    await signIn('serhii');
    for (const t of waiting) {
      const drawn = await assignedCase(t.ticket.id);
      expect(REGISTRARS).toContain(drawn.registrar);
      expect(drawn.draw).toMatchObject({ round: 1, eligible: [{ registrar: 'halyna' }, { registrar: 'serhii' }] });
      expect(drawn.draw.commitment).toBe(hub.hub.state.drawCommitment);
    }
  });
});

describe('back-office assignment over MQTT', () => {
  it('draws a finished back-office visit to a registrar at work, told to supervisors only; ready from an admin device fills the pickup line', async () => {
    const pickupQueue = watch(admin, topics.queue('demo', 'pickup-documents'));
    const issued = await finishLandRegistration();
    const assigned = await assignedCase(issued.ticket.id);
    expect(REGISTRARS).toContain(assigned.registrar);
    expect(assigned).toMatchObject({ service: 'land-plot-registration', ticketId: issued.ticket.id });

    const day = hub.hub.state.day;
    const recorded = hub.hub.record.eventsOfDay(day).filter((e) => e.type === 'case.assigned' && e.ticketId === issued.ticket.id);
    expect(recorded).toEqual([assigned]);
    const listed = await admin.command('case.list', {});
    expect(listed.cases).toContainEqual(
      expect.objectContaining({ id: issued.ticket.id, number: issued.ticket.number, registrar: assigned.registrar, status: 'open' }),
    );

    // The citizen's tracking link says the application is in processing, and nothing of who decides it.
    const processing = await (await fetch(`${hub.httpUrl}/api/track/${issued.token}`)).text();
    expect(JSON.parse(processing)).toMatchObject({ number: issued.ticket.number, status: 'finished', inProcessing: true });
    for (const r of REGISTRARS) expect(processing).not.toContain(r);

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
    const readyEvent = await until(
      () => caseEvents.find((e) => e.type === 'case.ready' && e.ticketId === issued.ticket.id),
      5000,
      'the case.ready event',
    );
    expect(readyEvent).toMatchObject({ registrar: assigned.registrar, device: 'admin-1', pickupTicketId: ready.ticket.id });

    // The citizen's tracking link (the front-office ticket's token) now shows the pickup ticket.
    const track = (await (await fetch(`${hub.httpUrl}/api/track/${issued.token}`)).json()) as { number: string; service: string };
    expect(track).toMatchObject({ number: ready.ticket.number, service: 'pickup-documents', inProcessing: false });

    expect((await refusal(admin.command('case.ready', { caseId: issued.ticket.id }))).code).toBe('case_ready');
    expect((await refusal(admin.command('case.ready', { caseId: 'nope' }))).code).toBe('unknown_case');
    await hub.hub.idle();
    expect(verifyAuditFile(join(config.dataDir, 'vikno.db'))).toMatchObject({ code: 0 });
  });

  it('lets a registrar at a counter terminal see, start and finish only their own cases; other operators not at all', async () => {
    const issued = await finishLandRegistration();
    const assigned = await assignedCase(issued.ticket.id);
    const other = REGISTRARS.find((r) => r !== assigned.registrar)!;
    const mine = await signIn(assigned.registrar);
    const theirs = await signIn(other);
    const operator = await counterAt(hub, 'w1', 'taras');

    expect((await mine.command('case.list', {})).cases.map((c) => c.id)).toContain(issued.ticket.id);
    expect((await theirs.command('case.list', {})).cases.map((c) => c.id)).not.toContain(issued.ticket.id);
    expect((await refusal(theirs.command('case.list', { registrar: assigned.registrar }))).code).toBe('forbidden');
    expect((await refusal(operator.command('case.list', {}))).code).toBe('forbidden');
    expect((await refusal(theirs.command('case.ready', { caseId: issued.ticket.id }))).code).toBe('forbidden');
    expect((await refusal(operator.command('case.ready', { caseId: issued.ticket.id }))).code).toBe('forbidden');
    expect((await refusal(theirs.command('case.start', { caseId: issued.ticket.id }))).code).toBe('forbidden');

    const started = await mine.command('case.start', { caseId: issued.ticket.id });
    expect(started.case).toMatchObject({ id: issued.ticket.id, registrar: assigned.registrar, startedAt: expect.any(Number) });
    // Again: the same answer, nothing new recorded.
    expect((await mine.command('case.start', { caseId: issued.ticket.id })).case).toEqual(started.case);
    const ready = await mine.command('case.ready', { caseId: issued.ticket.id });
    expect(ready.ticket.service).toBe('pickup-documents');
    const readyEvent = await until(
      () => caseEvents.find((e) => e.type === 'case.ready' && e.ticketId === issued.ticket.id),
      5000,
      "the registrar's case.ready event",
    );
    expect(readyEvent).toMatchObject({ registrar: assigned.registrar, device: `counter-${DESKS[assigned.registrar]}` });
    expect(
      hub.hub.record.eventsOfDay(hub.hub.state.day).filter((e) => e.type === 'case.started' && e.ticketId === issued.ticket.id),
    ).toHaveLength(1);
  });
});

describe('what a front-office terminal or a display can read', () => {
  it('never names the registrar of a case: no case event reaches them, and they may not subscribe to the supervisors’ topic', async () => {
    // What the prediction attack counted from: everything a front-office clerk's terminal and a hall
    // display may read (the ACL's read rules: events, state, presence, health).
    const readers = [await device(hub, 'counter-w9'), await device(hub, 'display-hall')];
    const received: { topic: string; payload: string }[] = [];
    for (const r of readers)
      for (const filter of ['event/#', 'state/#', 'presence/#', 'health/#'])
        r.subscribe(`vikno/v1/demo/${filter}`, (topic, payload) => received.push({ topic, payload: JSON.stringify(payload) }));

    const cases: string[] = [];
    for (let i = 0; i < 4; i++) cases.push((await finishLandRegistration()).ticket.id);
    for (const id of cases) await assignedCase(id);
    await hub.hub.idle();
    // The finishes themselves reach the readers (so they were listening), the draws do not.
    await until(
      () => cases.every((id) => received.some((m) => m.topic.endsWith('/event/ticket.finished') && m.payload.includes(id))),
      5000,
      'the finishes',
    );
    expect(received.filter((m) => m.topic.includes('/event/case.'))).toEqual([]);
    for (const m of received.filter((x) => cases.some((id) => x.payload.includes(id))))
      for (const r of REGISTRARS) expect(m.payload, m.topic).not.toContain(r);

    for (const username of ['counter-w9', 'display-hall']) {
      const raw = connect(hub.mqttUrl, { protocolVersion: 4, username, password: `demo-${username}`, reconnectPeriod: 0 });
      await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
      const error = (await raw.subscribeAsync([topics.caseEvent('demo', '#'), topics.calls('demo')]).catch((e: unknown) => e)) as {
        packet?: { granted: number[] };
      };
      raw.end(true);
      // SUBACK 0x80 for the case events (MQTT 3.1.1 §3.9.3); the calls are granted.
      expect(error.packet?.granted, username).toEqual([128, 0]);
    }
  });
});
