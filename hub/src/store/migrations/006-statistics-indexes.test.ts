import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Statistics } from '../../stats/statistics.js';
import { migrate } from '../store.js';
import { indexColumns, indexList, insertTicketRow, type TempDb, tempDb, ticket, userVersion } from '../test-fixtures.js';
import { migrations } from './index.js';

describe('migration 006: statistics indexes', () => {
  let t: TempDb;
  const earlier = ticket('2026-03-02', 1);

  beforeEach(() => {
    t = tempDb();
    expect(migrate(t.db, migrations.slice(0, 5))).toBe(5);
    insertTicketRow(t.db, earlier);
    expect(migrations[5]?.version).toBe(6);
    expect(migrate(t.db, migrations.slice(0, 6))).toBe(6);
  });
  afterEach(() => t.dispose());

  it('sets user_version to 6, adds both indexes in place of tickets_day_service and keeps the earlier rows', () => {
    expect(userVersion(t.db)).toBe(6);
    expect(indexList(t.db, 'tickets').map((i) => i.name)).not.toContain('tickets_day_service');
    expect(indexColumns(t.db, 'tickets_stats')).toEqual([
      'day',
      'service',
      'issued_at',
      'status',
      'called_at',
      'finished_at',
      'counter_id',
      'id',
    ]);
    expect(indexColumns(t.db, 'events_first_call')).toEqual(['ticket_id', 'at']);
    expect(indexList(t.db, 'events').find((i) => i.name === 'events_first_call')?.partial).toBe(1);
    expect(t.db.prepare('SELECT id FROM tickets').pluck().all()).toEqual([earlier.id]);
  });

  it('lets the period statistics read only the two indexes, never the rows', () => {
    const plan = new Statistics(t.db).plan().join('\n');
    expect(plan).toMatch(/SEARCH t USING COVERING INDEX tickets_stats \(day>\? AND day<\?\)/);
    expect(plan).toMatch(/SEARCH e USING COVERING INDEX events_first_call \(ticket_id=\?\)/);
    // Never a row of either table: no SCAN, and every SEARCH through a covering index.
    expect(plan).not.toMatch(/\bSCAN\b/);
    expect(plan.split('\n').filter((l) => l.startsWith('SEARCH') && !l.includes('COVERING INDEX'))).toEqual([]);
  });
});
