import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Statistics } from '../../stats/statistics.js';
import { migrate } from '../store.js';
import { indexList, insertEventRow, insertTicketRow, type TempDb, tempDb, ticket, userVersion } from '../test-fixtures.js';
import { migrations } from './index.js';

describe('migration 008: drop events_ticket', () => {
  let t: TempDb;
  const earlier = ticket('2026-03-02', 1);

  beforeEach(() => {
    t = tempDb();
    expect(migrate(t.db, migrations.slice(0, 7))).toBe(7);
    insertTicketRow(t.db, earlier);
    insertEventRow(t.db, { type: 'ticket.issued', at: earlier.issuedAt, day: earlier.day, ticket: earlier, token: 'token' });
    expect(indexList(t.db, 'events').map((i) => i.name)).toContain('events_ticket');
    expect(migrations[7]?.version).toBe(8);
    expect(migrate(t.db, migrations.slice(0, 8))).toBe(8);
  });
  afterEach(() => t.dispose());

  it('sets user_version to 8, drops the index and keeps the rows', () => {
    expect(userVersion(t.db)).toBe(8);
    expect(indexList(t.db, 'events').map((i) => i.name)).not.toContain('events_ticket');
    expect(t.db.prepare('SELECT id FROM tickets').pluck().all()).toEqual([earlier.id]);
    expect(t.db.prepare('SELECT ticket_id FROM events').pluck().all()).toEqual([earlier.id]);
  });

  it('leaves the statistics reading indexes alone', () => {
    const plan = new Statistics(t.db).plan().join('\n');
    expect(plan).toMatch(/SEARCH e USING COVERING INDEX events_first_call \(ticket_id=\?\)/);
    expect(plan).not.toMatch(/\bSCAN\b/);
  });
});
