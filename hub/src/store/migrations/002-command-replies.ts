import type { Migration } from './types.js';

/**
 * The answer to every command, keyed by sender and command id, written in the same transaction as
 * the command's events: a repeated id gets the first answer and changes nothing, even after a restart.
 */
export const commandReplies: Migration = {
  version: 2,
  name: 'command-replies',
  up: (db) =>
    db.exec(`
      CREATE TABLE command_replies (
        device TEXT NOT NULL,
        id TEXT NOT NULL,
        day TEXT NOT NULL,
        at INTEGER NOT NULL,
        reply TEXT NOT NULL,
        PRIMARY KEY (device, id)
      ) WITHOUT ROWID;
      CREATE INDEX command_replies_day ON command_replies (day);
    `),
};
