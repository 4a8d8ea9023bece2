// Supervisors' reports for a date range, computed from the event log, per service, service group,
// counter, operator or hour of the day. The unit is a *visit*: one call of a ticket at a counter,
// ending in a finish, a no-show or a transfer (a transferred ticket makes a second visit).
//
//  wait          the ticket joined the line (issue, or transfer) → the visit's call;
//  service time  the start (or the call, if never started) → the finish;
//  within target of the visits, the share whose wait was at most `targetWaitMinutes`;
//  feedback      `ticket.feedback` events (a score 1–5), credited to the visit that finished the ticket.
//
// Percentiles are nearest-rank, like statistics.ts. Read-only: its own connection to the record.
import type { Config, Report, ReportQuery, ReportRow, Spread } from '@vikno/shared';
import Database from 'better-sqlite3';
import { daysUnderQuestion } from '../audit/start-check.js';
import { percentile } from './statistics.js';

interface Visit {
  ticketId: string;
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

function computeReport(events: Iterable<ReportEvent>, config: Config, query: ReportQuery): Omit<Report, 'recordUnderQuestion'> {
  const issued: { service: string; at: number }[] = [];
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
          ticketId: e.ticketId,
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

  const groupOf = new Map(config.services.map((s) => [s.id, s.group]));
  const hourOf = hourFormatter(config.site.timezone);
  const keyOf = (v: { service: string; at: number; counter?: string; operator?: string }): string | null => {
    switch (query.by) {
      case 'service':
        return v.service;
      case 'group':
        return groupOf.get(v.service) ?? v.service;
      case 'hour':
        return hourOf(v.at);
      case 'counter':
        return v.counter ?? null;
      case 'operator':
        return v.operator ?? null;
    }
  };
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
  for (const i of issued) {
    const key = keyOf(i);
    if (key !== null) tally(key).issued++;
    total.issued++;
  }
  for (const v of visits) {
    const key = keyOf({ service: v.service, at: v.calledAt, counter: v.counter, operator: v.operator });
    if (key !== null) tally(key).add(v, target);
    total.add(v, target);
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

  add(v: Visit, target: number): void {
    this.visits++;
    this.waits.push(v.waitMs);
    if (v.waitMs <= target) this.within++;
    if (v.end === 'finished') this.served++;
    if (v.end === 'noShow') this.noShows++;
    if (v.end === 'transferred') this.transfers++;
    if (v.serviceMs !== null) this.services.push(v.serviceMs);
    if (v.score !== null) this.scores.push(v.score);
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
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    meanMinutes: round(mean(sorted) / 60_000, 2),
    p50Minutes: round(percentile(sorted, 50) / 60_000, 2),
    p90Minutes: round(percentile(sorted, 90) / 60_000, 2),
  };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function hourFormatter(timeZone: string): (at: number) => string {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
  return (at) => `${f.format(at).padStart(2, '0')}:00`;
}

/** Reports over the hub's record file, on a read-only connection of their own. */
export class Reports {
  private readonly select;

  constructor(private readonly db: Database.Database) {
    this.select = db.prepare<[string, string], string>(REPORT_EVENTS).pluck();
  }

  static open(file: string): Reports {
    return new Reports(new Database(file, { readonly: true, fileMustExist: true }));
  }

  build(query: ReportQuery, config: Config): Report {
    return {
      ...computeReport(reportEvents(this.select.all(query.from, query.to)), config, query),
      recordUnderQuestion: daysUnderQuestion(this.db, query.from, query.to),
    };
  }

  close(): void {
    this.db.close();
  }
}
