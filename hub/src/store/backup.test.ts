import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase } from './backup.js';
import { Store } from './store.js';
import { issued, tempDbFile, ticket } from './test-fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function storeWith(n: number): { store: Store; file: string; dir: string } {
  const { file, dir, remove } = tempDbFile();
  cleanups.push(remove);
  const store = new Store(file, { checkpointInBackground: () => {} });
  cleanups.push(() => store.close());
  commit(store, 1, n);
  return { store, file, dir };
}

/** One commit per ticket, as the hub makes them, a thousand to a transaction to be quick. */
function commit(store: Store, from: number, n: number): void {
  for (let start = from; start < from + n; start += 1000) {
    const tickets = Array.from({ length: Math.min(1000, from + n - start) }, (_, i) => ticket('2026-03-03', start + i));
    store.commit(...tickets.map((t) => ({ events: [issued(t)], tickets: [t] })));
  }
}

describe('backupDatabase', () => {
  it('copies a snapshot while commits go on, into one file that opens on its own', async () => {
    const { store, file, dir } = storeWith(300);
    const out = join(dir, 'copy.db');
    const copying = backupDatabase(file, out);
    // The hub does not stop for a backup: these land before or after the snapshot, never half.
    commit(store, 301, 200);
    const result = await copying;
    expect(result.tickets).toBeGreaterThanOrEqual(300);
    expect(result.tickets).toBeLessThanOrEqual(500);
    expect(result.events).toBe(result.tickets);
    // Rollback-journal mode (file format bytes 1, not WAL's 2), and nothing beside it.
    expect([...readFileSync(out).subarray(18, 20)]).toEqual([1, 1]);
    expect(existsSync(`${out}-wal`)).toBe(false);
    // A restore is this file as the record: the hub's store opens it and finds every copied ticket.
    const restored = new Store(out);
    cleanups.push(() => restored.close());
    const db = new Database(out, { readonly: true });
    cleanups.push(() => db.close());
    expect(db.prepare('SELECT count(*) FROM tickets').pluck().get()).toBe(result.tickets);
  });

  it('reports its progress as it writes, against the size of the database', async () => {
    const { file, dir } = storeWith(20_000);
    const seen: [number, number][] = [];
    const result = await backupDatabase(file, join(dir, 'copy.db'), {
      progress: (written, total) => seen.push([written, total]),
      everyMs: 2,
    });
    expect(seen.length).toBeGreaterThan(0);
    const total = seen[0]![1];
    expect(total).toBeGreaterThanOrEqual(result.bytes);
    for (const [written, of] of seen) {
      expect(of).toBe(total);
      expect(written).toBeLessThanOrEqual(total);
    }
  });

  it('never overwrites a file, and leaves nothing behind when it cannot write', async () => {
    const { file, dir } = storeWith(3);
    const out = join(dir, 'copy.db');
    await backupDatabase(file, out);
    await expect(backupDatabase(file, out)).rejects.toThrow(/already exists/);
    const nowhere = join(dir, 'no-such-folder', 'copy.db');
    await expect(backupDatabase(file, nowhere)).rejects.toThrow();
    expect(existsSync(nowhere)).toBe(false);
    await expect(backupDatabase(join(dir, 'missing.db'), join(dir, 'other.db'))).rejects.toThrow(/no database/);
  });
});
