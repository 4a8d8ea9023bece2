import type { Migration } from './types.js';

/**
 * What the hub's check of the audit chain at start (hub/src/audit/start-check.ts) keeps: the last
 * row it verified, with that row's hash, so the next start checks only the rows written since (and
 * today's) instead of a million; and the breaks it found, so a day stays "under question" in the
 * reports after the start that found it.
 */
export const auditCheckpoint: Migration = {
  version: 10,
  name: 'audit-checkpoint',
  up: (db) =>
    db.exec(`
      CREATE TABLE audit_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE TABLE audit_breaks (seq INTEGER PRIMARY KEY, day TEXT NOT NULL, found_at INTEGER NOT NULL, problem TEXT NOT NULL);
      CREATE INDEX audit_breaks_day ON audit_breaks (day);
    `),
};
