import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../store.js';
import { columns, objectNames, type TempDb, tempDb, userVersion } from '../test-fixtures.js';
import { migrations } from './index.js';

describe('migration 011: device pairing', () => {
  let t: TempDb;

  beforeEach(() => {
    t = tempDb();
    expect(migrate(t.db, migrations.slice(0, 10))).toBe(10);
    expect(migrations[10]?.version).toBe(11);
    expect(migrate(t.db, migrations.slice(0, 11))).toBe(11);
  });
  afterEach(() => t.dispose());

  it('sets user_version to 11 and adds the codes, the credentials and a key of its own for the codes', () => {
    expect(userVersion(t.db)).toBe(11);
    expect(objectNames(t.db, 'table')).toEqual(expect.arrayContaining(['pairing_codes', 'device_credentials']));
    expect(columns(t.db, 'pairing_codes')).toEqual(['code_hash', 'device', 'created_at', 'expires_at']);
    expect(columns(t.db, 'device_credentials')).toEqual(['device', 'secret_hash', 'paired_at', 'revoked_at']);
    const key = t.db.prepare("SELECT value FROM secrets WHERE name = 'pairing'").pluck().get() as Buffer;
    expect(key).toHaveLength(32);
  });

  it('keeps a device either with a secret or revoked, never both nor neither', () => {
    const insert = t.db.prepare('INSERT INTO device_credentials (device, secret_hash, paired_at, revoked_at) VALUES (?, ?, ?, ?)');
    insert.run('kiosk-1', '$7$hash', 1, null);
    insert.run('kiosk-2', null, 1, 2);
    expect(() => insert.run('kiosk-3', '$7$hash', 1, 2)).toThrow(/CHECK/);
    expect(() => insert.run('kiosk-4', null, 1, null)).toThrow(/CHECK/);
  });
});
