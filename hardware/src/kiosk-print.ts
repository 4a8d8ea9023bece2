// A kiosk's print request answered the way the page expects (`PrintResult`): printed, or why not.
// Shared by the kiosk's Electron main (a real printer) and the hub (browser mode's virtual printers).
import type { PrintResult, TicketPrint } from '@vikno/shared';
import { renderPreview } from './printer/preview.js';
import { type Printer, PrinterError } from './printer/printer.js';

export async function printTicket(printer: Printer, ticket: TicketPrint, options: { preview?: boolean } = {}): Promise<PrintResult> {
  try {
    const job = await printer.print(ticket);
    const previewUrl = options.preview
      ? `data:image/png;base64,${(await renderPreview(job.bytes, printer.profile)).toString('base64')}`
      : null;
    return { ok: true, problem: null, previewUrl, status: job.status };
  } catch (error) {
    if (!(error instanceof PrinterError)) throw error;
    return { ok: false, problem: error.message, previewUrl: null, status: error.status };
  }
}
