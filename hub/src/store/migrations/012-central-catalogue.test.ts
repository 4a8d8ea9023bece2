import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../store.js';
import { columns, objectNames, type TempDb, tempDb, userVersion } from '../test-fixtures.js';
import { migrations } from './index.js';

describe('migration 012: central catalogue', () => {
  let t: TempDb;

  beforeEach(() => {
    t = tempDb();
    expect(migrate(t.db, migrations.slice(0, 11))).toBe(11);
    expect(migrations[11]?.version).toBe(12);
    expect(migrate(t.db, migrations.slice(0, 12))).toBe(12);
  });
  afterEach(() => t.dispose());

  it('sets user_version to 12 and adds the applied catalogue', () => {
    expect(userVersion(t.db)).toBe(12);
    expect(objectNames(t.db, 'table')).toContain('central_catalogue');
    expect(columns(t.db, 'central_catalogue')).toEqual(['id', 'version', 'message', 'region_ids', 'applied_at']);
  });

  it('keeps one catalogue only: the one applied last', () => {
    const put = t.db.prepare('INSERT INTO central_catalogue (id, version, message, region_ids, applied_at) VALUES (?, ?, ?, ?, ?)');
    put.run(1, 'a', '{}', '[]', 1);
    expect(() => put.run(2, 'b', '{}', '[]', 2)).toThrow(/CHECK/);
    expect(() => put.run(1, 'b', '{}', '[]', 2)).toThrow(/UNIQUE|PRIMARY/);
  });
});
