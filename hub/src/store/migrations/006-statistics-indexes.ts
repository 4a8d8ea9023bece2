import type { Migration } from './types.js';

/**
 * Indexes for the supervisor's statistics (hub/src/stats): a month is read from the indexes alone,
 * never from the wide rows with their JSON (docs/performance.md has the figures).
 *  - tickets_stats covers every column the statistics read, in day order. It begins with (day,
 *    service), so it takes over from tickets_day_service, which goes: one index less to write per
 *    command. issued_at comes before the columns a ticket's progress changes, so that a change
 *    rewrites the entry where it is, in one page, rather than moving it to another;
 *  - events_first_call gives a ticket's first call (its wait) in one index seek.
 */
export const statisticsIndexes: Migration = {
  version: 6,
  name: 'statistics-indexes',
  up: (db) =>
    db.exec(`
      CREATE INDEX tickets_stats ON tickets (day, service, issued_at, status, called_at, finished_at, counter_id, id);
      DROP INDEX tickets_day_service;
      CREATE INDEX events_first_call ON events (ticket_id, at) WHERE type = 'ticket.called';
    `),
};
