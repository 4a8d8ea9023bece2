import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../store.js';
import { columns, indexColumns, objectNames, type TempDb, tempDb, userVersion } from '../test-fixtures.js';
import { migrations } from './index.js';

describe('migration 005: appointment phones', () => {
  let t: TempDb;

  beforeEach(() => {
    t = tempDb();
    expect(migrate(t.db, migrations.slice(0, 4))).toBe(4);
    t.db
      .prepare('INSERT INTO appointments (id, code, service, at, status, ticket_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('ap-1', 'ABC123', 'passport', 1, 'booked', null, 1);
    expect(migrations[4]?.version).toBe(5);
    expect(migrate(t.db, migrations.slice(0, 5))).toBe(5);
  });
  afterEach(() => t.dispose());

  it('sets user_version to 5, adds phone_hash (empty for earlier bookings) and its index', () => {
    expect(userVersion(t.db)).toBe(5);
    expect(columns(t.db, 'appointments')).toEqual(['id', 'code', 'service', 'at', 'status', 'ticket_id', 'created_at', 'phone_hash']);
    expect(indexColumns(t.db, 'appointments_phone')).toEqual(['phone_hash', 'service', 'at']);
    expect(indexColumns(t.db, 'appointments_service_at')).toEqual(['service', 'at']);
    expect(t.db.prepare("SELECT phone_hash FROM appointments WHERE id = 'ap-1'").pluck().get()).toBeNull();
  });

  it('makes one random 32-byte phone key per database', () => {
    expect(objectNames(t.db, 'table')).toContain('secrets');
    const key = t.db.prepare("SELECT value FROM secrets WHERE name = 'phone'").pluck().get() as Buffer;
    expect(key).toBeInstanceOf(Buffer);
    expect(key.length).toBe(32);
    const other = tempDb();
    try {
      migrate(other.db, migrations.slice(0, 5));
      expect(other.db.prepare("SELECT value FROM secrets WHERE name = 'phone'").pluck().get()).not.toEqual(key);
    } finally {
      other.dispose();
    }
  });
});
