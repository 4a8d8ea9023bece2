import { randomBytes } from 'node:crypto';
import type { Migration } from './types.js';

/**
 * Pairing (hub/src/security/pairing.ts): the one-time codes an admin hands out, kept only as an HMAC
 * under a key of this database (a copy of the file does not give a live code away), and each paired
 * or revoked device's own secret. A row with no secret is a revoked device: it signs in with nothing
 * until it is paired again, not even with a secret from the config.
 */
export const devicePairing: Migration = {
  version: 11,
  name: 'device-pairing',
  up: (db) => {
    db.exec(`
      CREATE TABLE pairing_codes (
        code_hash TEXT PRIMARY KEY,
        device TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE device_credentials (
        device TEXT PRIMARY KEY,
        secret_hash TEXT,
        paired_at INTEGER,
        revoked_at INTEGER,
        CHECK ((secret_hash IS NULL) = (revoked_at IS NOT NULL))
      ) WITHOUT ROWID;
    `);
    db.prepare("INSERT INTO secrets (name, value) VALUES ('pairing', ?)").run(randomBytes(32));
  },
};
