// Back-office cases: who a finished visit's case is drawn to, what an observer or a clerk can do
// about it, giving cases back and carrying them over, the pickup step, and replay.
import { type Config, type ConfigInput, configSchema, type DomainEvent, describeConfigIssues, type EventOf } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { chances, commitmentOf, type DrawSecrets, drawFraction, pick } from './draw.js';
import { QueueEngine } from './engine.js';
import { centre, type Harness, harness, MINUTE, MORNING, refusal, snapshot } from './test-fixtures.js';

const PIN_HASH = 'scrypt$16384$8$1$c2FsdA$aGFzaA';
type OperatorInput = NonNullable<ConfigInput['operators']>[number];
const registrar = (username: string, services: string[]): OperatorInput => ({
  username,
  name: username,
  pinHash: PIN_HASH,
  roles: ['registrar'],
  services,
});

const SECRET = Buffer.alloc(32, 7);
const COMMITMENT = commitmentOf(SECRET);
const secrets: DrawSecrets = (c) => (c === COMMITMENT ? SECRET : undefined);
/** Each registrar's desk: a counter of its own, serving only the inactive archive service. */
const DESK: Record<string, string> = { 'reg-a': 'd1', 'reg-b': 'd2', 'reg-c': 'd3', 'reg-d': 'd4' };
const PASSPORT_REGISTRARS = ['reg-a', 'reg-b', 'reg-c', 'reg-d'];

/**
 * The test centre with passport as a back-office service whose citizens pick up at pension, four
 * passport registrars and one of pension. Listed out of username order on purpose: a draw lists its
 * candidates by username, not by file order.
 */
function backOfficeCentre(change: (c: ConfigInput) => ConfigInput = (c) => c): Config {
  const base = centre();
  return configSchema.parse(
    change({
      ...base,
      services: base.services.map((s) => (s.id === 'passport' ? { ...s, backOffice: true, pickupService: 'pension' } : s)),
      counters: [
        ...base.counters,
        ...Object.values(DESK).map((id, i) => ({ id, window: 11 + i, zone: 'hall', services: [{ service: 'archive' }] })),
      ],
      operators: [
        ...base.operators,
        registrar('reg-c', ['passport']),
        registrar('reg-a', ['passport']),
        registrar('reg-d', ['passport']),
        registrar('reg-b', ['passport']),
        // A registrar, but not of passport: never given its cases.
        registrar('reg-pension', ['pension']),
      ],
    }),
  );
}

/** A day with its draws committed and a front-office clerk at k2; `present` registrars signed in. */
function office(present: readonly string[], change?: (c: ConfigInput) => ConfigInput): Harness {
  const h = harness(backOfficeCentre(change), MORNING, secrets);
  h.run(h.engine.commitDraws(COMMITMENT));
  h.login('k2', 'clerk');
  for (const r of present) signIn(h, r);
  return h;
}

const signIn = (h: Harness, r: string) => h.login(DESK[r]!, r);
const withSettings = (backOffice: ConfigInput['backOffice']) => (c: ConfigInput) => ({ ...c, backOffice });

/** Serves the next passport visit at `counter` and finishes it; returns the finish's events. */
function finishVisit(h: Harness, counter = 'k2'): DomainEvent[] {
  const t = h.issue('passport');
  h.run(h.engine.callTicket(counter, t.id));
  return h.run(h.engine.finish(counter, []));
}

function assignment(events: DomainEvent[]): EventOf<'case.assigned'> | undefined {
  return events.find((x): x is EventOf<'case.assigned'> => x.type === 'case.assigned');
}

const assignedTo = (events: DomainEvent[]) => assignment(events)?.registrar;

let pickupTokens = 0;
function ready(h: Harness, caseId: string) {
  const c = h.engine.backOfficeCase(caseId);
  return h.run(
    h.engine.caseReady(caseId, { registrar: c.registrar, device: `dev-${DESK[c.registrar!]}`, token: `pickup-${++pickupTokens}` }),
  );
}

function openLoads(h: Harness): Map<string, number> {
  const loads = new Map(PASSPORT_REGISTRARS.map((r) => [r, 0]));
  for (const c of h.engine.cases()) if (c.status === 'open' && c.registrar) loads.set(c.registrar, loads.get(c.registrar)! + 1);
  return loads;
}

/** A repeatable stream of numbers in [0, 1) for the tests' own choices (mulberry32). */
function numbers(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Each registrar finishes each of their open cases with probability `p`. */
function registrarsWork(h: Harness, random: () => number, p: number): void {
  for (const c of h.engine.cases()) if (c.status === 'open' && c.registrar && random() < p) ready(h, c.id);
}

/** Pearson's statistic of counts against expected counts. */
function chiSquare(observed: readonly number[], expected: readonly number[]): number {
  return observed.reduce((sum, o, i) => sum + (o - expected[i]!) ** 2 / expected[i]!, 0);
}
/** The χ² value a correct draw exceeds with probability 0.001, with 3 degrees of freedom (four registrars). */
const CHI2_3_P001 = 16.27;

function refused(f: () => unknown, code: string) {
  expect(refusal(f).code).toBe(code);
}

describe('the draw', () => {
  it('opens a case when a back-office visit is finished and draws it among the registrars signed in, recording how', () => {
    const h = office(['reg-b', 'reg-a']);
    const events = finishVisit(h);
    expect(events.map((e) => e.type)).toEqual(['ticket.finished', 'case.opened', 'case.assigned']);
    const caseId = events[0] && 'ticketId' in events[0] ? events[0].ticketId : '';
    const drawn = assignment(events)!;
    expect(drawn).toMatchObject({
      ticketId: caseId,
      service: 'passport',
      draw: {
        commitment: COMMITMENT,
        round: 1,
        eligible: [
          { registrar: 'reg-a', open: 0 },
          { registrar: 'reg-b', open: 0 },
        ],
      },
    });
    // The registrar follows from the committed secret, the case and the recorded list, and from nothing else.
    expect(drawn.registrar).toBe(pick(drawn.draw.eligible, drawFraction(SECRET, caseId, 1)));
    expect(h.engine.cases()).toEqual([
      {
        id: caseId,
        number: 'A-001',
        service: 'passport',
        registrar: drawn.registrar,
        status: 'open',
        openedAt: MORNING,
        assignedAt: MORNING,
        startedAt: null,
        readyAt: null,
        pickupTicketId: null,
      },
    ]);
  });

  it('gives every eligible registrar a chance, the less loaded a larger one', () => {
    expect(chances([{ registrar: 'a', open: 3 }])).toEqual([1]);
    expect(
      chances([
        { registrar: 'a', open: 0 },
        { registrar: 'b', open: 0 },
      ]),
    ).toEqual([0.5, 0.5]);
    // One case more: half the least loaded one's chance; three more: a quarter.
    const [a, b, c] = chances([
      { registrar: 'a', open: 2 },
      { registrar: 'b', open: 3 },
      { registrar: 'c', open: 5 },
    ]);
    expect(b! / a!).toBeCloseTo(1 / 2);
    expect(c! / a!).toBeCloseTo(1 / 4);
    expect(a! + b! + c!).toBeCloseTo(1);
  });

  it('spreads 1,000 draws as its stated chances say (χ² test), with equal and with unequal loads', () => {
    const equal = PASSPORT_REGISTRARS.map((r) => ({ registrar: r, open: 0 }));
    const unequal = [
      { registrar: 'reg-a', open: 4 },
      { registrar: 'reg-b', open: 4 },
      { registrar: 'reg-c', open: 5 },
      { registrar: 'reg-d', open: 7 },
    ];
    for (const eligible of [equal, unequal]) {
      const counts = new Map(eligible.map((c) => [c.registrar, 0]));
      for (let i = 1; i <= 1000; i++) {
        const r = pick(eligible, drawFraction(SECRET, `2026-11-23:A-${i}`, 1));
        counts.set(r, counts.get(r)! + 1);
      }
      const expected = chances(eligible).map((p) => p * 1000);
      expect(chiSquare([...counts.values()], expected)).toBeLessThan(CHI2_3_P001);
    }
  });

  it('spreads 1,000 cases through the engine evenly over four registrars who keep up with them (χ² test)', () => {
    const h = office(PASSPORT_REGISTRARS);
    const counts = new Map(PASSPORT_REGISTRARS.map((r) => [r, 0]));
    for (let i = 0; i < 1000; i++) {
      const drawn = assignment(finishVisit(h))!;
      counts.set(drawn.registrar, counts.get(drawn.registrar)! + 1);
      ready(h, drawn.ticketId);
    }
    expect(chiSquare([...counts.values()], [250, 250, 250, 250])).toBeLessThan(CHI2_3_P001);
  });

  it('never draws a registrar who is not signed in or is on a break (the absent-registrar attack)', () => {
    const h = office(['reg-a', 'reg-b', 'reg-d'], withSettings({ maxOpenCases: 1000 }));
    h.run(h.engine.pause('d4', 'lunch'));
    const got = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      const r = assignedTo(finishVisit(h))!;
      got.set(r, (got.get(r) ?? 0) + 1);
    }
    // reg-c never signed in, reg-d is on a break: 0 of 200 (the old rule gave an absent registrar 54).
    expect([...got.keys()].sort()).toEqual(['reg-a', 'reg-b']);
    expect(got.get('reg-a')! + got.get('reg-b')!).toBe(200);
  });

  it('leaves an observer who knows every past assignment unable to tell the next (the prediction attack)', () => {
    // The observer's best rule is the old one: the registrar with the fewest open cases gets it.
    // Under that rule such a guess was always right; now it is right no more often than the draw's odds.
    const h = office(PASSPORT_REGISTRARS);
    const random = numbers(1);
    let guesses = 0;
    let right = 0;
    for (let i = 0; i < 400; i++) {
      const loads = openLoads(h);
      const least = Math.min(...loads.values());
      const fewest = [...loads].filter(([, n]) => n === least).map(([r]) => r);
      const drawn = assignment(finishVisit(h))!;
      // No draw among several registrars is a certainty for anyone.
      expect(Math.max(...chances(drawn.draw.eligible))).toBeLessThan(1);
      if (fewest.length === 1) {
        guesses++;
        if (drawn.registrar === fewest[0]) right++;
      }
      registrarsWork(h, random, 0.3);
    }
    expect(guesses).toBeGreaterThan(50);
    expect(right / guesses).toBeLessThan(0.6);
  });

  it('does not let a clerk steer a case by finishing the visit when a friend has the fewest open cases (the timing attack)', () => {
    const h = office(PASSPORT_REGISTRARS);
    h.login('k4', 'friendly-clerk');
    const random = numbers(2);
    const friend = 'reg-c';
    let steered = 0;
    let landed = 0;
    for (let i = 0; i < 5000 && steered < 40; i++) {
      // The hall goes on: other visits finish, registrars finish cases.
      finishVisit(h);
      registrarsWork(h, random, 0.3);
      const loads = openLoads(h);
      const friendLoad = loads.get(friend)!;
      if ([...loads].every(([r, n]) => r === friend || n > friendLoad)) {
        // The friend has strictly the fewest: now the held visit is finished.
        steered++;
        if (assignedTo(finishVisit(h, 'k4')) === friend) landed++;
      }
    }
    expect(steered).toBe(40);
    // Under the old rule 40 of 40; a fair draw among four would give about 10.
    expect(landed / steered).toBeLessThan(0.6);
  });

  it('waits until minEligible registrars can take a case, then draws it', () => {
    const h = office(['reg-a']);
    const events = finishVisit(h);
    expect(events.map((e) => e.type)).toEqual(['ticket.finished', 'case.opened']);
    const caseId = events[1] && 'ticketId' in events[1] ? events[1].ticketId : '';
    expect(h.engine.backOfficeCase(caseId)).toMatchObject({ registrar: null, status: 'open', assignedAt: null });
    expect(h.engine.casesDue()).toEqual([]);
    h.advance(5);
    signIn(h, 'reg-b');
    const due = h.run(h.engine.casesDue());
    expect(due).toEqual([
      {
        type: 'case.assigned',
        at: MORNING + 5 * MINUTE,
        day: '2026-11-23',
        ticketId: caseId,
        service: 'passport',
        registrar: expect.stringMatching(/^reg-[ab]$/),
        draw: {
          commitment: COMMITMENT,
          round: 1,
          eligible: [expect.objectContaining({ registrar: 'reg-a' }), expect.objectContaining({ registrar: 'reg-b' })],
        },
      },
    ]);
    expect(h.engine.casesDue()).toEqual([]);
  });

  it('draws for a service with a single registrar as soon as that one can take the case', () => {
    const h = office([], (c) => ({
      ...c,
      operators: c.operators?.filter((o) => !o.services?.includes('passport') || o.username === 'reg-a'),
    }));
    signIn(h, 'reg-a');
    expect(assignedTo(finishVisit(h))).toBe('reg-a');
  });

  it('gives no case to a registrar at the load cap; one waits until a case is ready', () => {
    const h = office(['reg-a', 'reg-b'], withSettings({ maxOpenCases: 2, minEligible: 1 }));
    for (let i = 0; i < 4; i++) expect(assignedTo(finishVisit(h))).toMatch(/^reg-[ab]$/);
    expect(openLoads(h).get('reg-a')).toBe(2);
    expect(openLoads(h).get('reg-b')).toBe(2);
    const waiting = finishVisit(h);
    expect(assignedTo(waiting)).toBeUndefined();
    ready(h, h.engine.cases('reg-b')[0]!.id);
    expect(h.run(h.engine.casesDue())).toEqual([
      expect.objectContaining({
        type: 'case.assigned',
        registrar: 'reg-b',
        draw: expect.objectContaining({ eligible: [{ registrar: 'reg-b', open: 1 }] }),
      }),
    ]);
  });

  it('refuses to draw on a day without a committed secret: such a draw could not be checked', () => {
    const h = harness(backOfficeCentre(), MORNING, secrets);
    h.login('k2', 'clerk');
    signIn(h, 'reg-a');
    signIn(h, 'reg-b');
    h.issue('passport');
    h.callNext('k2');
    expect(() => h.engine.finish('k2', [])).toThrow(/no draw secret/);
    expect(h.engine.counterState('k2').ticket?.status).toBe('called');
  });

  it('opens no case for a service that is not back office', () => {
    const h = office(['reg-a', 'reg-b']);
    h.login('k3');
    h.issue('pension');
    h.callNext('k3');
    expect(h.run(h.engine.finish('k3', [])).map((e) => e.type)).toEqual(['ticket.finished']);
    expect(h.engine.cases()).toEqual([]);
  });

  it('opens the case under the service the visit finished in, after a transfer', () => {
    const h = office(['reg-a', 'reg-b']);
    h.login('k3');
    h.issue('pension');
    h.callNext('k3');
    h.run(h.engine.transfer('k3', { service: 'passport' }));
    h.callNext('k2');
    expect(assignedTo(h.run(h.engine.finish('k2', [])))).toMatch(/^reg-[ab]$/);
    expect(h.engine.cases()[0]).toMatchObject({ number: 'B-001', service: 'passport' });
  });
});

describe('registrars away', () => {
  /** reg-a alone at first (minEligible 1), given two cases, starting one; then reg-b and reg-c come. */
  function twoCasesOfA() {
    const h = office(['reg-a'], withSettings({ minEligible: 1, returnAfterMinutes: 30 }));
    const first = assignment(finishVisit(h))!;
    const second = assignment(finishVisit(h))!;
    expect([first.registrar, second.registrar]).toEqual(['reg-a', 'reg-a']);
    h.run(h.engine.caseStart(first.ticketId, 'reg-a'));
    signIn(h, 'reg-b');
    signIn(h, 'reg-c');
    return { h, started: first.ticketId, unstarted: second.ticketId };
  }

  it('gives the unstarted cases of a registrar signed out for returnAfterMinutes back to the draw; the started stay', () => {
    const { h, started, unstarted } = twoCasesOfA();
    h.advance(10);
    const leftAt = h.now;
    h.run(h.engine.logout('d1'));
    h.now = leftAt + 30 * MINUTE - 1;
    expect(h.engine.casesDue()).toEqual([]);
    h.now = leftAt + 30 * MINUTE;
    const due = h.run(h.engine.casesDue());
    expect(due.map((e) => e.type)).toEqual(['case.returned', 'case.assigned']);
    expect(due[0]).toEqual({
      type: 'case.returned',
      at: h.now,
      day: '2026-11-23',
      ticketId: unstarted,
      registrar: 'reg-a',
      reason: 'signedOut',
    });
    expect(due[1]).toMatchObject({
      ticketId: unstarted,
      registrar: expect.stringMatching(/^reg-[bc]$/),
      draw: {
        round: 2,
        eligible: [
          { registrar: 'reg-b', open: 0 },
          { registrar: 'reg-c', open: 0 },
        ],
      },
    });
    expect(h.engine.backOfficeCase(started)).toMatchObject({ registrar: 'reg-a', status: 'open' });
    expect(h.engine.casesDue()).toEqual([]);
  });

  it('counts a break as away too, and a registrar back in time keeps their cases', () => {
    const { h, unstarted } = twoCasesOfA();
    h.run(h.engine.pause('d1', 'lunch'));
    h.advance(29);
    expect(h.engine.casesDue()).toEqual([]);
    h.run(h.engine.resume('d1'));
    h.advance(60);
    expect(h.engine.casesDue()).toEqual([]);
    h.run(h.engine.pause('d1', 'lunch'));
    h.advance(30);
    expect(h.run(h.engine.casesDue())[0]).toMatchObject({ type: 'case.returned', ticketId: unstarted, reason: 'break' });
  });

  it('keeps a returned case waiting when too few can take it, and draws it once enough can', () => {
    const h = office(['reg-a', 'reg-b'], withSettings({ returnAfterMinutes: 30 }));
    const drawn = assignment(finishVisit(h))!;
    const other = drawn.registrar === 'reg-a' ? 'reg-b' : 'reg-a';
    h.run(h.engine.logout(DESK[drawn.registrar]!));
    h.advance(30);
    expect(h.run(h.engine.casesDue()).map((e) => e.type)).toEqual(['case.returned']);
    expect(h.engine.backOfficeCase(drawn.ticketId).registrar).toBeNull();
    signIn(h, 'reg-c');
    expect(h.run(h.engine.casesDue())).toEqual([
      expect.objectContaining({
        type: 'case.assigned',
        ticketId: drawn.ticketId,
        draw: expect.objectContaining({ round: 2, eligible: [other, 'reg-c'].sort().map((r) => ({ registrar: r, open: 0 })) }),
      }),
    ]);
  });

  it('lets only a case’s registrar start it, once; a ready case cannot be started', () => {
    const h = office(['reg-a', 'reg-b']);
    const drawn = assignment(finishVisit(h))!;
    const other = drawn.registrar === 'reg-a' ? 'reg-b' : 'reg-a';
    refused(() => h.engine.caseStart(drawn.ticketId, other), 'forbidden');
    refused(() => h.engine.caseStart('2026-11-23:Z-001', other), 'unknown_case');
    expect(h.run(h.engine.caseStart(drawn.ticketId, drawn.registrar))).toEqual([
      { type: 'case.started', at: MORNING, day: '2026-11-23', ticketId: drawn.ticketId, registrar: drawn.registrar },
    ]);
    expect(h.engine.caseStart(drawn.ticketId, drawn.registrar)).toEqual([]);
    ready(h, drawn.ticketId);
    refused(() => h.engine.caseStart(drawn.ticketId, drawn.registrar), 'case_ready');
  });
});

describe('the end of the day', () => {
  const NEXT_MORNING = Date.UTC(2026, 10, 24, 7, 0);

  it('reveals the secret, and carries the open cases into the next day with their registrars and tracking links', () => {
    const h = office(['reg-a', 'reg-b']);
    const open = assignment(finishVisit(h))!; // token-1
    const done = assignment(finishVisit(h))!;
    ready(h, done.ticketId);
    h.login('k3', 'lone');
    const waiting = h.issue('passport', { priority: 'veteran', language: 'en' }); // token-4 (the pickup ticket took none)
    h.run(h.engine.logout(DESK['reg-b']!));
    h.run(h.engine.callTicket('k2', waiting.id));
    h.run(h.engine.finish('k2', []));
    expect(h.engine.backOfficeCase(waiting.id).registrar).toBeNull();

    h.now = NEXT_MORNING - 8 * 60 * MINUTE;
    const closing = h.run(h.engine.closeDay());
    expect(closing.filter((e) => e.type.startsWith('draw.') || e.type === 'day.closed')).toEqual([
      { type: 'draw.revealed', at: h.now, day: '2026-11-23', commitment: COMMITMENT, secret: SECRET.toString('hex') },
      { type: 'day.closed', at: h.now, day: '2026-11-23' },
    ]);
    const carried = h.engine.carryOver();
    expect(carried).toEqual([
      expect.objectContaining({
        type: 'case.carried',
        day: '2026-11-24',
        ticketId: open.ticketId,
        registrar: open.registrar,
        token: 'token-1',
      }),
      expect.objectContaining({ type: 'case.carried', ticketId: waiting.id, registrar: null, token: expect.stringMatching(/^token-/) }),
    ]);
    h.engine.startDay();
    h.run(carried);
    expect(h.engine.day).toBe('2026-11-24');
    expect(h.engine.cases()).toEqual([
      expect.objectContaining({ id: open.ticketId, number: 'A-001', registrar: open.registrar, status: 'open', openedAt: MORNING }),
      expect.objectContaining({ id: waiting.id, registrar: null, status: 'open' }),
    ]);
    // The citizen's link still finds the case, in processing.
    expect(h.engine.ticketByToken('token-1')?.id).toBe(open.ticketId);
    expect(h.engine.hasOpenCase(open.ticketId)).toBe(true);
    // Numbers restart; the carried tickets take none of today's.
    expect(h.issue('passport').number).toBe('A-001');

    // The next morning: a new secret, the registrars come back, the waiting case is drawn and both are finished.
    const secret2 = Buffer.alloc(32, 9);
    const next = new QueueEngine(h.config, h.clock, undefined, (c) => (c === commitmentOf(secret2) ? secret2 : secrets(c)));
    next.apply(h.log.filter((e) => e.day === '2026-11-24'));
    const run = (events: DomainEvent[]) => {
      next.apply(events);
      return events;
    };
    h.now = NEXT_MORNING;
    run(next.commitDraws(commitmentOf(secret2)));
    run(next.login('d1', { username: 'reg-a', name: 'A' }, 'dev-d1'));
    run(next.login('d2', { username: 'reg-b', name: 'B' }, 'dev-d2'));
    const drawn = run(next.casesDue());
    expect(drawn).toEqual([
      expect.objectContaining({
        type: 'case.assigned',
        ticketId: waiting.id,
        draw: expect.objectContaining({ commitment: commitmentOf(secret2), round: 1 }),
      }),
    ]);
    const [readyEvent, pickup] = run(next.caseReady(open.ticketId, { registrar: open.registrar, device: 'dev-d1', token: 'pickup-x' }));
    expect(readyEvent).toMatchObject({ type: 'case.ready', day: '2026-11-24', ticketId: open.ticketId });
    expect(pickup).toMatchObject({ type: 'ticket.issued', ticket: { day: '2026-11-24', service: 'pension' } });
    expect(next.ticketByToken('token-1')?.id).toBe(pickup?.type === 'ticket.issued' ? pickup.ticket.id : '');
    const later = run(next.caseReady(waiting.id, { registrar: null, device: 'admin-1', token: 'pickup-y' }))[1];
    expect(later).toMatchObject({ ticket: { language: 'en', priority: 'veteran' } });
  });

  it('carries nothing and reveals nothing twice: a closed day has nothing left to close', () => {
    const h = office(['reg-a', 'reg-b']);
    finishVisit(h);
    h.run(h.engine.closeDay());
    expect(h.engine.closeDay()).toEqual([]);
  });
});

describe('ready for pickup', () => {
  function withCase() {
    const h = office(['reg-a', 'reg-b']);
    h.issue('passport', { priority: 'veteran', language: 'en' }); // token-1
    h.callNext('k2');
    const drawn = assignment(h.run(h.engine.finish('k2', [])))!;
    return { h, caseId: drawn.ticketId, registrar: drawn.registrar, other: drawn.registrar === 'reg-a' ? 'reg-b' : 'reg-a' };
  }

  it("puts the citizen in the pickup line with a new ticket that the holder's tracking link follows", () => {
    const { h, caseId, registrar: r } = withCase();
    h.advance(30);
    const before = h.engine.queueSummary('pension').waiting;
    const events = h.run(h.engine.caseReady(caseId, { registrar: r, device: 'dev-k7', token: 'pickup-token' }));
    expect(events.map((e) => e.type)).toEqual(['case.ready', 'ticket.issued']);
    const issued = events[1];
    if (issued?.type !== 'ticket.issued') throw new Error('no pickup ticket');
    expect(issued.token).toBe('pickup-token');
    expect(events[0]).toEqual({
      type: 'case.ready',
      at: h.now,
      day: h.engine.day,
      ticketId: caseId,
      registrar: r,
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
    expect(h.engine.hasOpenCase(caseId)).toBe(false);
    expect(h.engine.backOfficeCase(caseId)).toMatchObject({ status: 'ready', readyAt: h.now, pickupTicketId: issued.ticket.id });
    // The pickup counter calls it like any other ticket.
    h.login('k3');
    expect(h.callNext('k3').id).toBe(issued.ticket.id);
  });

  it("is refused for another registrar's case, twice, or for an unknown case", () => {
    const { h, caseId, registrar: r, other } = withCase();
    refused(() => h.engine.caseReady(caseId, { registrar: other, device: 'dev-k7', token: 't' }), 'forbidden');
    refused(() => h.engine.caseReady('2026-11-23:Z-001', { registrar: null, device: 'admin-1', token: 't' }), 'unknown_case');
    // An admin device may mark any case ready.
    h.run(h.engine.caseReady(caseId, { registrar: null, device: 'admin-1', token: 't' }));
    refused(() => h.engine.caseReady(caseId, { registrar: r, device: 'dev-k7', token: 't2' }), 'case_ready');
  });

  it("replays the day's events into the same cases, pickup tickets and tracking links, with or without the secret", () => {
    const { h, caseId, registrar: r } = withCase();
    finishVisit(h);
    finishVisit(h);
    h.advance(10);
    h.run(h.engine.caseReady(caseId, { registrar: r, device: 'dev-k7', token: 'pickup-token' }));
    for (const lookup of [secrets, undefined]) {
      const replayed = new QueueEngine(h.config, h.clock, undefined, lookup);
      replayed.apply(JSON.parse(JSON.stringify(h.log)));
      expect(replayed.cases()).toEqual(h.engine.cases());
      expect(replayed.ticketByToken('token-1')).toEqual(h.engine.ticketByToken('token-1'));
      expect(replayed.ticketByToken('token-1')?.service).toBe('pension');
      expect(snapshot(replayed)).toEqual(snapshot(h.engine));
    }
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

  it('accepts the test centre, with the draw settings defaulted', () => {
    expect(problems((c) => c)).toEqual([]);
    expect(backOfficeCentre().backOffice).toEqual({ maxOpenCases: 20, minEligible: 2, returnAfterMinutes: 30 });
  });

  it('checks the draw settings', () => {
    expect(problems(withSettings({ maxOpenCases: 0, minEligible: 1, returnAfterMinutes: 30 }))).toEqual([
      'backOffice.maxOpenCases: at least 1',
    ]);
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
