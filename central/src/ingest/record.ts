// One site's part of the record in PostgreSQL: where its chain stands, the rows it has, and the
// writes of one checked batch in one transaction.
import type { CentralEvent, DomainEvent } from '@vikno/shared';
import type { Pool, PoolClient } from 'pg';
import { applyToTickets, type TicketRow, ticketOf } from './tickets.js';

export type AlertKind = 'chain_broken' | 'row_changed' | 'cursor_backwards';

export interface Alert {
  kind: AlertKind;
  seq: number;
  detail: string;
}

/** A site's chain as stored: its last acknowledged row, and whether it is held at an open integrity alert. */
export interface SiteChain {
  acked: number;
  hash: string;
  held: boolean;
  /**
   * Rows past the acknowledgement whose break a supervisor has cleared, by seq, with the break's kind:
   * such a row is taken as the hub sent it, and the chain goes on from its hash.
   */
  accepted: ReadonlyMap<number, AlertKind>;
}

/** Alerts that stop a site's record advancing until someone has looked (and cleared them). */
const HOLDING: readonly AlertKind[] = ['chain_broken', 'cursor_backwards'];

export async function loadSite(pool: Pool, site: string): Promise<SiteChain> {
  await pool.query('INSERT INTO sites (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [site]);
  const { rows } = await pool.query<{ acked_seq: string; acked_hash: string; held: boolean; accepted: [string, AlertKind][] }>(
    `SELECT acked_seq, acked_hash,
       EXISTS (SELECT 1 FROM alerts a WHERE a.site_id = s.id AND a.cleared_at IS NULL AND a.kind = ANY($2)) AS held,
       coalesce((SELECT json_agg(json_build_array(a.seq::text, a.kind)) FROM alerts a
                 WHERE a.site_id = s.id AND a.cleared_at IS NOT NULL AND a.kind = ANY($2) AND a.seq > s.acked_seq), '[]') AS accepted
     FROM sites s WHERE id = $1`,
    [site, HOLDING],
  );
  const r = rows[0]!;
  return {
    acked: Number(r.acked_seq),
    hash: r.acked_hash,
    held: r.held,
    accepted: new Map(r.accepted.map(([seq, kind]) => [Number(seq), kind])),
  };
}

/** The stored hashes of the rows of `seqs` the site already has. */
export async function storedHashes(pool: Pool, site: string, seqs: readonly number[]): Promise<Map<number, string>> {
  const { rows } = await pool.query<{ seq: string; hash: string }>(
    'SELECT seq, hash FROM events WHERE site_id = $1 AND seq = ANY($2::bigint[])',
    [site, seqs],
  );
  return new Map(rows.map((r) => [Number(r.seq), r.hash]));
}

export function holds(alert: Alert): boolean {
  return HOLDING.includes(alert.kind);
}

export interface Write {
  site: string;
  /** Checked rows continuing the stored chain, in order. */
  rows: readonly CentralEvent[];
  /** The acknowledgement the rows continue from: the write fails if another writer moved it. */
  from: number;
  alerts: readonly Alert[];
  /** The site's services' groups, from its latest live summary. */
  groups: ReadonlyMap<string, string | null>;
}

/** Everything of one batch, all or nothing. */
export async function writeBatch(pool: Pool, w: Write, warn: (seq: number, why: string) => void): Promise<void> {
  const client = await pool.connect();
  // A database that goes away while the connection is out of the pool says so here; the query fails too.
  const lost = (err: Error) => void err;
  client.on('error', lost);
  let failure: Error | undefined;
  try {
    await client.query('BEGIN');
    if (w.rows.length) {
      const last = w.rows.at(-1)!;
      const moved = await client.query(
        'UPDATE sites SET acked_seq = $2, acked_hash = $3, last_seen = now() WHERE id = $1 AND acked_seq = $4',
        [w.site, last.seq, last.hash, w.from],
      );
      // Another writer (a second central process) moved it: the chain is read again and the rows checked again.
      if (moved.rowCount !== 1) throw new Error(`the record of ${w.site} moved past ${w.from} meanwhile`);
      await insertEvents(client, w.site, w.rows);
      await upsertTickets(client, w, warn);
    }
    for (const a of w.alerts)
      await client.query(
        // An alert a supervisor has cleared is not raised again for the same row.
        `INSERT INTO alerts (site_id, kind, seq, detail)
         SELECT $1, $2, $3, $4 WHERE NOT EXISTS (
           SELECT 1 FROM alerts WHERE site_id = $1 AND kind = $2 AND seq = $3 AND cleared_at IS NOT NULL)
         ON CONFLICT (site_id, kind, seq) WHERE cleared_at IS NULL DO NOTHING`,
        [w.site, a.kind, a.seq, a.detail],
      );
    await client.query('COMMIT');
  } catch (error) {
    failure = error as Error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', lost);
    // A connection that failed is dropped from the pool, not handed to the next batch.
    client.release(failure);
  }
}

async function insertEvents(client: PoolClient, site: string, rows: readonly CentralEvent[]): Promise<void> {
  await client.query(
    `INSERT INTO events (site_id, seq, day, at, type, ticket_id, counter_id, data, prev_hash, hash)
     SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`,
    [
      site,
      rows.map((r) => r.seq),
      rows.map((r) => r.day),
      rows.map((r) => r.at),
      rows.map((r) => r.type),
      rows.map((r) => r.ticketId),
      rows.map((r) => r.counterId),
      rows.map((r) => r.data),
      rows.map((r) => r.prevHash),
      rows.map((r) => r.hash),
    ],
  );
}

async function upsertTickets(client: PoolClient, w: Write, warn: (seq: number, why: string) => void): Promise<void> {
  const events: { seq: number; event: DomainEvent }[] = [];
  for (const r of w.rows) {
    try {
      events.push({ seq: r.seq, event: JSON.parse(r.data) as DomainEvent });
    } catch {
      warn(r.seq, 'its data is not JSON');
    }
  }
  const issuedHere = new Set(
    events.flatMap(({ event: e }) => (e.type === 'ticket.issued' || e.type === 'case.carried' ? [e.ticket.id] : [])),
  );
  const earlier = [
    ...new Set(events.map(({ event }) => ticketOf(event)).filter((id): id is string => id !== undefined && !issuedHere.has(id))),
  ];
  const rows = new Map<string, TicketRow>();
  if (earlier.length) {
    const found = await client.query<{
      id: string;
      day: string;
      number: string;
      service: string;
      status: string;
      i: string;
      c: string | null;
      f: string | null;
      counter_id: string | null;
    }>(
      `SELECT id, to_char(day, 'YYYY-MM-DD') AS day, number, service, status, (extract(epoch FROM issued_at) * 1000)::bigint AS i,
         (extract(epoch FROM called_at) * 1000)::bigint AS c, (extract(epoch FROM finished_at) * 1000)::bigint AS f, counter_id
       FROM tickets WHERE site_id = $1 AND id = ANY($2)`,
      [w.site, earlier],
    );
    for (const t of found.rows)
      rows.set(t.id, {
        id: t.id,
        day: t.day,
        number: t.number,
        service: t.service,
        status: t.status,
        issuedAt: Number(t.i),
        calledAt: t.c === null ? null : Number(t.c),
        finishedAt: t.f === null ? null : Number(t.f),
        counterId: t.counter_id,
      });
  }
  const touched = new Set<string>();
  for (const { seq, event } of events) {
    const id = event.type === 'ticket.issued' || event.type === 'case.carried' ? event.ticket.id : ticketOf(event);
    if (!applyToTickets(rows, event)) warn(seq, `it changes ticket ${id}, which central does not hold`);
    else if (id !== undefined) touched.add(id);
  }
  const list = [...touched].map((id) => rows.get(id)!);
  if (!list.length) return;
  await client.query(
    `INSERT INTO tickets (site_id, id, day, number, service, service_group, status, issued_at, called_at, finished_at, counter_id)
     SELECT $1, t.id, t.day::date, t.number, t.service, t.service_group, t.status, to_timestamp(t.i / 1000.0),
       to_timestamp(t.c / 1000.0), to_timestamp(t.f / 1000.0), t.counter_id
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::bigint[], $10::bigint[], $11::text[])
       AS t (id, day, number, service, service_group, status, i, c, f, counter_id)
     ON CONFLICT (site_id, id) DO UPDATE SET service = excluded.service, service_group = excluded.service_group, status = excluded.status,
       called_at = excluded.called_at, finished_at = excluded.finished_at, counter_id = excluded.counter_id`,
    [
      w.site,
      list.map((t) => t.id),
      list.map((t) => t.day),
      list.map((t) => t.number),
      list.map((t) => t.service),
      list.map((t) => w.groups.get(t.service) ?? null),
      list.map((t) => t.status),
      list.map((t) => t.issuedAt),
      list.map((t) => t.calledAt),
      list.map((t) => t.finishedAt),
      list.map((t) => t.counterId),
    ],
  );
}
