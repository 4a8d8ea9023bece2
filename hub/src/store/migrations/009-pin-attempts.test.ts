import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../store.js';
import { columns, indexColumns, objectNames, type TempDb, tempDb, userVersion } from '../test-fixtures.js';
import { migrations } from './index.js';

describe('migration 009: pin attempts', () => {
  let t: TempDb;

  beforeEach(() => {
    t = tempDb();
    expect(migrate(t.db, migrations.slice(0, 8))).toBe(8);
    expect(migrations[8]?.version).toBe(9);
    expect(migrate(t.db, migrations.slice(0, 9))).toBe(9);
  });
  afterEach(() => t.dispose());

  it('sets user_version to 9 and adds pin_attempts with its time index', () => {
    expect(userVersion(t.db)).toBe(9);
    expect(objectNames(t.db, 'table')).toContain('pin_attempts');
    expect(columns(t.db, 'pin_attempts')).toEqual(['username', 'at']);
    expect(indexColumns(t.db, 'pin_attempts_at')).toEqual(['at']);
  });
});
