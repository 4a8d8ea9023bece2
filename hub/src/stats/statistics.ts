// The figures a supervisor asks for — today, this week, this month — computed from the record: the
// tickets table (one row per ticket, kept in step with the event log) and the log's calls.
//
//  wait          issue → first call (a transferred ticket's later waits are not a new visitor's wait);
//  within target of the tickets whose outcome for the target is known — called, or gone uncalled
//                (expired) — the share called within `targetWaitMinutes`; tickets still waiting are
//                left out until they are called or the day closes;
//  service time  the call at the window that finished the visit → its finish;
//  busy time     per counter, the sum of those service times.
//
// Read-only: give it its own connection (`openStatistics`) so that a long report never holds up
// the command loop's connection, which WAL lets write meanwhile.
import Database from 'better-sqlite3';

export interface Period {
  /** First and last day, inclusive, as the engine dates them (`2026-03-03`). */
  from: string;
  to: string;
}

export interface LineFigures {
  /** A service id, or the key `groupBy` mapped it to, or `all`. */
  key: string;
  issued: number;
  called: number;
  served: number;
  noShows: number;
  expired: number;
  /** Waiting, called or being served, or parked, as the record stands. */
  open: number;
  waitP50Minutes: number | null;
  waitP90Minutes: number | null;
  /** Null when no ticket's outcome is known yet. */
  withinTargetShare: number | null;
  meanServiceMinutes: number | null;
}

export interface CounterFigures {
  counter: string;
  served: number;
  noShows: number;
  busyMinutes: number;
  meanServiceMinutes: number | null;
}

export interface PeriodStatistics extends Period {
  targetWaitMinutes: number;
  total: LineFigures;
  /** One per service (or per `groupBy` key) that had a ticket in the period, by key. */
  lines: LineFigures[];
  counters: CounterFigures[];
}

export interface StatisticsOptions {
  targetWaitMinutes: number;
  /** Aggregates services, e.g. service → service group. Services it does not map keep their id. */
  groupBy?: ReadonlyMap<string, string>;
}

interface Row {
  service: string;
  status: string;
  issued_at: number;
  called_at: number | null;
  finished_at: number | null;
  counter_id: string | null;
  first_call: number | null;
}

// Both parts come from indexes alone (migration 006): the tickets of the period from tickets_stats,
// each one's first call from events_first_call.
const PERIOD_SQL = `
  SELECT t.service, t.status, t.issued_at, t.called_at, t.finished_at, t.counter_id,
    (SELECT min(e.at) FROM events e WHERE e.type = 'ticket.called' AND e.ticket_id = t.id) AS first_call
  FROM tickets t
  WHERE t.day BETWEEN @from AND @to`;

const MINUTE = 60_000;

export class Statistics {
  private readonly period;

  constructor(private readonly db: Database.Database) {
    this.period = db.prepare<Period, Row>(PERIOD_SQL);
  }

  /** The query plan of the period query, for tests and the benchmark's explanation. */
  plan(): string[] {
    return this.db
      .prepare<Period, { detail: string }>(`EXPLAIN QUERY PLAN ${PERIOD_SQL}`)
      .all({ from: '', to: '' })
      .map((r) => r.detail);
  }

  forPeriod(period: Period, options: StatisticsOptions): PeriodStatistics {
    const target = options.targetWaitMinutes * MINUTE;
    const lines = new Map<string, Accumulator>();
    const total = new Accumulator('all');
    const counters = new Map<string, { served: number; noShows: number; busyMs: number }>();
    for (const row of this.period.iterate(period)) {
      const key = options.groupBy?.get(row.service) ?? row.service;
      let line = lines.get(key);
      if (!line) {
        line = new Accumulator(key);
        lines.set(key, line);
      }
      line.add(row, target);
      total.add(row, target);
      if (row.counter_id && (row.status === 'finished' || row.status === 'no_show')) {
        let k = counters.get(row.counter_id);
        if (!k) {
          k = { served: 0, noShows: 0, busyMs: 0 };
          counters.set(row.counter_id, k);
        }
        if (row.status === 'no_show') k.noShows++;
        else {
          k.served++;
          k.busyMs += serviceMs(row);
        }
      }
    }
    return {
      ...period,
      targetWaitMinutes: options.targetWaitMinutes,
      total: total.figures(),
      lines: [...lines.values()].map((l) => l.figures()).sort((a, b) => a.key.localeCompare(b.key)),
      counters: [...counters.entries()]
        .map(([counter, k]) => ({
          counter,
          served: k.served,
          noShows: k.noShows,
          busyMinutes: minutes(k.busyMs),
          meanServiceMinutes: k.served ? minutes(k.busyMs / k.served) : null,
        }))
        .sort((a, b) => a.counter.localeCompare(b.counter)),
    };
  }
}

/** A read-only connection to the hub's record. */
export function openStatistics(file: string): { statistics: Statistics; close(): void } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  return { statistics: new Statistics(db), close: () => db.close() };
}

class Accumulator {
  private issued = 0;
  private served = 0;
  private noShows = 0;
  private expired = 0;
  private open = 0;
  private known = 0;
  private withinTarget = 0;
  private serviceMsTotal = 0;
  private readonly waits: number[] = [];

  constructor(private readonly key: string) {}

  add(row: Row, target: number): void {
    this.issued++;
    if (row.status === 'finished') {
      this.served++;
      this.serviceMsTotal += serviceMs(row);
    } else if (row.status === 'no_show') this.noShows++;
    else if (row.status === 'expired') this.expired++;
    else this.open++;
    if (row.first_call !== null) {
      const wait = row.first_call - row.issued_at;
      this.waits.push(wait);
      this.known++;
      if (wait <= target) this.withinTarget++;
    } else if (row.status === 'expired') this.known++;
  }

  figures(): LineFigures {
    const waits = this.waits.sort((a, b) => a - b);
    return {
      key: this.key,
      issued: this.issued,
      called: waits.length,
      served: this.served,
      noShows: this.noShows,
      expired: this.expired,
      open: this.open,
      waitP50Minutes: waits.length ? minutes(percentile(waits, 50)) : null,
      waitP90Minutes: waits.length ? minutes(percentile(waits, 90)) : null,
      withinTargetShare: this.known ? Math.round((this.withinTarget / this.known) * 1000) / 1000 : null,
      meanServiceMinutes: this.served ? minutes(this.serviceMsTotal / this.served) : null,
    };
  }
}

function serviceMs(row: Row): number {
  return row.finished_at !== null && row.called_at !== null ? row.finished_at - row.called_at : 0;
}

function minutes(ms: number): number {
  return Math.round((ms / MINUTE) * 10) / 10;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}
