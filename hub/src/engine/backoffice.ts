// Back-office cases, the seeds' anti-corruption model: a citizen hands a request in at the front
// office and never chooses, or even meets, the registrar who decides it. Finishing a visit of a
// back-office service opens a case, and a draw (draw.ts) gives it to one of the registrars who can
// take it: registrars of that service who are signed in at a counter, not on a break, and below the
// load cap (`backOffice.maxOpenCases`). The draw waits until `backOffice.minEligible` of them can
// (all of the service's registrars, if it has fewer): with a single one at work anyone watching the
// hall would know who gets the next case. A waiting case is drawn as soon as enough can take it.
// A registrar away (signed out or on a break) for `backOffice.returnAfterMinutes` gives the cases
// they have not started back to the draw; cases still open when the day closes go on the next day.
//
// The engine stays pure: the draw's secret is handed in by the hub (DrawSecrets), time comes from
// the clock, and a replay reads every registrar from the recorded events.
import type { BackOfficeCase, Config, DomainEvent, Draw, EventOf } from '@vikno/shared';
import { type Candidate, type DrawSecrets, drawFraction, pick } from './draw.js';
import type { CaseRuntime, DayState } from './state.js';

/** The registrars given a service, by username: the order a draw lists its candidates in. */
export function registrarsOf(config: Config, service: string): string[] {
  return config.operators
    .filter((o) => o.roles.includes('registrar') && o.services?.includes(service))
    .map((o) => o.username)
    .sort();
}

/** Open cases per registrar. */
export function openLoads(state: DayState): Map<string, number> {
  const open = new Map<string, number>();
  for (const c of state.cases.values()) {
    if (c.status === 'open' && c.registrar !== null) open.set(c.registrar, (open.get(c.registrar) ?? 0) + 1);
  }
  return open;
}

/** Signed in at a counter that is not paused. */
function present(state: DayState): Set<string> {
  const here = new Set<string>();
  for (const k of state.counters.values()) if (k.operator && k.status !== 'paused') here.add(k.operator.username);
  return here;
}

/** The registrars who can take a case of `service` now, with their loads, in username order. */
export function eligibleFor(state: DayState, config: Config, service: string, loads: ReadonlyMap<string, number>): Candidate[] {
  const here = present(state);
  return registrarsOf(config, service)
    .filter((r) => here.has(r) && (loads.get(r) ?? 0) < config.backOffice.maxOpenCases)
    .map((r) => ({ registrar: r, open: loads.get(r) ?? 0 }));
}

/**
 * The draw for a case, or undefined while too few registrars can take it. Throws when the day has no
 * commitment whose secret the hub handed in: drawing without one would be unauditable.
 */
function drawFor(
  state: DayState,
  config: Config,
  secrets: DrawSecrets,
  c: Pick<CaseRuntime, 'id' | 'service' | 'draws'>,
  loads: ReadonlyMap<string, number>,
): { registrar: string; draw: Draw } | undefined {
  const eligible = eligibleFor(state, config, c.service, loads);
  const needed = Math.min(config.backOffice.minEligible, registrarsOf(config, c.service).length);
  if (!eligible.length || eligible.length < needed) return undefined;
  const commitment = state.commitments.at(-1);
  const secret = commitment && secrets(commitment);
  if (!commitment || !secret) throw new Error(`day ${state.day} has no draw secret: the hub commits one before any draw`);
  const round = c.draws + 1;
  return { registrar: pick(eligible, drawFraction(secret, c.id, round)), draw: { commitment, round, eligible } };
}

function assigned(state: DayState, c: Pick<CaseRuntime, 'id' | 'service'>, at: number, d: { registrar: string; draw: Draw }): DomainEvent {
  return { type: 'case.assigned', at, day: state.day, ticketId: c.id, service: c.service, ...d };
}

/** The case a visit of `service` finished at `at` opens, and its draw if enough registrars can take it now. */
export function openCase(
  state: DayState,
  config: Config,
  secrets: DrawSecrets,
  ticketId: string,
  service: string,
  at: number,
): DomainEvent[] {
  if (!config.services.find((s) => s.id === service)?.backOffice) return [];
  const c = { id: ticketId, service, draws: 0 };
  const d = drawFor(state, config, secrets, c, openLoads(state));
  return [{ type: 'case.opened', at, day: state.day, ticketId, service }, ...(d ? [assigned(state, c, at, d)] : [])];
}

/**
 * What the cases need now: unstarted cases of registrars away too long go back, then every case
 * waiting is drawn, oldest first, while enough registrars can take it. Empty when nothing is due.
 */
export function casesDue(state: DayState, config: Config, secrets: DrawSecrets, now: number): DomainEvent[] {
  const open = [...state.cases.values()].filter((c) => c.status === 'open');
  if (!open.length) return [];
  const here = present(state);
  const loads = openLoads(state);
  const returnAfter = config.backOffice.returnAfterMinutes * 60_000;
  const events: DomainEvent[] = [];
  const waiting: CaseRuntime[] = [];
  for (const c of open) {
    if (c.registrar === null) {
      waiting.push(c);
      continue;
    }
    if (c.startedAt !== null || here.has(c.registrar)) continue;
    const away =
      state.away.get(c.registrar) ??
      (state.firstLoginAt === null ? undefined : { since: state.firstLoginAt, reason: 'signedOut' as const });
    if (!away || now - away.since < returnAfter) continue;
    events.push({ type: 'case.returned', at: now, day: state.day, ticketId: c.id, registrar: c.registrar, reason: away.reason });
    loads.set(c.registrar, (loads.get(c.registrar) ?? 1) - 1);
    waiting.push(c);
  }
  waiting.sort((a, b) => a.openedAt - b.openedAt);
  for (const c of waiting) {
    const d = drawFor(state, config, secrets, c, loads);
    if (!d) continue;
    events.push(assigned(state, c, now, d));
    loads.set(d.registrar, (loads.get(d.registrar) ?? 0) + 1);
  }
  return events;
}

/** The cases open when the day closes, opened again on the current day with their tickets and links. */
export function carryOver(state: DayState, day: string, at: number): EventOf<'case.carried'>[] {
  const tokenOf = new Map<string, string>();
  for (const [token, id] of state.tokens) tokenOf.set(id, token);
  return [...state.cases.values()]
    .filter((c) => c.status === 'open')
    .map((c) => {
      const ticket = state.tickets.get(c.id);
      if (!ticket) throw new Error(`case ${c.id} has no ticket`);
      return {
        type: 'case.carried',
        at,
        day,
        ticketId: c.id,
        ticket: { ...ticket },
        token: tokenOf.get(c.id) ?? null,
        service: c.service,
        registrar: c.registrar,
        openedAt: c.openedAt,
        assignedAt: c.assignedAt,
        startedAt: c.startedAt,
      };
    });
}

/** Today's cases in the order they were opened, all or one registrar's, as copies without the engine's bookkeeping. */
export function caseList(state: DayState, registrar?: string): BackOfficeCase[] {
  return [...state.cases.values()].filter((c) => registrar === undefined || c.registrar === registrar).map(publicCase);
}

export function publicCase({ draws: _draws, ...c }: CaseRuntime): BackOfficeCase {
  return { ...c };
}
