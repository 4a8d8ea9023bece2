// The region's central service under load (docs/performance.md, "Central"): N simulated hubs — each
// a real uplink (hub/src/central/uplink.ts) reading a record written straight into the hub's schema —
// send their logs through the region's Mosquitto into PostgreSQL, against a COPY of the same rows
// into a table of the same shape in the same run; then one hub that was offline a whole day catches up.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCentral, startTestDatabase, writeRegionBrokerFiles } from '@vikno/central';
import { type CentralEvent, type CentralLive, centralSchema, type DomainEvent, GENESIS_HASH } from '@vikno/shared';
import { hashSecret, rowHash } from '@vikno/shared/node';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pino } from 'pino';
import { LogReader } from '../central/log-reader.js';
import { CentralUplink } from '../central/uplink.js';
import { newTicket } from '../engine/engine.js';
import { migrate, openDatabase } from '../store/store.js';
import { freePort } from './hub-process.js';
import { runMosquitto } from './mosquitto.js';

export interface CentralBenchOptions {
  scratch: string;
  /** Simulated hubs sending at once. */
  hubs: number;
  /** Rows in each one's log. */
  rowsPerHub: number;
  /** The day offline that one hub catches up (17,000: a regional office's 3,500 visitors, ~5 rows each). */
  catchUpRows: number;
}

export interface CentralBench {
  hubs: number;
  rows: number;
  copyRowsPerSecond: number;
  ingestRowsPerSecond: number;
  /** Ingest / COPY: the goal is ≥ 0.5. */
  ratio: number;
  catchUp: { rows: number; seconds: number };
  databaseMb: number;
}

const quiet = pino({ level: 'silent' });
const DAY = '2026-11-23';
const T0 = Date.parse(`${DAY}T07:00:00Z`);

export async function benchCentral(o: CentralBenchOptions): Promise<CentralBench> {
  const dir = join(o.scratch, 'central');
  mkdirSync(dir, { recursive: true });
  const db = await startTestDatabase();
  const port = await freePort();
  const url = `mqtt://127.0.0.1:${port}`;
  const sites = [...Array.from({ length: o.hubs }, (_, i) => `centre-${i + 1}`), 'offline-day'];
  const config = {
    database: { url: db.cluster.url, poolSize: 10 },
    broker: { url, password: 'bench-central' },
    sites: sites.map((id) => ({ id, secretHash: hashSecret(`bench-${id}`, 1000) })),
  };
  writeRegionBrokerFiles(config, { dir: join(dir, 'broker'), port, bind: '127.0.0.1', centralPassword: 'bench-central' });
  const broker = await runMosquitto(join(dir, 'broker'), port);
  const central = await startCentral({ config, pool: db.pool, log: quiet });
  try {
    const logs = sites.slice(0, o.hubs).map((site) => writeLog(join(dir, `${site}.db`), o.rowsPerHub));
    const copyRowsPerSecond = await copyRate(
      db.pool,
      sites.slice(0, o.hubs),
      logs.map((f) => new LogReader(f)),
      o.rowsPerHub,
    );
    const ingestSeconds = await sendAll(db.pool, url, sites.slice(0, o.hubs), logs);
    const rows = o.hubs * o.rowsPerHub;
    const ingestRowsPerSecond = Math.round(rows / ingestSeconds);
    const catchUpLog = writeLog(join(dir, 'offline-day.db'), o.catchUpRows);
    const catchUpSeconds = await sendAll(db.pool, url, ['offline-day'], [catchUpLog]);
    const size = await db.pool.query<{ b: string }>('SELECT pg_database_size(current_database()) AS b');
    return {
      hubs: o.hubs,
      rows,
      copyRowsPerSecond,
      ingestRowsPerSecond,
      ratio: Math.round((ingestRowsPerSecond / copyRowsPerSecond) * 100) / 100,
      catchUp: { rows: o.catchUpRows, seconds: Math.round(catchUpSeconds * 100) / 100 },
      databaseMb: Math.round(Number(size.rows[0]!.b) / 1e5) / 10,
    };
  } finally {
    await central.close();
    await broker.stop();
    await db.close();
  }
}

/** A hub's record with `rows` chained events: visits issued, called and finished at one window. */
function writeLog(file: string, rows: number): string {
  const db = openDatabase(file);
  migrate(db);
  const insert = db.prepare(
    'INSERT INTO events (seq, day, at, type, ticket_id, counter_id, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= rows; seq++) {
      const visit = Math.floor((seq - 1) / 3);
      const at = T0 + seq * 2000;
      const id = `${DAY}:A-${visit + 1}`;
      const e: DomainEvent =
        seq % 3 === 1
          ? {
              type: 'ticket.issued',
              at,
              day: DAY,
              token: `token-${visit}`,
              ticket: newTicket({
                id,
                day: DAY,
                number: `A-${visit + 1}`,
                service: 'passport',
                channel: 'kiosk',
                priority: null,
                language: 'uk',
                issuedAt: at,
                appointmentAt: null,
                appointmentId: null,
              }),
            }
          : seq % 3 === 2
            ? { type: 'ticket.called', at, day: DAY, ticketId: id, counter: 'w1', operator: 'olena', rule: 'normal' }
            : { type: 'ticket.finished', at, day: DAY, ticketId: id, counter: 'w1', outcomes: [] };
      const row = {
        seq,
        day: DAY,
        at,
        type: e.type,
        ticket_id: id,
        counter_id: e.type === 'ticket.issued' ? null : 'w1',
        data: JSON.stringify(e),
      };
      const hash = rowHash(row, prev);
      insert.run(row.seq, row.day, row.at, row.type, row.ticket_id, row.counter_id, row.data, prev, hash);
      prev = hash;
    }
  })();
  db.close();
  return file;
}

/** The same rows straight into a table like `events` with COPY: the database's own rate here. */
async function copyRate(pool: Pool, sites: readonly string[], readers: LogReader[], rowsPerHub: number): Promise<number> {
  await pool.query('CREATE TABLE copy_events (LIKE events INCLUDING ALL)');
  const rows = sites.map((site, i) => ({ site, events: readers[i]!.after(0, rowsPerHub) }));
  for (const r of readers) r.close();
  const client = await pool.connect();
  try {
    const started = performance.now();
    const stream = client.query(
      copyFrom('COPY copy_events (site_id, seq, day, at, type, ticket_id, counter_id, data, prev_hash, hash) FROM STDIN'),
    );
    for (const { site, events } of rows) for (const e of events) stream.write(copyLine(site, e));
    await new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end();
    });
    return Math.round((sites.length * rowsPerHub) / ((performance.now() - started) / 1000));
  } finally {
    client.release();
    await pool.query('DROP TABLE copy_events');
  }
}

const copyText = (v: string | number | null) =>
  v === null ? '\\N' : String(v).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
const copyLine = (site: string, e: CentralEvent) =>
  `${[site, e.seq, e.day, e.at, e.type, e.ticketId, e.counterId, e.data, e.prevHash, e.hash].map(copyText).join('\t')}\n`;

/** Real uplinks for `sites` on their logs; seconds until central has acknowledged every row. */
async function sendAll(pool: Pool, url: string, sites: readonly string[], files: readonly string[]): Promise<number> {
  const readers = files.map((f) => new LogReader(f));
  const want = readers.map((r) => r.head()!.seq);
  const started = performance.now();
  const uplinks = sites.map(
    (site, i) =>
      new CentralUplink({
        site,
        settings: centralSchema.parse({ url, password: `bench-${site}`, liveIntervalSeconds: 3600 }),
        reader: readers[i]!,
        live: () => emptyLive(site),
        log: quiet,
        clock: Date.now,
        pollMs: 20,
      }),
  );
  try {
    for (;;) {
      const { rows } = await pool.query<{ id: string; acked_seq: string }>('SELECT id, acked_seq FROM sites WHERE id = ANY($1)', [sites]);
      const acked = new Map(rows.map((r) => [r.id, Number(r.acked_seq)]));
      if (sites.every((s, i) => acked.get(s) === want[i])) return (performance.now() - started) / 1000;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    await Promise.all(uplinks.map((u) => u.stop()));
    for (const r of readers) r.close();
  }
}

function emptyLive(site: string): CentralLive {
  return {
    site,
    at: Date.now(),
    name: { en: site },
    timezone: 'Europe/Kyiv',
    hours: null,
    openNow: true,
    catalogueVersion: null,
    windowsOpen: 0,
    windowsTotal: 0,
    today: { issued: 0, called: 0, withinTarget: 0, targetMinutes: 15 },
    groups: [],
    services: [],
    deviceAlerts: [],
  };
}
