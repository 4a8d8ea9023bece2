// `vikno-hub verify-draws --day D`: checks every back-office draw of a closed day against the day's
// commitment (hub/src/engine/draw.ts). The revealed secret must hash to a commitment recorded before
// the draw; each draw's registrar must follow from that secret, the case and the recorded eligible
// list; and that list must be the registrars who could take the case then — signed in, not on a
// break, below the cap, with the loads recorded — as a replay of the day's record under the config
// shows. A draw re-run, altered or made from a list that left someone out is named, with why.
import { existsSync } from 'node:fs';
import type { Config, DomainEvent, EventOf } from '@vikno/shared';
import Database from 'better-sqlite3';
import { eligibleFor, openLoads } from '../engine/backoffice.js';
import { commitmentOf, drawFraction, pick } from '../engine/draw.js';
import { emptyDay, evolve } from '../engine/state.js';

export interface DrawsResult {
  day: string;
  draws: number;
  /** One line per draw that does not follow from the record, or about the day itself. */
  problems: string[];
  /** Said alongside: e.g. that the config changed during the day (the replay uses the current one). */
  notes: string[];
}

export function verifyDraws(events: readonly DomainEvent[], day: string, config: Config): DrawsResult {
  const problems: string[] = [];
  const notes: string[] = [];
  const committed = new Set<string>();
  const secrets = new Map<string, Buffer>();
  for (const e of events) {
    if (e.type !== 'draw.revealed') continue;
    const secret = Buffer.from(e.secret, 'hex');
    if (commitmentOf(secret) !== e.commitment)
      problems.push(`the secret revealed for commitment ${short(e.commitment)} does not hash to it`);
    else secrets.set(e.commitment, secret);
  }
  if (events.some((e) => e.type === 'config.changed'))
    notes.push('the config changed during the day: who could take each case is worked out with the current config');

  const state = emptyDay(day, config);
  const rounds = new Map<string, number>();
  let draws = 0;
  for (const e of events) {
    if (e.type === 'draw.committed') committed.add(e.commitment);
    if (e.type === 'case.assigned') {
      draws++;
      const problem = checkDraw(e, { committed, secrets, round: (rounds.get(e.ticketId) ?? 0) + 1 });
      const listed = problem ?? sameList(e.draw.eligible, eligibleFor(state, config, e.service, openLoads(state)));
      if (listed) problems.push(`draw of case ${e.ticketId} (given to ${e.registrar}): ${listed}`);
      rounds.set(e.ticketId, (rounds.get(e.ticketId) ?? 0) + 1);
    }
    evolve(state, e, config);
  }
  if (draws && !committed.size) problems.push(`day ${day} has draws but no commitment`);
  return { day, draws, problems, notes };
}

function checkDraw(
  e: EventOf<'case.assigned'>,
  known: { committed: ReadonlySet<string>; secrets: ReadonlyMap<string, Buffer>; round: number },
): string | undefined {
  const d = e.draw;
  if (!d) return 'it records no draw: it was not made by a draw';
  if (!known.committed.has(d.commitment)) return `its commitment ${short(d.commitment)} was not recorded before it`;
  if (d.round !== known.round) return `it is recorded as round ${d.round}, but it is the case's draw number ${known.round} of the day`;
  const secret = known.secrets.get(d.commitment);
  if (!secret) return `the secret of commitment ${short(d.commitment)} has not been revealed`;
  const drawn = pick(d.eligible, drawFraction(secret, e.ticketId, d.round));
  if (drawn !== e.registrar) return `the commitment gives it to ${drawn}`;
  return undefined;
}

function sameList(recorded: readonly { registrar: string; open: number }[], expected: readonly { registrar: string; open: number }[]) {
  const say = (l: readonly { registrar: string; open: number }[]) => l.map((c) => `${c.registrar} (${c.open} open)`).join(', ') || 'nobody';
  if (JSON.stringify(recorded) === JSON.stringify(expected)) return undefined;
  return `the record lists ${say(recorded)} as able to take it, but the day's record says ${say(expected)}`;
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** Opens the hub's database read-only and checks the day's draws; the text to print and the exit code. */
export function verifyDrawsFile(file: string, day: string, config: Config): { text: string; code: 0 | 1 } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return { text: `--day must be a day as YYYY-MM-DD, not "${day}"`, code: 1 };
  if (!existsSync(file)) return { text: `no database at ${file}: is the data folder right?`, code: 1 };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let events: DomainEvent[];
  try {
    events = db
      .prepare<[string], string>('SELECT data FROM events WHERE day = ? ORDER BY seq')
      .pluck()
      .all(day)
      .map((data) => JSON.parse(data) as DomainEvent);
  } finally {
    db.close();
  }
  if (!events.length) return { text: `no events on ${day}`, code: 1 };
  if (!events.some((e) => e.type === 'day.closed'))
    return { text: `${day} is not closed yet: its draw secret is revealed when the day closes`, code: 1 };
  const result = verifyDraws(events, day, config);
  const lines = [
    ...result.problems,
    ...result.notes.map((n) => `note: ${n}`),
    result.problems.length
      ? `${day}: ${result.problems.length} problem(s) in ${result.draws} draws`
      : `${day}: all ${result.draws} draws follow from the commitment`,
  ];
  return { text: lines.join('\n'), code: result.problems.length ? 1 : 0 };
}
