import { randomBytes } from 'node:crypto';
import type { Migration } from './types.js';

/**
 * Who booked, as far as the one-booking-per-person rule needs it: the phone number, hashed with a
 * key of this database (hub/src/appointments/phone.ts), never the number itself.
 */
export const appointmentPhones: Migration = {
  version: 5,
  name: 'appointment-phones',
  up: (db) => {
    db.exec(`
      ALTER TABLE appointments ADD COLUMN phone_hash TEXT;
      CREATE INDEX appointments_phone ON appointments (phone_hash, service, at) WHERE phone_hash IS NOT NULL;
      CREATE INDEX appointments_service_at ON appointments (service, at);
      CREATE TABLE secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
    `);
    db.prepare("INSERT INTO secrets (name, value) VALUES ('phone', ?)").run(randomBytes(32));
  },
};
