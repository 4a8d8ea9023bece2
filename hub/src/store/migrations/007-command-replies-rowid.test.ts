import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../store.js';
import { columns, indexList, objectNames, type TempDb, tempDb, userVersion } from '../test-fixtures.js';
import { migrations } from './index.js';

const insertReply = (t: TempDb, device: string, id: string, day = '2026-03-02', body = '{"ok":true}') =>
  t.db.prepare('INSERT INTO command_replies (device, id, day, at, reply) VALUES (?, ?, ?, ?, ?)').run(device, id, day, 1, body);

describe('migration 007: command replies in a rowid table', () => {
  let t: TempDb;

  beforeEach(() => {
    t = tempDb();
    expect(migrate(t.db, migrations.slice(0, 6))).toBe(6);
    insertReply(t, 'kiosk-1', 'c-1', '2026-03-01', 'first');
    insertReply(t, 'kiosk-2', 'c-1', '2026-03-02', 'second');
    expect(migrations[6]?.version).toBe(7);
    expect(migrate(t.db, migrations.slice(0, 7))).toBe(7);
  });
  afterEach(() => t.dispose());

  it('sets user_version to 7 and keeps every reply, columns and all, in the order they were answered', () => {
    expect(userVersion(t.db)).toBe(7);
    expect(objectNames(t.db, 'table')).not.toContain('command_replies_old');
    expect(columns(t.db, 'command_replies')).toEqual(['device', 'id', 'day', 'at', 'reply']);
    const sql = t.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'command_replies'").pluck().get() as string;
    expect(sql).not.toMatch(/WITHOUT ROWID/);
    expect(t.db.prepare('SELECT device, id, day, reply FROM command_replies ORDER BY rowid').all()).toEqual([
      { device: 'kiosk-1', id: 'c-1', day: '2026-03-01', reply: 'first' },
      { device: 'kiosk-2', id: 'c-1', day: '2026-03-02', reply: 'second' },
    ]);
  });

  it('leaves no index: nothing but the appended row is written per answer', () => {
    expect(indexList(t.db, 'command_replies')).toEqual([]);
    expect(objectNames(t.db, 'index')).not.toContain('command_replies_day');
  });

  it('forgets earlier days', () => {
    t.db.prepare('DELETE FROM command_replies WHERE day < ?').run('2026-03-02');
    expect(t.db.prepare('SELECT device FROM command_replies').pluck().all()).toEqual(['kiosk-2']);
  });
});
