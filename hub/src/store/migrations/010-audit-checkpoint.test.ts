import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../store.js';
import { columns, indexColumns, insertEventRow, objectNames, type TempDb, tempDb, ticket, userVersion } from '../test-fixtures.js';
import { migrations } from './index.js';

describe('migration 010: audit checkpoint', () => {
  let t: TempDb;
  const earlier = ticket('2026-03-02', 1);

  beforeEach(() => {
    t = tempDb();
    expect(migrate(t.db, migrations.slice(0, 9))).toBe(9);
    insertEventRow(t.db, { type: 'ticket.issued', at: earlier.issuedAt, day: earlier.day, ticket: earlier, token: 'token' });
    expect(migrations[9]?.version).toBe(10);
    expect(migrate(t.db, migrations.slice(0, 10))).toBe(10);
  });
  afterEach(() => t.dispose());

  it('sets user_version to 10 and adds an empty checkpoint and breaks table, keeping the events', () => {
    expect(userVersion(t.db)).toBe(10);
    expect(objectNames(t.db, 'table')).toEqual(expect.arrayContaining(['audit_checkpoint', 'audit_breaks']));
    expect(columns(t.db, 'audit_checkpoint')).toEqual(['id', 'seq', 'hash', 'at']);
    expect(columns(t.db, 'audit_breaks')).toEqual(['seq', 'day', 'found_at', 'problem']);
    expect(indexColumns(t.db, 'audit_breaks_day')).toEqual(['day']);
    expect(t.db.prepare('SELECT count(*) FROM audit_checkpoint').pluck().get()).toBe(0);
    expect(t.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
  });

  it('keeps one checkpoint row at most', () => {
    t.db.prepare('INSERT INTO audit_checkpoint (id, seq, hash, at) VALUES (1, 1, ?, 0)').run('a'.repeat(64));
    expect(() => t.db.prepare('INSERT INTO audit_checkpoint (id, seq, hash, at) VALUES (2, 1, ?, 0)').run('a'.repeat(64))).toThrow(/CHECK/);
  });
});
