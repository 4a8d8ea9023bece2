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

const insertAppointment = (t: TempDb, id: string, code: string, status = 'booked', ticketId: string | null = null) =>
  t.db
    .prepare('INSERT INTO appointments (id, code, service, at, status, ticket_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(id, code, 'passport', Date.parse('2026-03-04T09:00:00Z'), status, ticketId, Date.parse('2026-03-01T12:00:00Z'));

describe('migration 003: appointments', () => {
  let t: TempDb;
  const earlier = ticket('2026-03-02', 1);

  beforeEach(() => {
    t = tempDb();
    expect(migrate(t.db, migrations.slice(0, 2))).toBe(2);
    insertEventRow(t.db, issued(earlier));
    insertTicketRow(t.db, earlier);
    t.db.prepare("INSERT INTO command_replies (device, id, day, at, reply) VALUES ('kiosk-1', 'c-1', '2026-03-02', 1, 'r')").run();
    expect(migrations[2]?.version).toBe(3);
    expect(migrate(t.db, migrations.slice(0, 3))).toBe(3);
  });
  afterEach(() => t.dispose());

  it('sets user_version to 3, adds appointments and keeps the earlier rows', () => {
    expect(userVersion(t.db)).toBe(3);
    expect(objectNames(t.db, 'table')).toEqual(['appointments', 'command_replies', 'events', 'tickets']);
    expect(columns(t.db, 'appointments')).toEqual(['id', 'code', 'service', 'at', 'status', 'ticket_id', 'created_at']);
    const indexes = indexList(t.db, 'appointments');
    expect(indexes.map((i) => i.name)).toContain('appointments_at');
    expect(indexColumns(t.db, 'appointments_at')).toEqual(['at']);
    const uniques = indexes.filter((i) => i.unique === 1).map((i) => indexColumns(t.db, i.name).join(','));
    expect(uniques.sort()).toEqual(['code', 'id']);

    expect(t.db.prepare('SELECT id FROM tickets').pluck().all()).toEqual([earlier.id]);
    expect(t.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    expect(t.db.prepare('SELECT reply FROM command_replies').pluck().all()).toEqual(['r']);
  });

  it('accepts the three statuses and refuses any other', () => {
    insertAppointment(t, 'ap-1', 'ABC123', 'booked');
    insertAppointment(t, 'ap-2', 'ABC124', 'checked_in', earlier.id);
    insertAppointment(t, 'ap-3', 'ABC125', 'cancelled');
    expect(() => insertAppointment(t, 'ap-4', 'ABC126', 'no_show')).toThrow(/CHECK constraint failed/);
    expect(() => insertAppointment(t, 'ap-5', 'ABC127', 'Booked')).toThrow(/CHECK constraint failed/);
    expect(() => t.db.prepare("UPDATE appointments SET status = 'done' WHERE id = 'ap-1'").run()).toThrow(/CHECK constraint failed/);
    expect(t.db.prepare("SELECT status FROM appointments WHERE id = 'ap-1'").pluck().get()).toBe('booked');
    expect(t.db.prepare('SELECT count(*) FROM appointments').pluck().get()).toBe(3);
  });

  it('refuses two appointments with the same code, or the same id', () => {
    insertAppointment(t, 'ap-1', 'ABC123');
    expect(() => insertAppointment(t, 'ap-2', 'ABC123')).toThrow(/UNIQUE constraint failed: appointments\.code/);
    expect(() => insertAppointment(t, 'ap-1', 'XYZ999')).toThrow(/UNIQUE constraint failed: appointments\.id/);
  });

  it('refuses an appointment without a code or time', () => {
    expect(() =>
      t.db.prepare("INSERT INTO appointments (id, code, service, at, status, created_at) VALUES ('a', NULL, 's', 1, 'booked', 1)").run(),
    ).toThrow(/NOT NULL constraint failed: appointments\.code/);
    expect(() =>
      t.db.prepare("INSERT INTO appointments (id, code, service, at, status, created_at) VALUES ('a', 'C', 's', NULL, 'booked', 1)").run(),
    ).toThrow(/NOT NULL constraint failed: appointments\.at/);
  });
});
