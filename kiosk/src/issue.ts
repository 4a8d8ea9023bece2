// Issuing a ticket and printing it, in the one order that keeps the promise to the visitor: check the
// printer (no ticket if it cannot print), ask the hub (the ticket exists once the hub has committed
// it), then print; a ticket that then fails to print is shown on screen with its number.
import { CommandError, canPrint, type ErrorParams, type PrinterStatus, type PrintResult } from '@vikno/shared';
import { CommandTimeout, type ViknoClient } from '@vikno/shared/client';
import type { Issued, KioskPrinter } from './printer.js';

export type IssueRequest = { service: string; priority: string | null } | { appointmentCode: string };

export type IssueOutcome =
  | { kind: 'issued'; issued: Issued; print: PrintResult }
  | { kind: 'printerDown'; status: PrinterStatus }
  | { kind: 'refused'; code: CommandError['code'] | 'timeout'; params?: ErrorParams };

interface Options {
  client: ViknoClient;
  printer: KioskPrinter;
  request: IssueRequest;
  language: string;
  /** One id per visitor's choice: a retry or a second tap gets the first answer, never a second ticket. */
  id: string;
  print: (issued: Issued) => Parameters<KioskPrinter['print']>[0];
  /** How often to ask again with the same id while the hub does not answer. */
  attempts?: number;
  attemptTimeoutMs?: number;
}

export async function issueAndPrint({
  client,
  printer,
  request,
  language,
  id,
  print,
  attempts = 3,
  attemptTimeoutMs = 8000,
}: Options): Promise<IssueOutcome> {
  const status = await printer.printerStatus();
  if (!canPrint(status)) return { kind: 'printerDown', status };
  const args = 'appointmentCode' in request ? { appointmentCode: request.appointmentCode, language } : { ...request, language };
  let issued: Issued | null = null;
  for (let attempt = 1; attempt <= attempts && !issued; attempt++) {
    try {
      issued = await client.command('ticket.issue', args, { id, timeoutMs: attemptTimeoutMs });
    } catch (error) {
      if (error instanceof CommandError) return { kind: 'refused', code: error.code, params: error.params };
      if (!(error instanceof CommandTimeout) || attempt === attempts) return { kind: 'refused', code: 'timeout' };
    }
  }
  if (!issued) return { kind: 'refused', code: 'timeout' };
  return { kind: 'issued', issued, print: await printer.print(print(issued)) };
}

/** The out-of-service reason a visitor can understand. */
export function printerProblemKey(status: PrinterStatus) {
  if (status.paperOut) return 'kiosk.outOfService.paper' as const;
  if (status.coverOpen) return 'kiosk.outOfService.cover' as const;
  return 'kiosk.outOfService.printer' as const;
}
