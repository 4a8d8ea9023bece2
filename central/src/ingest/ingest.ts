// The sites' messages into the record. Each site's messages are handled in the order they came,
// one at a time; a site's event batches that wait together are checked and written as one. Rows
// are checked against the stored chain before anything is written (docs/central.md, "Integrity"),
// and the acknowledgement goes out only once the transaction has committed. A database that fails
// keeps the rows waiting here, tried again, never dropped.
import { type CentralAck, type CentralEvent, type CentralLive, type CentralPresence, GENESIS_HASH } from '@vikno/shared';
import { rowHash } from '@vikno/shared/node';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { type Alert, holds, loadSite, type SiteChain, storedHashes, writeBatch } from './record.js';

export interface IngestOptions {
  pool: Pool;
  log: Logger;
  /** Sends a site's acknowledgement (retained): called after each commit that moved it. */
  acknowledge: (ack: CentralAck) => void;
  /** A site's hub has come online (after its acknowledgement went out): it gets the region's catalogue. */
  online?: (site: string) => void;
}

interface SiteQueue {
  chain: SiteChain | undefined;
  /** Rows received and not yet written, by seq: a batch sent twice waits once. */
  pending: Map<number, CentralEvent>;
  draining: boolean;
  work: Promise<void>;
  groups: Map<string, string | null>;
  retryMs: number;
}

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5000;

export class Ingest {
  /** Batches received and rows written since start: the bench's and the tests' sign of progress. */
  readonly counts = { batches: 0, written: 0 };
  private readonly sites = new Map<string, SiteQueue>();
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly o: IngestOptions) {}

  events(site: string, events: readonly CentralEvent[]): void {
    const q = this.queue(site);
    this.counts.batches++;
    for (const e of events) if (!q.pending.has(e.seq)) q.pending.set(e.seq, e);
    this.drain(site, q);
  }

  presence(site: string, p: CentralPresence, retained: boolean): void {
    this.inTurn(site, async (q) => {
      const { pool } = this.o;
      const chain = await this.chain(site, q);
      await pool.query(
        `UPDATE sites SET online = $2, offline_since = CASE WHEN $2 THEN NULL ELSE coalesce(offline_since, now()) END,
           last_seen = CASE WHEN $2 THEN now() ELSE last_seen END WHERE id = $1`,
        [site, p.online],
      );
      // A retained presence is as old as the hub's connection: its log may have grown since.
      if (p.online && p.log && !retained && !chain.held) {
        const behind = p.log.seq < chain.acked || (p.log.seq === chain.acked && p.log.hash !== chain.hash);
        if (behind)
          await this.raise(site, q, {
            kind: 'cursor_backwards',
            seq: p.log.seq,
            detail: `the hub's log ends at row ${p.log.seq}, but central holds and has acknowledged up to row ${chain.acked}: restored from an older copy?`,
          });
      }
      if (p.online) {
        this.o.acknowledge({ site, seq: chain.acked, hash: chain.hash });
        this.o.online?.(site);
      }
    });
  }

  live(site: string, live: CentralLive): void {
    this.inTurn(site, async (q) => {
      await this.chain(site, q);
      await this.o.pool.query(
        `INSERT INTO live (site_id, at, summary) VALUES ($1, to_timestamp($2 / 1000.0), $3)
         ON CONFLICT (site_id) DO UPDATE SET at = excluded.at, summary = excluded.summary`,
        [site, live.at, JSON.stringify(live)],
      );
      await this.o.pool.query('UPDATE sites SET last_seen = now(), catalogue_version = $2 WHERE id = $1', [site, live.catalogueVersion]);
      const groups = new Map(live.services.map((s) => [s.id, s.group]));
      const changed = groups.size !== q.groups.size || [...groups].some(([id, g]) => q.groups.get(id) !== g);
      q.groups = groups;
      // Tickets written before the site's first summary have no group yet.
      if (changed)
        await this.o.pool.query(
          `UPDATE tickets t SET service_group = m.g FROM unnest($2::text[], $3::text[]) AS m (s, g)
           WHERE t.site_id = $1 AND t.service = m.s AND t.service_group IS NULL AND m.g IS NOT NULL`,
          [site, [...groups.keys()], [...groups.values()]],
        );
      // Rows kept while the site was held are tried again with each summary: the alert may be cleared now.
      if (q.chain?.held && q.pending.size) this.drain(site, q);
    });
  }

  /** Every known site's acknowledgement, as at a start: a hub waiting for one gets it. */
  async acknowledgeAll(): Promise<void> {
    const { rows } = await this.o.pool.query<{ id: string; acked_seq: string; acked_hash: string }>(
      'SELECT id, acked_seq, acked_hash FROM sites',
    );
    for (const r of rows) this.o.acknowledge({ site: r.id, seq: Number(r.acked_seq), hash: r.acked_hash });
  }

  /** The highest row of the site received and waiting to be written (the tests' sign that a batch has arrived). */
  waitingUpTo(site: string): number | undefined {
    const seqs = [...(this.sites.get(site)?.pending.keys() ?? [])];
    return seqs.length ? Math.max(...seqs) : undefined;
  }

  /** Resolves when everything received so far has been handled. */
  async settled(): Promise<void> {
    await Promise.all([...this.sites.values()].map((q) => q.work));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    await this.settled();
  }

  private queue(site: string): SiteQueue {
    let q = this.sites.get(site);
    if (!q) {
      q = { chain: undefined, pending: new Map(), draining: false, work: Promise.resolve(), groups: new Map(), retryMs: RETRY_MIN_MS };
      this.sites.set(site, q);
    }
    return q;
  }

  /** Runs `job` after the site's earlier work; a failure is logged and tried again after a pause. */
  private inTurn(site: string, job: (q: SiteQueue) => Promise<void>): void {
    const q = this.queue(site);
    const attempt = async (): Promise<void> => {
      try {
        await job(q);
        q.retryMs = RETRY_MIN_MS;
      } catch (err) {
        q.chain = undefined;
        if (this.closed) return;
        const wait = q.retryMs;
        q.retryMs = Math.min(q.retryMs * 2, RETRY_MAX_MS);
        this.o.log.error({ site, err: (err as Error).message, retryInMs: wait }, 'central: could not write to the record; trying again');
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            this.timers.delete(t);
            resolve();
          }, wait);
          this.timers.add(t);
        });
        if (!this.closed) await attempt();
      }
    };
    q.work = q.work.then(attempt);
  }

  private drain(site: string, q: SiteQueue): void {
    if (q.draining) return;
    q.draining = true;
    this.inTurn(site, async () => {
      q.draining = false;
      if (q.pending.size) await this.write(site, q);
    });
  }

  private async chain(site: string, q: SiteQueue): Promise<SiteChain> {
    q.chain ??= await loadSite(this.o.pool, site);
    return q.chain;
  }

  /** Checks the waiting rows against the stored chain and writes what continues it. */
  private async write(site: string, q: SiteQueue): Promise<void> {
    const events = [...q.pending.values()].sort((a, b) => a.seq - b.seq);
    q.pending.clear();
    try {
      await this.check(site, q, events);
    } catch (error) {
      // Back in line for the next attempt, beside whatever arrived meanwhile.
      for (const e of events) if (!q.pending.has(e.seq)) q.pending.set(e.seq, e);
      throw error;
    }
  }

  private async check(site: string, q: SiteQueue, events: readonly CentralEvent[]): Promise<void> {
    // A held site is read again: a supervisor may have cleared its alert since (on any central process).
    if (q.chain?.held) q.chain = undefined;
    const chain = await this.chain(site, q);
    if (chain.held) {
      // Kept waiting (no more than the hub's window ahead of the acknowledgement): once the alert is
      // cleared they are taken at the site's next message, not at the hub's next resend.
      for (const e of events) if (!q.pending.has(e.seq)) q.pending.set(e.seq, e);
      return void this.o.log.debug({ site, rows: events.length }, 'central: the site is held at an integrity alert; rows not taken');
    }
    const alerts: Alert[] = [];
    const known = events.filter((e) => e.seq <= chain.acked);
    if (known.length) {
      const stored = await storedHashes(
        this.o.pool,
        site,
        known.map((e) => e.seq),
      );
      for (const e of known) {
        const hash = stored.get(e.seq);
        if (hash !== undefined && hash !== e.hash)
          alerts.push({
            kind: 'row_changed',
            seq: e.seq,
            detail: `row ${e.seq} arrived again with another hash (${e.hash}; stored ${hash})`,
          });
      }
    }
    const rows: CentralEvent[] = [];
    let prev = chain.hash;
    for (const e of events) {
      if (e.seq <= chain.acked) continue;
      // A gap: a batch lost on the way; the hub sends it again from the acknowledgement.
      if (e.seq !== chain.acked + rows.length + 1) break;
      const problem = chainProblem(e, prev, rows.length === 0, chain.acked);
      if (problem && chain.accepted.get(e.seq) !== problem.kind) {
        alerts.push(problem);
        break;
      }
      rows.push(e);
      prev = e.hash;
    }
    const from = chain.acked;
    const write = { site, rows, from, alerts, groups: q.groups };
    await writeBatch(this.o.pool, write, (seq, why) =>
      this.o.log.warn({ site, seq }, `central: row ${seq} of ${site} leaves the tickets as they were: ${why}`),
    );
    for (const a of alerts) this.logAlert(site, a);
    this.counts.written += rows.length;
    if (rows.length) {
      const last = rows.at(-1)!;
      q.chain = { ...chain, acked: last.seq, hash: last.hash };
    }
    if (alerts.some(holds)) q.chain = { ...(q.chain ?? chain), held: true };
    if (rows.length) this.o.acknowledge({ site, seq: q.chain!.acked, hash: q.chain!.hash });
  }

  private async raise(site: string, q: SiteQueue, alert: Alert): Promise<void> {
    const chain = await this.chain(site, q);
    await writeBatch(this.o.pool, { site, rows: [], from: chain.acked, alerts: [alert], groups: q.groups }, () => undefined);
    this.logAlert(site, alert);
    if (holds(alert)) q.chain = { ...chain, held: true };
  }

  private logAlert(site: string, a: Alert): void {
    this.o.log.error({ site, kind: a.kind, seq: a.seq }, `central: ${a.kind} at ${site}, row ${a.seq}: ${a.detail}`);
  }
}

/** Why a row does not continue the chain before it, if it does not. */
function chainProblem(e: CentralEvent, prev: string, first: boolean, acked: number): Alert | undefined {
  if (e.prevHash !== prev) {
    // The first new row does not follow the last stored one: the hub's log is not the one central holds.
    if (first)
      return {
        kind: 'cursor_backwards',
        seq: e.seq,
        detail: `row ${e.seq} follows a row ${acked} that is not the one central holds (prev_hash ${e.prevHash}, stored ${prev === GENESIS_HASH ? 'genesis' : prev}): the hub's log was restored or rewritten`,
      };
    return { kind: 'chain_broken', seq: e.seq, detail: `row ${e.seq} does not name the hash of the row before it` };
  }
  const recomputed = rowHash(
    { seq: e.seq, day: e.day, at: e.at, type: e.type, ticket_id: e.ticketId, counter_id: e.counterId, data: e.data },
    e.prevHash,
  );
  if (recomputed !== e.hash)
    return {
      kind: 'chain_broken',
      seq: e.seq,
      detail: `row ${e.seq} was changed after it was chained: its columns hash to ${recomputed}, not ${e.hash}`,
    };
  return undefined;
}
