import type { Migration } from './types.js';

/**
 * events_ticket goes: nothing reads events by ticket but the statistics, which have their own
 * events_first_call (migration 006). Ticket ids sort by service, so each event put its key in a
 * random page of this index: a page write per command for no reader.
 */
export const dropEventsTicket: Migration = {
  version: 8,
  name: 'drop-events-ticket',
  up: (db) => db.exec('DROP INDEX events_ticket'),
};
