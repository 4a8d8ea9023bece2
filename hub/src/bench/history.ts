// A record with a long past: a million tickets over the days before today (and a busy today), written
// straight into the hub's schema. Then the hub starts on it — start time, memory — and the supervisor's
// statistics run against it while the hub is up: today, and a whole month.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConfigInput, configSchema, type DomainEvent, type Ticket } from '@vikno/shared';
import { stringify } from 'yaml';
import { dayOf } from '../engine/day.js';
import { openStatistics, type Period } from '../stats/statistics.js';
import { migrate, openDatabase } from '../store/store.js';
import { type Centre, prng } from './centre.js';
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
  /** Timed runs of each statistics query (after one first run). */
  repeats: number;
}

export async function benchHistory(o: HistoryOptions) {
  const dir = join(o.scratch, 'history');
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const input: ConfigInput = { ...o.centre.input, dataDir };
  const config = configSchema.parse(input);
  const file = join(dataDir, 'vikno.db');
  const t0 = performance.now();
  const days = writeHistory(file, o, config.site.timezone);
  const generateSeconds = round((performance.now() - t0) / 1000, 1);
  const configFile = join(dir, 'centre.yaml');
  writeFileSync(configFile, stringify(input));

  const hub = await spawnHub({ configFile, dataDir, logFile: join(dir, 'hub.log') });
  try {
    const rssAfterStartMb = hub.rssMb();
    const { statistics, close } = openStatistics(file);
    const today = days.at(-1)!;
    const month: Period = { from: days.at(-31) ?? days[0]!, to: today };
    const options = { targetWaitMinutes: config.queue.targetWaitMinutes, groupBy: o.centre.groupOf };
    const time = (period: Period) => {
      const samples: number[] = [];
      let tickets = 0;
      for (let i = 0; i <= o.repeats; i++) {
        const s0 = performance.now();
        tickets = statistics.forPeriod(period, options).total.issued;
        samples.push(performance.now() - s0);
      }
      const warm = samples.slice(1);
      return { tickets, firstMs: round(samples[0]!, 1), medianMs: round(median(warm), 1), maxMs: round(Math.max(...warm), 1) };
    };
    const result = {
      tickets: o.tickets,
      days: days.length,
      databaseMb: Math.round(statSync(file).size / 2 ** 20),
      generateSeconds,
      hubStartMs: Math.round(hub.startMs),
      rssAfterStartMb,
      statistics: { today: time({ from: today, to: today }), month: { days: 31, ...time(month) } },
      plan: statistics.plan(),
    };
    close();
    return result;
  } finally {
    await hub.stop();
  }
}

/**
 * Writes `tickets` finished visits over consecutive days ending today (in the site's zone), each a
 * ticket row and its issued → called → started → finished events (a few no-shows), as the store
 * writes them. Returns the days, oldest first.
 */
function writeHistory(file: string, o: HistoryOptions, timeZone: string): string[] {
  const random = prng(o.seed);
  const config = configSchema.parse(o.centre.input);
  const db = openDatabase(file);
  migrate(db);
  // A bulk load: the benchmark's own fixture, not a hub's commit, needs no sync per transaction.
  db.pragma('synchronous = OFF');
  const insertEvent = db.prepare('INSERT INTO events (day, at, type, ticket_id, counter_id, data) VALUES (?, ?, ?, ?, ?, ?)');
  const insertTicket = db.prepare(
    `INSERT INTO tickets (id, day, number, service, status, token, issued_at, called_at, finished_at, counter_id, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const services = config.services;
  const demand = services.map((s) => o.centre.demand.get(s.id) ?? 0);
  const serviceCdf = cumulative(demand);
  const hourCdf = cumulative(HOURLY_ARRIVALS);
  const servedBy = new Map<string, string[]>();
  for (const c of config.counters) for (const s of c.services) servedBy.set(s.service, [...(servedBy.get(s.service) ?? []), c.id]);

  const dayCount = Math.ceil(o.tickets / o.perDay);
  const todayStart = Date.parse(`${dayOf(Date.now(), timeZone)}T08:00:00+02:00`);
  const days: string[] = [];
  let written = 0;
  const writeDay = db.transaction((d: number) => {
    const open = todayStart - (dayCount - 1 - d) * DAY_MS;
    const day = dayOf(open, timeZone);
    days.push(day);
    const n = Math.min(o.perDay, o.tickets - written);
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
      const finishedAt = noShow ? calledAt + 2 * MINUTE : startedAt! + Math.round(service.averageServiceMinutes * (0.5 + random()) * MINUTE);
      const id = `${day}:${number}`;
      const waiting: Ticket = {
        id,
        day,
        number,
        service: service.id,
        channel: 'kiosk',
        priority: null,
        language: 'uk',
        issuedAt,
        queuedAt: issuedAt,
        appointmentAt: null,
        appointmentId: null,
        targetCounter: null,
        returned: false,
        status: 'waiting',
        counter: null,
        calledAt: null,
        startedAt: null,
        finishedAt: null,
        recalls: 0,
        transfers: 0,
        outcomes: [],
        comment: null,
      };
      const final: Ticket = { ...waiting, status: noShow ? 'no_show' : 'finished', counter, calledAt, startedAt, finishedAt };
      const token = `${day}-${i}-${Math.floor(random() * 2 ** 32).toString(36)}`;
      const events: DomainEvent[] = [
        { type: 'ticket.issued', at: issuedAt, day, ticket: waiting, token },
        { type: 'ticket.called', at: calledAt, day, ticketId: id, counter, operator: `op-${counter}`, rule: 'normal' },
        noShow
          ? { type: 'ticket.noShow', at: finishedAt, day, ticketId: id, counter }
          : { type: 'ticket.started', at: startedAt!, day, ticketId: id, counter },
      ];
      if (!noShow) events.push({ type: 'ticket.finished', at: finishedAt, day, ticketId: id, counter, outcomes: [] });
      for (const e of events) insertEvent.run(day, e.at, e.type, id, 'counter' in e ? e.counter : null, JSON.stringify(e));
      insertTicket.run(id, day, number, service.id, final.status, token, issuedAt, calledAt, finishedAt, counter, JSON.stringify(final));
    }
    written += n;
  });
  for (let d = 0; d < dayCount; d++) writeDay(d);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return days;
}
