// Back-office cases: who a finished visit's case goes to, the pickup step, and replay.
import { type Config, type ConfigInput, configSchema, type DomainEvent, describeConfigIssues } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { EngineError, QueueEngine } from './engine.js';
import { centre, type Harness, harness, snapshot } from './test-fixtures.js';

const PIN_HASH = 'scrypt$16384$8$1$c2FsdA$aGFzaA';
type OperatorInput = NonNullable<ConfigInput['operators']>[number];
const registrar = (username: string, services: string[]): OperatorInput => ({
  username,
  name: username,
  pinHash: PIN_HASH,
  roles: ['registrar'],
  services,
});

/**
 * The test centre with passport as a back-office service whose citizens pick up at pension. Listed
 * out of username order on purpose: the random pick indexes registrars by username, not by file order.
 */
function backOfficeCentre(change: (c: ConfigInput) => ConfigInput = (c) => c): Config {
  const base = centre();
  return configSchema.parse(
    change({
      ...base,
      services: base.services.map((s) => (s.id === 'passport' ? { ...s, backOffice: true, pickupService: 'pension' } : s)),
      operators: [
        ...base.operators,
        registrar('reg-c', ['passport']),
        registrar('reg-a', ['passport']),
        registrar('reg-b', ['passport']),
        // A registrar, but not of passport: never given its cases.
        registrar('reg-pension', ['pension']),
      ],
    }),
  );
}

/** Serves the next passport visit at k2 and finishes it with `random`; returns the finish's events. */
function finishVisit(h: Harness, random: number): DomainEvent[] {
  h.issue('passport');
  h.callNext('k2');
  return h.run(h.engine.finish('k2', [], random));
}

function assignedTo(events: DomainEvent[]): string | undefined {
  const e = events.find((x) => x.type === 'case.assigned');
  return e?.type === 'case.assigned' ? e.registrar : undefined;
}

function refused(f: () => unknown, code: string) {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe(code);
    return;
  }
  throw new Error(`expected a refusal with ${code}`);
}

describe('back-office assignment', () => {
  it("opens a case for one of the service's registrars when its visit is finished", () => {
    const h = harness(backOfficeCentre());
    h.login('k2');
    const events = finishVisit(h, 0.5);
    const [finished, assigned] = events;
    expect(events).toHaveLength(2);
    expect(finished?.type).toBe('ticket.finished');
    expect(assigned).toMatchObject({
      type: 'case.assigned',
      ticketId: finished && 'ticketId' in finished ? finished.ticketId : '',
      service: 'passport',
    });
    expect(['reg-a', 'reg-b', 'reg-c']).toContain(assignedTo(events));
    expect(h.engine.cases()).toEqual([
      expect.objectContaining({ number: 'A-001', service: 'passport', status: 'open', readyAt: null, pickupTicketId: null }),
    ]);
  });

  it('picks by the injected random among equally free registrars, in username order', () => {
    // With no open cases all three are free: [0, 1/3) → reg-a, [1/3, 2/3) → reg-b, [2/3, 1) → reg-c.
    for (const [random, expected] of [
      [0, 'reg-a'],
      [0.34, 'reg-b'],
      [0.5, 'reg-b'],
      [0.999, 'reg-c'],
    ] as const) {
      const h = harness(backOfficeCentre());
      h.login('k2');
      expect(assignedTo(finishVisit(h, random))).toBe(expected);
    }
    // The same randoms give the same registrars on a second run.
    const run = () => {
      const h = harness(backOfficeCentre());
      h.login('k2');
      return [0.9, 0.1, 0.6, 0.2].map((r) => assignedTo(finishVisit(h, r)));
    };
    expect(run()).toEqual(run());
    expect(run()).toEqual(['reg-c', 'reg-a', 'reg-b', 'reg-a']);
  });

  it('gives a case only to the registrars with the fewest open cases', () => {
    const h = harness(backOfficeCentre());
    h.login('k2');
    expect(assignedTo(finishVisit(h, 0))).toBe('reg-a');
    // reg-a has one open case: whatever the random, reg-b or reg-c.
    expect(assignedTo(finishVisit(h, 0))).toBe('reg-b');
    expect(assignedTo(finishVisit(h, 0.99))).toBe('reg-c');
    // All three have one: a tie again.
    expect(assignedTo(finishVisit(h, 0.5))).toBe('reg-b');
    // reg-a's case is ready: reg-a is the only one with a single open case left.
    h.run(h.engine.caseReady(h.engine.cases('reg-a')[0]!.id, { registrar: 'reg-a', device: 'dev-b', token: 'pickup-1' }));
    expect(assignedTo(finishVisit(h, 0.99))).toBe('reg-a');
    expect(h.engine.cases().map((c) => `${c.number}:${c.registrar}:${c.status}`)).toEqual([
      'A-001:reg-a:ready',
      'A-002:reg-b:open',
      'A-003:reg-c:open',
      'A-004:reg-b:open',
      'A-005:reg-a:open',
    ]);
    expect(h.engine.cases('reg-b').map((c) => c.number)).toEqual(['A-002', 'A-004']);
  });

  it('opens no case for a service that is not back office', () => {
    const h = harness(backOfficeCentre());
    h.login('k3');
    h.issue('pension');
    h.callNext('k3');
    const events = h.run(h.engine.finish('k3', [], 0.5));
    expect(events.map((e) => e.type)).toEqual(['ticket.finished']);
    // Nothing random is needed where no case opens.
    h.issue('pension');
    h.callNext('k3');
    expect(h.run(h.engine.finish('k3', [])).map((e) => e.type)).toEqual(['ticket.finished']);
    expect(h.engine.cases()).toEqual([]);
  });

  it('refuses to finish a back-office visit without a random number, and decides nothing', () => {
    const h = harness(backOfficeCentre());
    h.login('k2');
    h.issue('passport');
    h.callNext('k2');
    expect(() => h.engine.finish('k2', [])).toThrow(/random number/);
    expect(() => h.engine.finish('k2', [], 1)).toThrow(/random number/);
    expect(h.engine.counterState('k2').ticket?.status).toBe('called');
  });

  it('opens the case under the service the visit finished in, after a transfer', () => {
    const h = harness(backOfficeCentre());
    h.login('k3');
    h.issue('pension');
    h.callNext('k3');
    h.run(h.engine.transfer('k3', { service: 'passport' }));
    h.login('k2');
    h.callNext('k2');
    expect(assignedTo(h.run(h.engine.finish('k2', [], 0)))).toBe('reg-a');
    expect(h.engine.cases()[0]).toMatchObject({ number: 'B-001', service: 'passport' });
  });
});

describe('ready for pickup', () => {
  function withCase() {
    const h = harness(backOfficeCentre());
    h.login('k2');
    h.issue('passport', { priority: 'veteran', language: 'en' }); // token-1
    h.callNext('k2');
    h.run(h.engine.finish('k2', [], 0.5)); // reg-b
    const caseId = h.engine.cases()[0]!.id;
    return { h, caseId };
  }

  it("puts the citizen in the pickup line with a new ticket that the holder's tracking link follows", () => {
    const { h, caseId } = withCase();
    h.advance(30);
    const before = h.engine.queueSummary('pension').waiting;
    const events = h.run(h.engine.caseReady(caseId, { registrar: 'reg-b', device: 'dev-k7', token: 'pickup-token' }));
    expect(events.map((e) => e.type)).toEqual(['case.ready', 'ticket.issued']);
    const issued = events[1];
    if (issued?.type !== 'ticket.issued') throw new Error('no pickup ticket');
    expect(issued.token).toBe('pickup-token');
    expect(events[0]).toEqual({
      type: 'case.ready',
      at: h.now,
      day: h.engine.day,
      ticketId: caseId,
      registrar: 'reg-b',
      device: 'dev-k7',
      pickupTicketId: issued.ticket.id,
    });
    expect(h.engine.queueSummary('pension').waiting).toBe(before + 1);
    expect(h.engine.waitingTickets('pension').map((t) => t.id)).toEqual([issued.ticket.id]);
    // Same citizen: language and priority carry over; the front-office ticket stays finished.
    const pickup = h.engine.ticketByToken('token-1');
    expect(pickup).toMatchObject({
      id: issued.ticket.id,
      number: 'B-001',
      service: 'pension',
      status: 'waiting',
      language: 'en',
      priority: 'veteran',
    });
    expect(h.engine.ticketByToken('pickup-token')?.id).toBe(issued.ticket.id);
    expect(h.engine.ticket(caseId).status).toBe('finished');
    expect(h.engine.backOfficeCase(caseId)).toMatchObject({ status: 'ready', readyAt: h.now, pickupTicketId: issued.ticket.id });
    // The pickup counter calls it like any other ticket.
    h.login('k3');
    expect(h.callNext('k3').id).toBe(issued.ticket.id);
  });

  it("is refused for another registrar's case, twice, or for an unknown case", () => {
    const { h, caseId } = withCase();
    refused(() => h.engine.caseReady(caseId, { registrar: 'reg-a', device: 'dev-k7', token: 't' }), 'forbidden');
    refused(() => h.engine.caseReady('2026-11-23:Z-001', { registrar: null, device: 'admin-1', token: 't' }), 'unknown_case');
    // An admin device may mark any case ready.
    h.run(h.engine.caseReady(caseId, { registrar: null, device: 'admin-1', token: 't' }));
    refused(() => h.engine.caseReady(caseId, { registrar: 'reg-b', device: 'dev-k7', token: 't2' }), 'case_ready');
  });

  it("replays the day's events into the same cases, pickup tickets and tracking links", () => {
    const { h, caseId } = withCase();
    finishVisit(h, 0);
    finishVisit(h, 0.9);
    h.advance(10);
    h.run(h.engine.caseReady(caseId, { registrar: 'reg-b', device: 'dev-k7', token: 'pickup-token' }));
    const replayed = new QueueEngine(h.config, h.clock);
    replayed.apply(h.log);
    expect(replayed.cases()).toEqual(h.engine.cases());
    expect(replayed.cases().map((c) => c.registrar)).toEqual(['reg-b', 'reg-a', 'reg-c']);
    expect(replayed.ticketByToken('token-1')).toEqual(h.engine.ticketByToken('token-1'));
    expect(replayed.ticketByToken('token-1')?.service).toBe('pension');
    expect(snapshot(replayed)).toEqual(snapshot(h.engine));
  });
});

describe('back-office config', () => {
  const problems = (change: (c: ConfigInput) => ConfigInput) => {
    const input = change(backOfficeCentre());
    const parsed = configSchema.safeParse(input);
    return parsed.success ? [] : describeConfigIssues(parsed.error, input);
  };
  const passport = (patch: object) => (c: ConfigInput) => ({
    ...c,
    services: c.services?.map((s) => (s.id === 'passport' ? { ...s, ...patch } : s)),
  });

  it('accepts the test centre', () => {
    expect(problems((c) => c)).toEqual([]);
  });

  it('checks the pickup service', () => {
    expect(problems(passport({ pickupService: undefined }))).toEqual([
      'services.0.pickupService: a back-office service needs the pickup service its citizens join',
    ]);
    expect(problems(passport({ pickupService: 'nowhere' }))).toEqual(['services.0.pickupService: unknown service "nowhere"']);
    expect(problems(passport({ pickupService: 'passport' }))).toEqual([
      'services.0.pickupService: the pickup service cannot itself be a back-office service',
    ]);
    expect(problems(passport({ backOffice: false }))).toEqual([
      'services.0.pickupService: only a back-office service has a pickup service',
    ]);
  });

  it('needs a registrar for each back-office service, and gives services only to registrars', () => {
    const noRegistrars = (c: ConfigInput) => ({ ...c, operators: c.operators?.filter((o) => !o.roles?.includes('registrar')) });
    expect(problems(noRegistrars)).toEqual([
      'services.0.backOffice: no registrar handles "passport": give one its id in operators[].services',
    ]);
    const alice = (patch: object) => (c: ConfigInput) => ({
      ...c,
      operators: c.operators?.map((o) => (o.username === 'alice' ? { ...o, ...patch } : o)),
    });
    expect(problems(alice({ services: ['passport'] }))).toEqual(['operators.0.services: only a registrar is given back-office services']);
    expect(problems(alice({ roles: ['registrar'], services: ['nope'] }))).toEqual(['operators.0.services.0: unknown service "nope"']);
  });
});
