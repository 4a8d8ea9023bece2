// The `tickets` table kept current from a site's events, as the hub's own tickets table is
// (hub/src/engine/state.ts, `evolve`): reports read one row per visit, not the log.
import type { DomainEvent, Ticket } from '@vikno/shared';

export interface TicketRow {
  id: string;
  day: string;
  number: string;
  service: string;
  status: string;
  issuedAt: number;
  calledAt: number | null;
  finishedAt: number | null;
  counterId: string | null;
}

const fromTicket = (t: Ticket): TicketRow => ({
  id: t.id,
  day: t.day,
  number: t.number,
  service: t.service,
  status: t.status,
  issuedAt: t.issuedAt,
  calledAt: t.calledAt,
  finishedAt: t.finishedAt,
  counterId: t.counter,
});

/** The ticket an event is about, if it changes one. */
export function ticketOf(e: DomainEvent): string | undefined {
  if (e.type === 'ticket.issued') return e.ticket.id;
  if (e.type === 'case.carried' || e.type === 'ticket.feedback' || e.type === 'ticket.recalled') return undefined;
  return e.type.startsWith('ticket.') && 'ticketId' in e ? e.ticketId : undefined;
}

/**
 * Applies one event to the rows it changes (`rows` holds the site's tickets the batch touches);
 * false when it names a ticket central does not hold.
 */
export function applyToTickets(rows: Map<string, TicketRow>, e: DomainEvent): boolean {
  if (e.type === 'ticket.issued' || e.type === 'case.carried') {
    rows.set(e.ticket.id, fromTicket(e.ticket));
    return true;
  }
  const id = ticketOf(e);
  if (id === undefined) return true;
  const t = rows.get(id);
  if (!t) return false;
  switch (e.type) {
    case 'ticket.called':
    case 'ticket.unparked':
      Object.assign(t, { status: 'called', counterId: e.counter, calledAt: e.at });
      break;
    case 'ticket.started':
      t.status = 'serving';
      break;
    case 'ticket.finished':
      Object.assign(t, { status: 'finished', finishedAt: e.at });
      break;
    case 'ticket.noShow':
      Object.assign(t, { status: 'no_show', finishedAt: e.at });
      break;
    case 'ticket.transferred':
      Object.assign(t, { status: 'waiting', service: e.toService, counterId: null });
      break;
    case 'ticket.parked':
      t.status = 'parked';
      break;
    case 'ticket.expired':
      t.status = 'expired';
      break;
  }
  return true;
}
