// What the record says about the days before the plan: walk-in arrivals per service and local hour,
// how long visits took, and how often visitors were priority or did not come when called.
import type { Config, Weekday } from '@vikno/shared';
import type Database from 'better-sqlite3';
import { weekdayOf } from '../appointments/hours.js';
import { hourOf } from './hours.js';

export interface DayArrivals {
  day: string;
  weekday: Weekday;
  /** Service → walk-in tickets issued in each local hour (24 values). Appointments are planned apart. */
  walkIns: Map<string, number[]>;
}

export interface History {
  /** Days the centre issued tickets on, oldest first; holidays left out. */
  days: DayArrivals[];
  /** Service → lengths of its visits (call → finish, ms), the most recent last. */
  visitMs: Map<string, number[]>;
  /** Of the tickets issued, the share in a priority category. */
  priorityShare: number;
  /** Of the tickets called, the share that did not come. */
  noShowShare: number;
}

/** Visits kept per service: enough for the shape of its distribution, recent enough to be today's. */
const VISITS_KEPT = 500;

interface Row {
  day: string;
  service: string;
  issued_at: number;
  called_at: number | null;
  finished_at: number | null;
  status: string;
  channel: string;
  priority: string | null;
  transfers: number;
}

/** The record's days from `from` up to and without `to` (`YYYY-MM-DD`). */
export function readHistory(db: Database.Database, config: Config, period: { from: string; to: string }): History {
  const holidays = new Set(config.site.holidays);
  const rows = db
    .prepare(
      `SELECT day, service, issued_at, called_at, finished_at, status,
              json_extract(data, '$.channel') AS channel, json_extract(data, '$.priority') AS priority,
              json_extract(data, '$.transfers') AS transfers
         FROM tickets WHERE day >= ? AND day < ? ORDER BY issued_at`,
    )
    .all(period.from, period.to) as Row[];
  const days = new Map<string, DayArrivals>();
  const visitMs = new Map<string, number[]>();
  let issued = 0;
  let priority = 0;
  let called = 0;
  let noShows = 0;
  for (const r of rows) {
    if (holidays.has(r.day)) continue;
    issued++;
    if (r.priority) priority++;
    if (r.called_at !== null) called++;
    if (r.status === 'no_show') noShows++;
    if (r.status === 'finished' && r.called_at !== null && r.finished_at !== null && r.transfers === 0) {
      const list = visitMs.get(r.service) ?? [];
      list.push(r.finished_at - r.called_at);
      if (list.length > VISITS_KEPT) list.shift();
      visitMs.set(r.service, list);
    }
    if (r.channel === 'appointment') continue;
    let d = days.get(r.day);
    if (!d) {
      d = { day: r.day, weekday: weekdayOf(r.day), walkIns: new Map() };
      days.set(r.day, d);
    }
    let hours = d.walkIns.get(r.service);
    if (!hours) {
      hours = new Array<number>(24).fill(0);
      d.walkIns.set(r.service, hours);
    }
    hours[hourOf(r.issued_at, config.site.timezone)]!++;
  }
  return {
    days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
    visitMs,
    priorityShare: issued ? priority / issued : 0,
    noShowShare: called ? noShows / called : 0,
  };
}

/** Appointments booked for the days of the plan: service and instant. */
export function bookedAppointments(db: Database.Database, from: number, to: number): { service: string; at: number }[] {
  return db.prepare(`SELECT service, at FROM appointments WHERE status = 'booked' AND at >= ? AND at < ? ORDER BY at`).all(from, to) as {
    service: string;
    at: number;
  }[];
}
