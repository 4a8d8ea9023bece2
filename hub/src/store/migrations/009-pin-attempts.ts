import type { Migration } from './types.js';

/**
 * Wrong PINs per username (hub/src/security/pin-attempts.ts), so that a restart of the hub does not
 * hand a guesser five more tries. Kept only as long as the lockout window needs them.
 */
export const pinAttempts: Migration = {
  version: 9,
  name: 'pin-attempts',
  up: (db) =>
    db.exec('CREATE TABLE pin_attempts (username TEXT NOT NULL, at INTEGER NOT NULL); CREATE INDEX pin_attempts_at ON pin_attempts (at);'),
};
