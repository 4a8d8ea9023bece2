import type { Migration } from './types.js';

/** Booked visits. They span days, so they live beside the daily event log rather than in it. */
export const appointments: Migration = {
  version: 3,
  name: 'appointments',
  up: (db) =>
    db.exec(`
      CREATE TABLE appointments (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        service TEXT NOT NULL,
        at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled')),
        ticket_id TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX appointments_at ON appointments (at);
    `),
};
