import type { Migration } from './types.js';

/**
 * command_replies becomes an ordinary rowid table, and its key (device, id) is kept by the Store in
 * memory instead of in a unique index. Command ids are random: as a WITHOUT ROWID table each answer
 * (several hundred bytes) went into a random leaf page, and a unique index would still put each key
 * in a random page. Now an answer appends to the table's last page, beside the day index, which
 * also only appends. The Store loads the keys at start and refuses a repeated one (store.ts).
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
      CREATE INDEX command_replies_day ON command_replies (day);
    `),
};
