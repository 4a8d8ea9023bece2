// The figures a supervisor asks for — today, this week, this month — computed from the record: the
// tickets table (one row per ticket, kept in step with the event log) and the log's calls.
//
//  wait          issue → first call (a transferred ticket's later waits are not a new visitor's wait);
//  within target of the tickets whose outcome for the target is known — called, or gone uncalled
//                (expired) — the share called within `targetWaitMinutes`; tickets still waiting are
//                left out until they are called or the day closes;
//  service time  the call at the window that finished the visit → its finish;
//  busy time     per counter, the sum of those service times.
// A transferred ticket counts under the service it ended in.
//
// SQLite does the counting, per service and per counter, reading indexes only (migration 006); only
// the waits come back one by one (as one list per service), for the percentiles. Handing a month's
// hundred thousand rows to JavaScript instead cost four times SQLite's own work (docs/performance.md).
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

interface ServiceRow {
  service: string;
  issued: number;
  served: number;
  no_shows: number;
  expired: number;
  /** Expired without ever being called: a known miss of the target. */
  expired_uncalled: number;
  service_ms: number;
  /** The waits (ms) of the called tickets, comma-separated; null when none was called. */
  waits: string | null;
}

interface CounterRow {
  counter: string;
  served: number;
  no_shows: number;
  busy_ms: number;
}

// Both parts come from indexes alone (migration 006): the tickets of the period from tickets_stats,
// each one's first call from events_first_call. Grouped by day too, so that the rows come in the
// index's order and need no sorting; the days of a service are added up in JavaScript. A ticket never
// called has no called_at (a later call only moves it).
const SERVICES_SQL = `
  SELECT t.service, count(*) AS issued,
    sum(t.status = 'finished') AS served,
    sum(t.status = 'no_show') AS no_shows,
    sum(t.status = 'expired') AS expired,
    sum(t.status = 'expired' AND t.called_at IS NULL) AS expired_uncalled,
    total(CASE WHEN t.status = 'finished' THEN t.finished_at - t.called_at END) AS service_ms,
    group_concat((SELECT min(e.at) FROM events e WHERE e.type = 'ticket.called' AND e.ticket_id = t.id) - t.issued_at) AS waits
  FROM tickets t
  WHERE t.day BETWEEN @from AND @to
  GROUP BY t.day, t.service`;

const COUNTERS_SQL = `
  SELECT counter_id AS counter,
    sum(status = 'finished') AS served,
    sum(status = 'no_show') AS no_shows,
    total(CASE WHEN status = 'finished' THEN finished_at - called_at END) AS busy_ms
  FROM tickets
  WHERE day BETWEEN @from AND @to AND status IN ('finished', 'no_show') AND counter_id IS NOT NULL
  GROUP BY counter_id
  ORDER BY counter_id`;

const MINUTE = 60_000;

export class Statistics {
  private readonly services;
  private readonly counters;

  constructor(private readonly db: Database.Database) {
    this.services = db.prepare<Period, ServiceRow>(SERVICES_SQL);
    this.counters = db.prepare<Period, CounterRow>(COUNTERS_SQL);
  }

  /** The query plans, for tests and the benchmark's explanation. */
  plan(): string[] {
    return [SERVICES_SQL, COUNTERS_SQL].flatMap((sql) =>
      this.db
        .prepare<Period, { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all({ from: '', to: '' })
        .map((r) => r.detail),
    );
  }

  forPeriod(period: Period, options: StatisticsOptions): PeriodStatistics {
    const target = options.targetWaitMinutes * MINUTE;
    const lines = new Map<string, Accumulator>();
    const total = new Accumulator('all');
    for (const row of this.services.all(period)) {
      const key = options.groupBy?.get(row.service) ?? row.service;
      let line = lines.get(key);
      if (!line) {
        line = new Accumulator(key);
        lines.set(key, line);
      }
      const waits = row.waits === null ? [] : row.waits.split(',').map(Number);
      line.add(row, waits);
      total.add(row, waits);
    }
    return {
      ...period,
      targetWaitMinutes: options.targetWaitMinutes,
      total: total.figures(target),
      lines: [...lines.values()].map((l) => l.figures(target)).sort((a, b) => a.key.localeCompare(b.key)),
      counters: this.counters.all(period).map((k) => ({
        counter: k.counter,
        served: k.served,
        noShows: k.no_shows,
        busyMinutes: minutes(k.busy_ms),
        meanServiceMinutes: k.served ? minutes(k.busy_ms / k.served) : null,
      })),
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
  private expiredUncalled = 0;
  private serviceMs = 0;
  private readonly waits: number[] = [];

  constructor(private readonly key: string) {}

  add(row: ServiceRow, waits: readonly number[]): void {
    this.issued += row.issued;
    this.served += row.served;
    this.noShows += row.no_shows;
    this.expired += row.expired;
    this.expiredUncalled += row.expired_uncalled;
    this.serviceMs += row.service_ms;
    for (const w of waits) this.waits.push(w);
  }

  figures(target: number): LineFigures {
    const waits = this.waits.sort((a, b) => a - b);
    const known = waits.length + this.expiredUncalled;
    let within = 0;
    while (within < waits.length && waits[within]! <= target) within++;
    return {
      key: this.key,
      issued: this.issued,
      called: waits.length,
      served: this.served,
      noShows: this.noShows,
      expired: this.expired,
      open: this.issued - this.served - this.noShows - this.expired,
      waitP50Minutes: waits.length ? minutes(percentile(waits, 50)) : null,
      waitP90Minutes: waits.length ? minutes(percentile(waits, 90)) : null,
      withinTargetShare: known ? Math.round((within / known) * 1000) / 1000 : null,
      meanServiceMinutes: this.served ? minutes(this.serviceMs / this.served) : null,
    };
  }
}

function minutes(ms: number): number {
  return Math.round((ms / MINUTE) * 10) / 10;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}
