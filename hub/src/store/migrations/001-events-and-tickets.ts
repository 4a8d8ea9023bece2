import type { Migration } from './types.js';

/**
 * The append-only event log (the record reports are computed from, and the engine's state replayed
 * from), and one row per ticket kept in step with it for lookups and history queries.
 */
export const eventsAndTickets: Migration = {
  version: 1,
  name: 'events-and-tickets',
  up: (db) =>
    db.exec(`
      CREATE TABLE events (
        -- The rowid, without AUTOINCREMENT: rows are never deleted (the trigger below), so a number is
        -- never reused anyway, and AUTOINCREMENT would write sqlite_sequence at every commit.
        seq INTEGER PRIMARY KEY,
        day TEXT NOT NULL,
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        ticket_id TEXT,
        counter_id TEXT,
        data TEXT NOT NULL
      );
      CREATE INDEX events_day ON events (day, seq);
      CREATE INDEX events_ticket ON events (ticket_id) WHERE ticket_id IS NOT NULL;
      -- Append-only: the log is evidence, so the database itself refuses edits and deletions.
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

      CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        day TEXT NOT NULL,
        number TEXT NOT NULL,
        service TEXT NOT NULL,
        status TEXT NOT NULL,
        token TEXT NOT NULL UNIQUE,
        issued_at INTEGER NOT NULL,
        called_at INTEGER,
        finished_at INTEGER,
        counter_id TEXT,
        data TEXT NOT NULL,
        UNIQUE (day, number)
      );
      CREATE INDEX tickets_day_service ON tickets (day, service);
      CREATE INDEX tickets_open ON tickets (day) WHERE status IN ('waiting', 'called', 'serving', 'parked');
    `),
};
