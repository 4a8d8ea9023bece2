import type { Migration } from './types.js';

/**
 * command_replies becomes an ordinary rowid table without indexes, and its key (device, id) is kept
 * by the Store in memory. Command ids are random: as a WITHOUT ROWID table each answer (several
 * hundred bytes) went into a random leaf page, and a unique index would still put each key in a
 * random page; now an answer appends to the table's last page and writes nothing else. The table
 * holds a day or two (the hub forgets earlier days' answers), so the Store reads it whole at start
 * and the daily forgetting scans it: neither needs an index (store.ts).
 */
export const commandRepliesRowid: Migration = {
  version: 7,
  name: 'command-replies-rowid',
  up: (db) =>
    db.exec(`
      ALTER TABLE command_replies RENAME TO command_replies_old;
      DROP INDEX command_replies_day;
      CREATE TABLE command_replies (
        device TEXT NOT NULL,
        id TEXT NOT NULL,
        day TEXT NOT NULL,
        at INTEGER NOT NULL,
        reply TEXT NOT NULL
      );
      INSERT INTO command_replies (device, id, day, at, reply) SELECT device, id, day, at, reply FROM command_replies_old ORDER BY at;
      DROP TABLE command_replies_old;
    `),
};
