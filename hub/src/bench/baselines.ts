// The limits the hub is measured against, on the same machine in the same run: how fast SQLite can
// commit one row with the hub's own pragmas, and how long a message takes from one client through the
// broker to another.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SUBSCRIBED_QOS } from '@vikno/shared/client';
import type { MqttClient } from 'mqtt';
import { openDatabase, Store } from '../store/store.js';
import { ticket as sampleTicket } from '../store/test-fixtures.js';
import { WalSync } from '../store/wal-sync.js';

export interface CommitRound {
  commitsPerSecond: number;
  /** Commit latencies (ms) of the round, for the percentiles. */
  samples: number[];
}

/** A scratch database with the hub's pragmas and one table of small rows, synced as the hub syncs. */
function rawDatabase(dir: string, name: string) {
  const file = join(dir, name);
  const db = openDatabase(file);
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, day TEXT, at INTEGER, data TEXT)');
  const wal = new WalSync(`${file}-wal`);
  const insert = db.prepare('INSERT INTO t (day, at, data) VALUES (?, ?, ?)');
  return {
    wal,
    commit: db.transaction((i: number) => insert.run('2026-03-03', i, '{"type":"ticket.issued"}')),
    close() {
      wal.close();
      db.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    },
  };
}

/**
 * Durable single-row transactions for `seconds`, with exactly the hub's pragmas and its sync of the
 * log after each commit (store.ts; the same as SQLite's synchronous=FULL, docs/performance.md).
 */
export function rawCommits(dir: string, seconds: number): CommitRound {
  const raw = rawDatabase(dir, 'raw-commits.db');
  try {
    const samples: number[] = [];
    const t0 = performance.now();
    const end = t0 + seconds * 1000;
    for (let now = t0; now < end; ) {
      raw.commit(samples.length);
      raw.wal.syncNow();
      const after = performance.now();
      samples.push(after - now);
      now = after;
    }
    return { commitsPerSecond: Math.round(samples.length / ((performance.now() - t0) / 1000)), samples };
  } finally {
    raw.close();
  }
}

/**
 * One durable single-row commit at a time, between the latency probes: the hub's pragmas, the sync
 * on libuv's pool as the hub does it. A commit of a lone command, on a disk that is not kept busy,
 * costs more than one of a stream of them (docs/performance.md).
 */
export class DurableCommitProbe {
  private n = 0;
  private readonly raw: ReturnType<typeof rawDatabase>;

  constructor(dir: string) {
    this.raw = rawDatabase(dir, 'durable-probe.db');
  }

  /** Milliseconds from the commit's start until its sync returns. */
  async sample(): Promise<number> {
    const t0 = performance.now();
    this.raw.commit(++this.n);
    await this.raw.wal.synced();
    return performance.now() - t0;
  }

  close(): void {
    this.raw.close();
  }
}

/**
 * One publish → receive through the broker: `from` publishes QoS 1, `to` (subscribed to `topic` at
 * the apps' QoS) receives. The same two hops a call makes from the hub to a display. Returns milliseconds.
 */
export class BrokerProbe {
  private waiting: (() => void) | undefined;

  private constructor(
    private readonly from: MqttClient,
    private readonly topic: string,
    private readonly payload: string,
  ) {}

  static async start(from: MqttClient, to: MqttClient, topic: string, payloadBytes: number): Promise<BrokerProbe> {
    const probe = new BrokerProbe(from, topic, JSON.stringify({ status: 'online', pad: 'x'.repeat(Math.max(0, payloadBytes - 30)) }));
    to.on('message', (t) => {
      if (t === topic) probe.waiting?.();
    });
    await to.subscribeAsync(topic, { qos: SUBSCRIBED_QOS });
    return probe;
  }

  sample(): Promise<number> {
    return new Promise((resolve) => {
      const t0 = performance.now();
      this.waiting = () => {
        this.waiting = undefined;
        resolve(performance.now() - t0);
      };
      this.from.publish(this.topic, this.payload, { qos: 1 });
    });
  }
}

/**
 * What one command costs the store on its own: an issued ticket's event, ticket row and recorded
 * answer, one transaction each, through the hub's Store. The ceiling of a hub without group commit.
 */
export function storeCommits(dir: string, seconds: number): { commitsPerSecond: number } {
  const file = join(dir, 'store-commits.db');
  const store = new Store(file);
  try {
    const day = '2026-03-03';
    const t0 = performance.now();
    const end = t0 + seconds * 1000;
    let n = 0;
    while (performance.now() < end) {
      const ticket = sampleTicket(day, ++n, { service: 'residence-01' });
      const token = randomUUID();
      const body = JSON.stringify({ id: randomUUID(), ok: true, data: { ticket, token, ahead: 3, estimatedWaitMinutes: 12 } });
      store.commit({
        events: [{ type: 'ticket.issued', at: ticket.issuedAt, day, ticket, token }],
        tickets: [ticket],
        reply: { device: 'kiosk-1', id: randomUUID(), day, at: ticket.issuedAt, body },
      });
    }
    return { commitsPerSecond: Math.round(n / ((performance.now() - t0) / 1000)) };
  } finally {
    store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
}
