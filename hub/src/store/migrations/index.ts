import { eventsAndTickets } from './001-events-and-tickets.js';
import { commandReplies } from './002-command-replies.js';
import { appointments } from './003-appointments.js';
import { auditChain } from './004-audit-chain.js';
import { appointmentPhones } from './005-appointment-phones.js';
import { statisticsIndexes } from './006-statistics-indexes.js';
import { commandRepliesRowid } from './007-command-replies-rowid.js';
import { dropEventsTicket } from './008-drop-events-ticket.js';
import { pinAttempts } from './009-pin-attempts.js';
import { auditCheckpoint } from './010-audit-checkpoint.js';
import { devicePairing } from './011-device-pairing.js';
import { centralCatalogue } from './012-central-catalogue.js';
import { reportDays } from './013-report-days.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';
export const migrations: readonly Migration[] = [
  eventsAndTickets,
  commandReplies,
  appointments,
  auditChain,
  appointmentPhones,
  statisticsIndexes,
  commandRepliesRowid,
  dropEventsTicket,
  pinAttempts,
  auditCheckpoint,
  devicePairing,
  centralCatalogue,
  reportDays,
];
