import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../store.js';
import {
  columns,
  indexColumns,
  indexList,
  insertEventRow,
  insertTicketRow,
  issued,
  objectNames,
  type TempDb,
  tempDb,
  ticket,
  userVersion,
} from '../test-fixtures.js';
import { migrations } from './index.js';

const insertReply = (t: TempDb, device: string, id: string, day = '2026-03-02', body = '{"ok":true}') =>
  t.db.prepare('INSERT INTO command_replies (device, id, day, at, reply) VALUES (?, ?, ?, ?, ?)').run(device, id, day, 1, body);

describe('migration 002: command replies', () => {
  let t: TempDb;
  const earlier = ticket('2026-03-02', 1);

  beforeEach(() => {
    t = tempDb();
    expect(migrate(t.db, migrations.slice(0, 1))).toBe(1);
    // A version-1 record with a day's work in it.
    insertEventRow(t.db, issued(earlier));
    insertTicketRow(t.db, earlier);
    expect(migrations[1]?.version).toBe(2);
    expect(migrate(t.db, migrations.slice(0, 2))).toBe(2);
  });
  afterEach(() => t.dispose());

  it('sets user_version to 2, adds command_replies and keeps the earlier rows', () => {
    expect(userVersion(t.db)).toBe(2);
    expect(objectNames(t.db, 'table')).toEqual(['command_replies', 'events', 'tickets']);
    expect(columns(t.db, 'command_replies')).toEqual(['device', 'id', 'day', 'at', 'reply']);
    expect(indexList(t.db, 'command_replies').map((i) => i.name)).toContain('command_replies_day');
    expect(indexColumns(t.db, 'command_replies_day')).toEqual(['day']);
    const sql = t.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'command_replies'").pluck().get() as string;
    expect(sql).toMatch(/WITHOUT ROWID/);

    expect(t.db.prepare('SELECT id FROM tickets').pluck().all()).toEqual([earlier.id]);
    expect(t.db.prepare('SELECT ticket_id FROM events').pluck().all()).toEqual([earlier.id]);
  });

  it('keys replies by (device, id): a repeated pair is refused, the same id from another device is not', () => {
    insertReply(t, 'kiosk-1', 'c-1');
    expect(() => insertReply(t, 'kiosk-1', 'c-1', '2026-03-03', '{"ok":false}')).toThrow(
      /UNIQUE constraint failed: command_replies\.device, command_replies\.id/,
    );
    insertReply(t, 'kiosk-2', 'c-1');
    insertReply(t, 'kiosk-1', 'c-2');
    expect(t.db.prepare('SELECT count(*) FROM command_replies').pluck().get()).toBe(3);
    expect(t.db.prepare("SELECT reply FROM command_replies WHERE device = 'kiosk-1' AND id = 'c-1'").pluck().get()).toBe('{"ok":true}');
  });

  it('looks replies up by primary key and earlier days by the day index', () => {
    const lookup = t.db
      .prepare("EXPLAIN QUERY PLAN SELECT reply FROM command_replies WHERE device = 'a' AND id = 'b'")
      .all()
      .map((r) => (r as { detail: string }).detail);
    expect(lookup.join('\n')).toMatch(/SEARCH command_replies USING PRIMARY KEY \(device=\? AND id=\?\)/);
    const forget = t.db
      .prepare("EXPLAIN QUERY PLAN DELETE FROM command_replies WHERE day < '2026-03-02'")
      .all()
      .map((r) => (r as { detail: string }).detail);
    expect(forget.join('\n')).toMatch(/command_replies_day/);
  });

  it('refuses a reply without a body or day', () => {
    expect(() => t.db.prepare("INSERT INTO command_replies (device, id, day, at, reply) VALUES ('k', 'i', 'd', 1, NULL)").run()).toThrow(
      /NOT NULL constraint failed: command_replies\.reply/,
    );
    expect(() => t.db.prepare("INSERT INTO command_replies (device, id, day, at, reply) VALUES ('k', 'i', NULL, 1, 'r')").run()).toThrow(
      /NOT NULL constraint failed: command_replies\.day/,
    );
  });
});
