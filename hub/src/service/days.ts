// A day's end and the next one's start, as the record keeps them: the old day closes (tickets
// expire, operators are signed out, its draw secret is revealed, `day.closed`), its open back-office
// cases go on into the new day, and the new day commits to the secret its draws will use — all in
// one transaction, so a crash leaves either the old day open or the new one fully begun.
import type { Config, DomainEvent } from '@vikno/shared';
import type { Logger } from 'pino';
import type { DrawSecretStore } from '../audit/draw-secrets.js';
import { type Clock, QueueEngine } from '../engine/engine.js';
import type { Commit, Store } from '../store/store.js';
import { ticketsTouched } from './group-commit.js';

/**
 * Closes the engine's day and starts the clock's: the engine is in the new day when this returns,
 * with the commits (to be written together) applied. `events`: all of them, in order, to publish.
 */
export function turnDay(engine: QueueEngine, secrets: DrawSecretStore): { commits: Commit[]; events: DomainEvent[] } {
  const closing = engine.closeDay();
  engine.apply(closing);
  const closed: Commit = { events: closing, tickets: ticketsTouched(closing, engine) };
  const carried = engine.carryOver();
  engine.startDay();
  engine.apply(carried);
  const opening = [...carried, ...commitDraws(engine, secrets)];
  // A carried case's ticket keeps its row (and its day): the new day only refers to it.
  return { commits: [closed, { events: opening, tickets: [] }], events: [...closing, ...opening] };
}

/**
 * Before the engine's day can draw: a commitment to a fresh secret, applied and returned to be
 * written. None when the day has one whose secret the record keeps.
 */
export function commitDraws(engine: QueueEngine, secrets: DrawSecretStore): DomainEvent[] {
  const current = engine.drawCommitment;
  if (current && secrets.lookup(current)) return [];
  const events = engine.commitDraws(secrets.create());
  engine.apply(events);
  return events;
}

/**
 * A hub stopped before midnight and started after it closes the days it missed first, carrying their
 * open cases into today: the days with open tickets, and the last day before today if it was never
 * closed (a record from before days were closed explicitly gets its `day.closed` now).
 */
export function closeMissedDays(config: Config, clock: Clock, store: Store, secrets: DrawSecretStore, log: Logger): void {
  const today = new QueueEngine(config, clock).day;
  const last = store.lastDayBefore(today);
  const days = new Set(store.unfinishedDaysBefore(today));
  if (last) days.add(last);
  for (const day of [...days].sort()) {
    const old = new QueueEngine(config, clock, day, secrets.lookup);
    old.apply(store.eventsOfDay(day));
    const closing = old.closeDay();
    if (!closing.length) continue;
    old.apply(closing);
    const carried = old.carryOver();
    store.commit({ events: closing, tickets: ticketsTouched(closing, old) }, { events: carried, tickets: [] });
    log.info({ day, events: closing.length, carried: carried.length }, 'closed a day the hub was not running at midnight');
  }
}
