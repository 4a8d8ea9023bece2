// Back-office cases, the seeds' anti-corruption model: a citizen hands a request in at the front
// office and never chooses, or even meets, the registrar who decides it. Finishing a visit of a
// back-office service opens a case for a *free* registrar of that service — one with the fewest open
// cases today — and among equally free ones a random number picks, so no one can steer a case to a
// friendly registrar by timing a visit. The number comes with the command from the hub: the engine
// stays pure, tests are repeatable, and a replay reads the registrar from the recorded event.
import type { BackOfficeCase, Config, DomainEvent, Ticket } from '@vikno/shared';
import type { DayState } from './state.js';

/** The registrars given a service, by username: a fixed order for the random pick to index. */
export function registrarsOf(config: Config, service: string): string[] {
  return config.operators
    .filter((o) => o.roles.includes('registrar') && o.services?.includes(service))
    .map((o) => o.username)
    .sort();
}

/**
 * Who a new case goes to: of `registrars`, those with the fewest open cases today, then the one
 * `random` (in [0, 1)) points at among them. Undefined when there is no registrar.
 */
export function chooseRegistrar(state: DayState, registrars: readonly string[], random: number): string | undefined {
  const open = new Map<string, number>();
  for (const c of state.cases.values()) if (c.status === 'open') open.set(c.registrar, (open.get(c.registrar) ?? 0) + 1);
  const load = (r: string) => open.get(r) ?? 0;
  const least = Math.min(...registrars.map(load));
  const free = registrars.filter((r) => load(r) === least);
  return free[Math.min(free.length - 1, Math.floor(random * free.length))];
}

/**
 * The case a visit finished at `at` opens: none unless its service is back office. `random` is
 * required exactly then; without it the assignment would be predictable, so its absence is a bug.
 */
export function assignCase(state: DayState, config: Config, t: Ticket, at: number, random: number | undefined): DomainEvent[] {
  if (!config.services.find((s) => s.id === t.service)?.backOffice) return [];
  if (random === undefined || !(random >= 0 && random < 1))
    throw new Error(`a back-office case needs a random number in [0, 1), not ${random}`);
  // The config's cross-check gives every back-office service a registrar.
  const registrar = chooseRegistrar(state, registrarsOf(config, t.service), random);
  if (!registrar) throw new Error(`no registrar handles the back-office service "${t.service}"`);
  return [{ type: 'case.assigned', at, day: state.day, ticketId: t.id, service: t.service, registrar }];
}

/** Today's cases in the order they were assigned, all or one registrar's, as copies. */
export function caseList(state: DayState, registrar?: string): BackOfficeCase[] {
  return [...state.cases.values()].filter((c) => registrar === undefined || c.registrar === registrar).map((c) => ({ ...c }));
}
