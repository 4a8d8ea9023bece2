// A record with a long past: a million tickets over the days up to today, written straight into the
// hub's schema (audit chain included). The hub starts on it — start time and memory, against a start
// on an empty record with the same config — and the supervisor's figures are computed from it while
// the hub runs: today and a whole month, by the period statistics (hub/src/stats/statistics.ts) and
// by the admin page's report (hub/src/stats/reports.ts).
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, type ConfigInput, configSchema, type DomainEvent, type Ticket } from '@vikno/shared';
import Database from 'better-sqlite3';
import { stringify } from 'yaml';
import { GENESIS_HASH, rowHash } from '../audit/chain.js';
import { dayOf } from '../engine/day.js';
import { newTicket } from '../engine/engine.js';
import { prng } from '../planner/random.js';
import { REPORT_EVENTS, Reports } from '../stats/reports.js';
import { openStatistics, type Period } from '../stats/statistics.js';
import { migrate, openDatabase } from '../store/store.js';
import type { Centre } from './centre.js';
import { spawnHub } from './hub-process.js';
import { median, round } from './measure.js';
import { arrivalOffset, cumulative, HOURLY_ARRIVALS, MINUTE, pickIndex } from './visitors.js';

const DAY_MS = 86_400_000;

export interface HistoryOptions {
  scratch: string;
  centre: Centre;
  tickets: number;
  perDay: number;
  seed: number;
  /** Timed runs of each query after the first. */
  repeats: number;
}

interface Timing {
  tickets: number;
  firstMs: number;
  medianMs: number;
}

export async function benchHistory(o: HistoryOptions) {
  const dir = join(o.scratch, 'history');
  const input: ConfigInput = { ...o.centre.input, dataDir: join(dir, 'data') };
  const config = configSchema.parse(input);
  const configFile = join(dir, 'centre.yaml');
  mkdirSync(dir, { recursive: true });
  writeFileSync(configFile, stringify(input));

  // The same config on an empty record: what the start costs without any history.
  const empty = await spawnHub({ configFile, dataDir: join(dir, 'empty'), logFile: join(dir, 'empty.log') });
  const emptyStart = { startMs: Math.round(empty.startMs), rssMb: empty.rssMb() };
  await empty.stop();

  const file = join(config.dataDir, 'vikno.db');
  const t0 = performance.now();
  const days = writeHistory(file, o, config);
  const generateSeconds = round((performance.now() - t0) / 1000, 1);

  const hub = await spawnHub({ configFile, dataDir: config.dataDir, logFile: join(dir, 'hub.log') });
  const reports = Reports.open(file);
  const { statistics, close } = openStatistics(file);
  // The floors: SQLite doing each query's reading without handing rows to JavaScript.
  const raw = new Database(file, { readonly: true });
  const statisticsFloor = raw.prepare<[string, string], number>(
    `SELECT sum((SELECT min(e.at) FROM events e WHERE e.type = 'ticket.called' AND e.ticket_id = t.id) - t.issued_at)
     FROM tickets t WHERE t.day BETWEEN ? AND ?`,
  );
  // The report's own reading, its one column used so that SQLite cannot skip making it.
  const reportFloor = raw.prepare<[string, string], number>(`SELECT sum(length(event)) FROM (${REPORT_EVENTS})`);
  try {
    const rssAfterStartMb = hub.rssMb();
    const today: Period = { from: days.at(-1)!, to: days.at(-1)! };
    const month: Period = { from: days.at(-31) ?? days[0]!, to: today.to };
    const options = { targetWaitMinutes: config.queue.targetWaitMinutes, groupBy: o.centre.groupOf };
    const time = (run: () => number): Timing => {
      const samples: number[] = [];
      let tickets = 0;
      for (let i = 0; i <= o.repeats; i++) {
        const s0 = performance.now();
        tickets = run();
        samples.push(performance.now() - s0);
      }
      return { tickets, firstMs: round(samples[0]!, 1), medianMs: round(median(samples.slice(1)), 1) };
    };
    const period = (p: Period) => ({
      ...time(() => statistics.forPeriod(p, options).total.issued),
      floorMs: time(() => statisticsFloor.pluck().get(p.from, p.to) ?? 0).medianMs,
    });
    const report = (p: Period) => ({
      ...time(() => reports.build({ ...p, by: 'group' }, config).total.issued),
      floorMs: time(() => reportFloor.pluck().get(p.from, p.to) ?? 0).medianMs,
    });
    return {
      tickets: o.tickets,
      days: days.length,
      databaseMb: Math.round(statSync(file).size / 2 ** 20),
      generateSeconds,
      emptyStart,
      hubStartMs: Math.round(hub.startMs),
      rssAfterStartMb,
      statistics: { today: period(today), month: { days: 31, ...period(month) } },
      report: { today: report(today), month: { days: 31, ...report(month) } },
    };
  } finally {
    raw.close();
    close();
    reports.close();
    await hub.stop();
  }
}

/**
 * Writes `tickets` visits over consecutive days ending today (in the site's zone), `perDay` a day
 * (the oldest day takes the rest): a ticket row and its issued → called → started → finished events
 * (a few no-shows), chained as the store chains them. Returns the days, oldest first.
 */
/** Writes the past into a record file (also the planner test's fixture): the days written, oldest first. */
export function writeHistory(file: string, o: Pick<HistoryOptions, 'centre' | 'tickets' | 'perDay' | 'seed'>, config: Config): string[] {
  const random = prng(o.seed);
  const db = openDatabase(file);
  migrate(db);
  // A bulk load: the benchmark's own fixture, not a hub's commit, needs no sync per transaction.
  db.pragma('synchronous = OFF');
  const insertEvent = db.prepare(
    'INSERT INTO events (seq, day, at, type, ticket_id, counter_id, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertTicket = db.prepare(
    `INSERT INTO tickets (id, day, number, service, status, token, issued_at, called_at, finished_at, counter_id, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const services = config.services;
  const serviceCdf = cumulative(services.map((s) => o.centre.demand.get(s.id) ?? 0));
  const hourCdf = cumulative(HOURLY_ARRIVALS);
  const servedBy = new Map<string, string[]>();
  for (const c of config.counters) for (const s of c.services) servedBy.set(s.service, [...(servedBy.get(s.service) ?? []), c.id]);
  const chain = { seq: 0, hash: GENESIS_HASH };
  const append = (e: DomainEvent, ticketId: string) => {
    const row = {
      seq: chain.seq + 1,
      day: e.day,
      at: e.at,
      type: e.type,
      ticket_id: ticketId,
      counter_id: 'counter' in e ? e.counter : null,
      data: JSON.stringify(e),
    };
    const hash = rowHash(row, chain.hash);
    insertEvent.run(row.seq, row.day, row.at, row.type, row.ticket_id, row.counter_id, row.data, chain.hash, hash);
    chain.seq = row.seq;
    chain.hash = hash;
  };

  const dayCount = Math.ceil(o.tickets / o.perDay);
  // 06:00 UTC is 08:00 or 09:00 in Kyiv: inside the opening hours whatever the season.
  const todayOpen = Date.parse(`${dayOf(Date.now(), config.site.timezone)}T06:00:00Z`);
  const days: string[] = [];
  const writeDay = db.transaction((d: number, n: number) => {
    const open = todayOpen - (dayCount - 1 - d) * DAY_MS;
    const day = dayOf(open, config.site.timezone);
    days.push(day);
    const numbers = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const service = services[pickIndex(serviceCdf, random())]!;
      const seq = (numbers.get(service.id) ?? 0) + 1;
      numbers.set(service.id, seq);
      const number = `${service.prefix}-${String(seq).padStart(3, '0')}`;
      const counters = servedBy.get(service.id)!;
      const counter = counters[Math.floor(random() * counters.length)]!;
      const issuedAt = Math.round(open + arrivalOffset(hourCdf, random));
      const calledAt = issuedAt + Math.round(-Math.log(1 - random()) * 6 * MINUTE);
      const noShow = random() < 0.03;
      const startedAt = noShow ? null : calledAt + Math.round((30 + 60 * random()) * 1000);
      const finishedAt = noShow
        ? calledAt + 2 * MINUTE
        : startedAt! + Math.round(service.averageServiceMinutes * (0.5 + random()) * MINUTE);
      const id = `${day}:${number}`;
      const waiting = newTicket({
        id,
        day,
        number,
        service: service.id,
        channel: 'kiosk',
        priority: null,
        language: 'uk',
        issuedAt,
        appointmentAt: null,
        appointmentId: null,
      });
      const final: Ticket = { ...waiting, status: noShow ? 'no_show' : 'finished', counter, calledAt, startedAt, finishedAt };
      const token = `${day}-${i}-${Math.floor(random() * 2 ** 32).toString(36)}`;
      append({ type: 'ticket.issued', at: issuedAt, day, ticket: waiting, token }, id);
      append({ type: 'ticket.called', at: calledAt, day, ticketId: id, counter, operator: `op-${counter}`, rule: 'normal' }, id);
      if (noShow) append({ type: 'ticket.noShow', at: finishedAt, day, ticketId: id, counter }, id);
      else {
        append({ type: 'ticket.started', at: startedAt!, day, ticketId: id, counter }, id);
        append({ type: 'ticket.finished', at: finishedAt, day, ticketId: id, counter, outcomes: [] }, id);
      }
      insertTicket.run(id, day, number, service.id, final.status, token, issuedAt, calledAt, finishedAt, counter, JSON.stringify(final));
    }
  });
  const oldest = o.tickets - (dayCount - 1) * o.perDay;
  for (let d = 0; d < dayCount; d++) writeDay(d, d === 0 ? oldest : o.perDay);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return days;
}
