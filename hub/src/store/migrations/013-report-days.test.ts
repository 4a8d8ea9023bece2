import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../store.js';
import { columns, objectNames, type TempDb, tempDb, userVersion } from '../test-fixtures.js';
import { migrations } from './index.js';

describe('migration 013: report days', () => {
  let t: TempDb;

  beforeEach(() => {
    t = tempDb();
    expect(migrate(t.db, migrations.slice(0, 12))).toBe(12);
    expect(migrations[12]?.version).toBe(13);
    expect(migrate(t.db, migrations.slice(0, 13))).toBe(13);
  });
  afterEach(() => t.dispose());

  it('sets user_version to 13 and adds the folded days', () => {
    expect(userVersion(t.db)).toBe(13);
    expect(objectNames(t.db, 'table')).toContain('report_days');
    expect(columns(t.db, 'report_days')).toEqual(['day', 'names', 'issued', 'visits']);
  });

  it('keeps one reading per day', () => {
    const put = t.db.prepare('INSERT INTO report_days (day, names, issued, visits) VALUES (?, ?, ?, ?)');
    put.run('2026-11-23', '[]', Buffer.alloc(0), Buffer.alloc(0));
    expect(() => put.run('2026-11-23', '[]', Buffer.alloc(0), Buffer.alloc(0))).toThrow(/UNIQUE|PRIMARY/);
  });
});
