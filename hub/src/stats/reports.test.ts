// Report figures against a hand-built event log, written to a record file by the store, whose answers
// are worked out by hand (nearest-rank percentiles; target 15 min). Times are minutes after 09:00 in
// Kyiv on 2026-03-03.
import type { DomainEvent, ReportDimension, Ticket } from '@vikno/shared';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { centre } from '../engine/test-fixtures.js';
import { Store } from '../store/store.js';
import { tempDbFile } from '../store/test-fixtures.js';
import { duration, reportCsv } from './report-csv.js';
import { Reports } from './reports.js';

const T0 = Date.parse('2026-03-03T07:00:00Z');
const day = '2026-03-03';
const at = (minutes: number) => T0 + minutes * 60_000;

function issued(number: string, service: string, minute: number): DomainEvent {
  const ticket = { id: `${day}:${number}`, day, number, service, issuedAt: at(minute), queuedAt: at(minute) } as Ticket;
  return { type: 'ticket.issued', at: at(minute), day, ticket, token: `t-${number}` };
}
const id = (number: string) => `${day}:${number}`;
const called = (n: string, minute: number, counter: string, operator: string): DomainEvent => ({
  type: 'ticket.called',
  at: at(minute),
  day,
  ticketId: id(n),
  counter,
  operator,
  rule: 'normal',
});
const started = (n: string, minute: number, counter: string): DomainEvent => ({
  type: 'ticket.started',
  at: at(minute),
  day,
  ticketId: id(n),
  counter,
});
const finished = (n: string, minute: number, counter: string): DomainEvent => ({
  type: 'ticket.finished',
  at: at(minute),
  day,
  ticketId: id(n),
  counter,
  outcomes: [],
});

const feedback = (n: string, minute: number, counter: string, service: string, score: number): DomainEvent => ({
  type: 'ticket.feedback',
  at: at(minute),
  day,
  ticketId: id(n),
  counter,
  service,
  score,
  comment: null,
});

const LOG: DomainEvent[] = [
  issued('A-001', 'passport', 0),
  issued('A-002', 'passport', 1),
  issued('B-001', 'pension', 2),
  issued('A-003', 'passport', 3),
  called('A-001', 5, 'k1', 'olena'),
  started('A-001', 6, 'k1'),
  finished('A-001', 16, 'k1'),
  called('B-001', 17, 'k1', 'olena'),
  {
    type: 'ticket.transferred',
    at: at(19),
    day,
    ticketId: id('B-001'),
    counter: 'k1',
    toService: 'passport',
    toCounter: null,
    comment: null,
  },
  called('A-002', 21, 'k2', 'petro'),
  { type: 'ticket.noShow', at: at(23), day, ticketId: id('A-002'), counter: 'k2' },
  called('B-001', 29, 'k2', 'petro'),
  started('B-001', 30, 'k2'),
  finished('B-001', 36, 'k2'),
  called('A-003', 63, 'k1', 'olena'),
  finished('A-003', 65, 'k1'),
  feedback('A-001', 70, 'k1', 'passport', 5),
  feedback('B-001', 71, 'k2', 'passport', 4),
];

const files: ReturnType<typeof tempDbFile>[] = [];
afterAll(() => {
  for (const f of files) f.remove();
});

/** The reports of a record holding `log` (and, on the day before, one ticket served outside the range). */
function recordOf(log: readonly DomainEvent[]): Reports {
  const f = tempDbFile();
  files.push(f);
  const store = new Store(f.file);
  const before = '2026-03-02';
  const ticket = {
    id: `${before}:A-009`,
    day: before,
    number: 'A-009',
    service: 'passport',
    issuedAt: at(-1440),
    queuedAt: at(-1440),
  } as Ticket;
  store.commit({
    events: [
      { type: 'ticket.issued', at: at(-1440), day: before, ticket, token: 't-9' },
      { type: 'ticket.called', at: at(-1430), day: before, ticketId: ticket.id, counter: 'k1', operator: 'olena', rule: 'normal' },
    ],
    tickets: [],
  });
  store.commit({ events: [...log], tickets: [] });
  store.close();
  return Reports.open(f.file);
}

const full = recordOf(LOG);
const report = (by: ReportDimension, reports = full) => reports.build({ from: day, to: day, by }, centre());

describe('reports from the event log', () => {
  it('per service: visits, waits and service times with exact means and nearest-rank percentiles', () => {
    const r = report('service');
    expect(r.rows.map((x) => x.key)).toEqual(['passport', 'pension']);
    expect(r.rows[0]).toEqual({
      key: 'passport',
      issued: 3,
      visits: 4,
      served: 3,
      noShows: 1,
      transfers: 0,
      // waits 5, 10 (after the transfer), 20, 60
      wait: { meanMinutes: 23.75, p50Minutes: 10, p90Minutes: 60 },
      // 10 (start → finish), 6, 2 (never started: call → finish)
      service: { meanMinutes: 6, p50Minutes: 6, p90Minutes: 10 },
      withinTargetShare: 0.5,
      feedback: { count: 2, mean: 4.5 },
    });
    expect(r.rows[1]).toEqual({
      key: 'pension',
      issued: 1,
      visits: 1,
      served: 0,
      noShows: 0,
      transfers: 1,
      wait: { meanMinutes: 15, p50Minutes: 15, p90Minutes: 15 },
      service: null,
      // exactly the target counts as within it
      withinTargetShare: 1,
      feedback: null,
    });
    expect(r.total).toMatchObject({
      issued: 4,
      visits: 5,
      served: 3,
      noShows: 1,
      transfers: 1,
      wait: { meanMinutes: 22, p50Minutes: 15, p90Minutes: 60 },
      withinTargetShare: 0.6,
    });
  });

  it('per operator, counter, hour and group', () => {
    const ops = report('operator').rows;
    // olena: waits 5, 15, 60; petro: 20, 10
    expect(ops.map((x) => [x.key, x.visits, x.wait?.meanMinutes, x.issued])).toEqual([
      ['olena', 3, 26.67, 0],
      ['petro', 2, 15, 0],
    ]);
    expect(report('counter').rows.map((x) => [x.key, x.visits, x.served, x.noShows, x.transfers])).toEqual([
      ['k1', 3, 2, 0, 1],
      ['k2', 2, 1, 1, 0],
    ]);
    expect(report('hour').rows.map((x) => [x.key, x.issued, x.visits])).toEqual([
      ['09:00', 4, 4],
      ['10:00', 0, 1],
    ]);
    expect(report('group').rows.map((x) => [x.key, x.issued, x.visits])).toEqual([['main', 4, 5]]);
  });

  it('has no feedback figures when no feedback events exist', () => {
    const r = report('service', recordOf(LOG.filter((e) => e.type !== 'ticket.feedback')));
    expect(r.total.feedback).toBeNull();
    expect(r.total.visits).toBe(5);
  });

  it("exports the rows and the total as CSV in the report's language: ids and names apart, durations as h:mm:ss", () => {
    const csv = reportCsv(report('service'), centre(), 'uk');
    // A byte-order mark first: a spreadsheet guessing the encoding reads the Cyrillic as UTF-8.
    expect(csv.startsWith('\uFEFFІдентифікатор послуги,Послуга,Талонів,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      [
        'Ідентифікатор послуги',
        'Послуга',
        'Талонів',
        'Викликів',
        'Обслуговано',
        'Не з’явилися',
        'Переадресовано',
        '"Очікування, середнє (год:хв:с)"',
        '"Очікування, медіана (год:хв:с)"',
        '"Очікування, 90-й перцентиль (год:хв:с)"',
        '"Обслуговування, середнє (год:хв:с)"',
        '"Обслуговування, медіана (год:хв:с)"',
        '"Обслуговування, 90-й перцентиль (год:хв:с)"',
        '"Викликано протягом 15 хв, %"',
        'Оцінок',
        'Середня оцінка (1–5)',
      ].join(','),
    );
    const name = (id: string) => centre().services.find((s) => s.id === id)?.names.uk;
    expect(lines[1]).toBe(`passport,${name('passport')},3,4,3,1,0,0:23:45,0:10:00,1:00:00,0:06:00,0:06:00,0:10:00,50,2,4.5`);
    expect(lines[2]).toBe(`pension,${name('pension')},1,1,0,0,1,0:15:00,0:15:00,0:15:00,,,,100,,`);
    expect(lines[3]).toBe(',Разом,4,5,3,1,1,0:22:00,0:15:00,1:00:00,0:06:00,0:06:00,0:10:00,60,2,4.5');
    expect(lines[4]).toBe('');
    const en = reportCsv(report('counter'), centre(), 'en').slice(1).split('\r\n');
    expect(en[0]?.startsWith('Counter id,Window,Tickets,Calls,')).toBe(true);
    expect(en[1]?.startsWith('k1,Window 1,0,3,')).toBe(true);
    expect(reportCsv(report('operator'), centre(), 'en').split('\r\n')[1]?.startsWith('olena,olena,')).toBe(true);
  });

  it('folds each day the record has moved past once, keeps it, and reports from it what the events say', () => {
    const next = '2026-03-04';
    const ticket = {
      id: `${next}:A-001`,
      day: next,
      number: 'A-001',
      service: 'passport',
      issuedAt: at(1440),
      queuedAt: at(1440),
    } as Ticket;
    const later = recordOf([...LOG, { type: 'ticket.issued', at: at(1440), day: next, ticket, token: 't-next' }]);
    const file = files.at(-1)!.file;
    const dimensions: ReportDimension[] = ['service', 'group', 'counter', 'operator', 'hour'];
    // From the events (the day is the record's last in `full`), then folded and kept, then from what was kept.
    for (const by of dimensions) {
      const fromEvents = report(by);
      expect(report(by, later), by).toEqual(fromEvents);
      expect(report(by, later), by).toEqual(fromEvents);
    }
    // The record's last day may still grow: it is read from its events each time, never kept.
    expect(later.build({ from: day, to: next, by: 'service' }, centre()).total.issued).toBe(5);
    const db = new Database(file);
    try {
      expect(db.prepare('SELECT day FROM report_days ORDER BY day').pluck().all()).toEqual([day]);
      // What is read is what was kept: without its visits, the day has none.
      db.prepare('UPDATE report_days SET visits = ? WHERE day = ?').run(Buffer.alloc(0), day);
      expect(report('service', later).total.visits).toBe(0);
      expect(report('service', later).total.issued).toBe(4);
    } finally {
      db.close();
    }
  });

  it('writes durations to the second as h:mm:ss', () => {
    expect([0, 0.01, 0.5, 1, 59.99, 60, 61.5, 125.25].map(duration)).toEqual([
      '0:00:00',
      '0:00:01',
      '0:00:30',
      '0:01:00',
      '0:59:59',
      '1:00:00',
      '1:01:30',
      '2:05:15',
    ]);
  });
});
