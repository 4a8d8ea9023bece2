// Supervisors' reports for a date range, computed from the event log, per service, service group,
// counter, operator or hour of the day. The unit is a *visit*: one call of a ticket at a counter,
// ending in a finish, a no-show or a transfer (a transferred ticket makes a second visit).
//
//  wait          the ticket joined the line (issue, or transfer) → the visit's call;
//  service time  the start (or the call, if never started) → the finish;
//  within target of the visits, the share whose wait was at most `targetWaitMinutes`;
//  feedback      `ticket.feedback` events (a score 1–5), credited to the visit that finished the ticket.
//
// Percentiles are nearest-rank, like statistics.ts. Its own connection to the record.
import type { Config, Report, ReportQuery, ReportRow, Spread } from '@vikno/shared';
import Database from 'better-sqlite3';
import { addDays } from '../appointments/hours.js';
import { daysUnderQuestion } from '../audit/start-check.js';
import { percentile } from './statistics.js';

interface Visit {
  service: string;
  counter: string;
  operator: string;
  calledAt: number;
  waitMs: number;
  startedAt: number | null;
  end: 'finished' | 'noShow' | 'transferred' | null;
  serviceMs: number | null;
  score: number | null;
}

/**
 * What the report reads of an event: its columns, and the one field of its JSON it needs — the
 * service of an issue or a transfer, the operator of a call, the score of a feedback.
 */
interface ReportEvent {
  type: string;
  at: number;
  ticketId: string;
  counter: string;
  detail: string;
}

/** Between the fields of an event as the report reads it: the unit separator, in no id or name. */
const SEPARATOR = '\x1f';

/**
 * The event types a report reads, in the order they happened, each as one string of its fields
 * (ReportEvent's, in order). SQLite picks the fields out of the JSON; handing 400,000 rows of a
 * month to JavaScript as objects, or their JSON to be parsed there, cost three times as long as
 * handing over one string each (docs/performance.md). A day's events come after the day before's,
 * so (day, seq) is the order they happened in, and the index's order.
 */
export const REPORT_EVENTS = `
  SELECT type || char(31) || at || char(31) || ticket_id || char(31) || coalesce(counter_id, '') || char(31) ||
    coalesce(CASE type
      WHEN 'ticket.issued' THEN json_extract(data, '$.ticket.service')
      WHEN 'ticket.transferred' THEN json_extract(data, '$.toService')
      WHEN 'ticket.called' THEN json_extract(data, '$.operator')
      WHEN 'ticket.feedback' THEN json_extract(data, '$.score')
    END, '') AS event
  FROM events
  WHERE day BETWEEN ? AND ? AND type IN
    ('ticket.issued', 'ticket.called', 'ticket.started', 'ticket.finished', 'ticket.noShow', 'ticket.transferred', 'ticket.feedback')
  ORDER BY day, seq`;

function* reportEvents(rows: readonly string[]): Generator<ReportEvent> {
  for (const row of rows) {
    const [type = '', at = '', ticketId = '', counter = '', detail = ''] = row.split(SEPARATOR);
    yield { type, at: Number(at), ticketId, counter, detail };
  }
}

interface Issued {
  service: string;
  at: number;
}

/** A day as the report reads it: the tickets issued, and each visit. */
interface Folded {
  issued: Issued[];
  visits: Visit[];
}

/** One day's events (a ticket's whole life is in its day) into what was issued and each visit. */
function fold(events: Iterable<ReportEvent>): Folded {
  const issued: Issued[] = [];
  const tickets = new Map<string, { service: string; queuedAt: number; visit: Visit | null; last: Visit | null }>();
  const visits: Visit[] = [];
  for (const e of events) {
    if (e.type === 'ticket.issued') {
      const service = e.detail;
      issued.push({ service, at: e.at });
      tickets.set(e.ticketId, { service, queuedAt: e.at, visit: null, last: null });
      continue;
    }
    const t = tickets.get(e.ticketId);
    if (!t) continue;
    switch (e.type) {
      case 'ticket.feedback':
        if (t.last) t.last.score = Number(e.detail);
        break;
      case 'ticket.called': {
        const v: Visit = {
          service: t.service,
          counter: e.counter,
          operator: e.detail,
          calledAt: e.at,
          waitMs: e.at - t.queuedAt,
          startedAt: null,
          end: null,
          serviceMs: null,
          score: null,
        };
        visits.push(v);
        t.visit = v;
        t.last = v;
        break;
      }
      case 'ticket.started':
        if (t.visit) t.visit.startedAt = e.at;
        break;
      case 'ticket.finished':
        if (t.visit) {
          t.visit.end = 'finished';
          t.visit.serviceMs = e.at - (t.visit.startedAt ?? t.visit.calledAt);
        }
        t.visit = null;
        break;
      case 'ticket.noShow':
        if (t.visit) t.visit.end = 'noShow';
        t.visit = null;
        break;
      case 'ticket.transferred':
        if (t.visit) t.visit.end = 'transferred';
        t.visit = null;
        t.service = e.detail;
        t.queuedAt = e.at;
        break;
      default:
        break;
    }
  }
  return { issued, visits };
}

function computeReport(days: readonly Rows[], config: Config, query: ReportQuery): Omit<Report, 'recordUnderQuestion'> {
  const groupOf = new Map(config.services.map((s) => [s.id, s.group]));
  const hourOf = hourFormatter(config.site.timezone);
  const target = config.queue.targetWaitMinutes * 60_000;
  const rows = new Map<string, Tally>();
  const total = new Tally('all');
  const tally = (key: string) => {
    let r = rows.get(key);
    if (!r) {
      r = new Tally(key);
      rows.set(key, r);
    }
    return r;
  };
  for (const { names, issued, visits } of days) {
    // The row's key from its service, counter or operator (an index into the day's names), else its hour.
    const byName = (i: number) => (query.by === 'group' ? (groupOf.get(names[i]!) ?? names[i]!) : names[i]!);
    const column = query.by === 'service' || query.by === 'group' ? 0 : query.by === 'counter' ? 1 : query.by === 'operator' ? 2 : null;
    for (let r = 0; r < issued.length; r += ISSUED_COLUMNS) {
      const key = query.by === 'service' || query.by === 'group' ? byName(issued[r]!) : query.by === 'hour' ? hourOf(issued[r + 1]!) : null;
      if (key !== null) tally(key).issued++;
      total.issued++;
    }
    for (let r = 0; r < visits.length; r += VISIT_COLUMNS) {
      const key = column === null ? hourOf(visits[r + 3]!) : byName(visits[r + column]!);
      tally(key).add(visits, r, target);
      total.add(visits, r, target);
    }
  }
  return {
    ...query,
    targetWaitMinutes: config.queue.targetWaitMinutes,
    rows: [...rows.values()].map((r) => r.row()).sort((a, b) => a.key.localeCompare(b.key)),
    total: total.row(),
  };
}

class Tally {
  issued = 0;
  private visits = 0;
  private served = 0;
  private noShows = 0;
  private transfers = 0;
  private within = 0;
  private readonly waits: number[] = [];
  private readonly services: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly key: string) {}

  /** The visit at `r` of a day's rows. */
  add(visits: Float64Array, r: number, target: number): void {
    const wait = visits[r + 4]!;
    const end = ENDS[visits[r + 6]!];
    const serviceMs = visits[r + 7]!;
    const score = visits[r + 8]!;
    this.visits++;
    this.waits.push(wait);
    if (wait <= target) this.within++;
    if (end === 'finished') this.served++;
    if (end === 'noShow') this.noShows++;
    if (end === 'transferred') this.transfers++;
    if (!Number.isNaN(serviceMs)) this.services.push(serviceMs);
    if (!Number.isNaN(score)) this.scores.push(score);
  }

  row(): ReportRow {
    return {
      key: this.key,
      issued: this.issued,
      visits: this.visits,
      served: this.served,
      noShows: this.noShows,
      transfers: this.transfers,
      wait: spread(this.waits),
      service: spread(this.services),
      withinTargetShare: this.visits ? round(this.within / this.visits, 3) : null,
      feedback: this.scores.length ? { count: this.scores.length, mean: round(mean(this.scores), 2) } : null,
    };
  }
}

function spread(ms: number[]): Spread | null {
  if (!ms.length) return null;
  // A typed array sorts numbers natively, without calling a comparator for each pair: a month's
  // waits in a third of the time.
  const sorted = Float64Array.from(ms).sort();
  return {
    meanMinutes: round(mean(sorted) / 60_000, 2),
    p50Minutes: round(percentile(sorted, 50) / 60_000, 2),
    p90Minutes: round(percentile(sorted, 90) / 60_000, 2),
  };
}

function mean(xs: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i]!;
  return sum / xs.length;
}
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function hourFormatter(timeZone: string): (at: number) => string {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
  return (at) => `${f.format(at).padStart(2, '0')}:00`;
}

/**
 * A folded day as the report adds it up and as `report_days` keeps it: its names once, and its rows
 * as float64 numbers pointing into them, which are read back without parsing (a month's visits as
 * JSON objects took 0.37 s to parse, and as objects a third of the rest in garbage). A null is NaN;
 * a visit's end is its index in ENDS.
 */
interface Rows {
  names: readonly string[];
  /** service, at */
  issued: Float64Array;
  /** service, counter, operator, calledAt, waitMs, startedAt, end, serviceMs, score */
  visits: Float64Array;
}
const ENDS: readonly Visit['end'][] = [null, 'finished', 'noShow', 'transferred'];
const ISSUED_COLUMNS = 2;
const VISIT_COLUMNS = 9;

function rowsOf({ issued, visits }: Folded): Rows {
  const names = new Map<string, number>();
  const name = (s: string) => {
    if (!names.has(s)) names.set(s, names.size);
    return names.get(s)!;
  };
  const nullable = (x: number | null) => x ?? Number.NaN;
  return {
    issued: new Float64Array(issued.flatMap((i) => [name(i.service), i.at])),
    visits: new Float64Array(
      visits.flatMap((v) => [
        name(v.service),
        name(v.counter),
        name(v.operator),
        v.calledAt,
        v.waitMs,
        nullable(v.startedAt),
        ENDS.indexOf(v.end),
        nullable(v.serviceMs),
        nullable(v.score),
      ]),
    ),
    names: [...names.keys()],
  };
}

interface StoredDay {
  names: string;
  issued: Buffer;
  visits: Buffer;
}

const stored = (rows: Rows): StoredDay => ({
  names: JSON.stringify(rows.names),
  issued: Buffer.from(rows.issued.buffer, rows.issued.byteOffset, rows.issued.byteLength),
  visits: Buffer.from(rows.visits.buffer, rows.visits.byteOffset, rows.visits.byteLength),
});

// A copy: a Float64Array needs its bytes aligned, which SQLite's buffer need not be.
const float64s = (b: Buffer) => new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

const loaded = (day: StoredDay): Rows => ({
  names: JSON.parse(day.names) as string[],
  issued: float64s(day.issued),
  visits: float64s(day.visits),
});

/**
 * Reports over the hub's record file, on a connection of their own. Each day the record has moved
 * past is folded once and kept (`report_days`); the last day is read from its events each time.
 */
export class Reports {
  private readonly select;
  private readonly lastDay;
  private readonly kept;
  private readonly keep;

  constructor(private readonly db: Database.Database) {
    this.select = db.prepare<[string, string], string>(REPORT_EVENTS).pluck();
    this.lastDay = db.prepare<[], string | null>('SELECT max(day) FROM events').pluck();
    this.kept = db.prepare<[string, string], StoredDay & { day: string }>(
      'SELECT day, names, issued, visits FROM report_days WHERE day BETWEEN ? AND ?',
    );
    this.keep = db.prepare<[string, string, Buffer, Buffer]>(
      'INSERT OR IGNORE INTO report_days (day, names, issued, visits) VALUES (?, ?, ?, ?)',
    );
  }

  static open(file: string): Reports {
    const db = new Database(file, { fileMustExist: true });
    // The hub writes the same file: a moment's wait for its lock rather than an error. A folded day
    // lost to a power cut is folded again, so its write need not wait for the disk.
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    return new Reports(db);
  }

  build(query: ReportQuery, config: Config): Report {
    return {
      ...computeReport(this.days(query.from, query.to), config, query),
      recordUnderQuestion: daysUnderQuestion(this.db, query.from, query.to),
    };
  }

  private days(from: string, to: string): Rows[] {
    const kept = new Map(this.kept.all(from, to).map((r) => [r.day, r]));
    const last = this.lastDay.get() ?? '';
    const days: Rows[] = [];
    for (let day = from; day <= to && day <= last; day = addDays(day, 1)) {
      const keptDay = kept.get(day);
      if (keptDay !== undefined) {
        days.push(loaded(keptDay));
        continue;
      }
      const rows = rowsOf(fold(reportEvents(this.select.all(day, day))));
      if (day < last) {
        const { names, issued, visits } = stored(rows);
        this.keep.run(day, names, issued, visits);
      }
      days.push(rows);
    }
    return days;
  }

  close(): void {
    this.db.close();
  }
}
