import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChainedRow, GENESIS_HASH, rowHash } from '../../audit/chain.js';
import { migrate } from '../store.js';
import { columns, insertEventRow, issued, objectNames, type TempDb, tempDb, ticket, userVersion } from '../test-fixtures.js';
import { migrations } from './index.js';

interface Row extends ChainedRow {
  prev_hash: string | null;
  hash: string | null;
}

describe('migration 004: audit chain', () => {
  let t: TempDb;
  const a = ticket('2026-03-02', 1);
  const b = ticket('2026-03-02', 2);
  const c = ticket('2026-03-03', 1);

  beforeEach(() => {
    t = tempDb();
    expect(migrate(t.db, migrations.slice(0, 3))).toBe(3);
    // A version-3 record with events written before there was a chain.
    for (const x of [a, b, c]) insertEventRow(t.db, issued(x));
    expect(migrations[3]?.version).toBe(4);
    expect(migrate(t.db, migrations.slice(0, 4))).toBe(4);
  });
  afterEach(() => t.dispose());

  const rows = () => t.db.prepare<[], Row>('SELECT * FROM events ORDER BY seq').all();

  it('sets user_version to 4, adds prev_hash and hash and keeps the append-only triggers', () => {
    expect(userVersion(t.db)).toBe(4);
    expect(columns(t.db, 'events')).toEqual(['seq', 'day', 'at', 'type', 'ticket_id', 'counter_id', 'data', 'prev_hash', 'hash']);
    expect(objectNames(t.db, 'trigger')).toEqual(['events_no_delete', 'events_no_update']);
    expect(() => t.db.prepare("UPDATE events SET hash = 'x'").run()).toThrow('events are append-only');
    expect(() => t.db.prepare('DELETE FROM events WHERE seq = 1').run()).toThrow('events are append-only');
  });

  it('chains the rows that existed before, in id order, from the genesis value', () => {
    const stored = rows();
    expect(stored.map((r) => r.ticket_id)).toEqual([a.id, b.id, c.id]);
    let prev = GENESIS_HASH;
    for (const r of stored) {
      expect(r.prev_hash).toBe(prev);
      expect(r.hash).toBe(rowHash(r, prev));
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      prev = r.hash!;
    }
    // Each hash depends on the previous one: the same row after another prefix hashes differently.
    expect(rowHash(stored[1]!, GENESIS_HASH)).not.toBe(stored[1]!.hash);
  });

  it('chains an empty log to nothing and leaves it usable', () => {
    const empty = tempDb();
    try {
      expect(migrate(empty.db, migrations.slice(0, 4))).toBe(4);
      expect(empty.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    } finally {
      empty.dispose();
    }
  });
});
