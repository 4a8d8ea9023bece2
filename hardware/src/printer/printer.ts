// The one Printer: ESC/POS over any Transport. It asks DLE EOT 1, 2 and 4 before each ticket and
// on every status() call, and reopens a transport that closed or failed, so a printer unplugged and
// plugged back in is found again without a restart.
import { canPrint, type PrinterStatus, type TicketPrint } from '@vikno/shared';
import { type StatusQuery, statusRequest } from './escpos.js';
import type { PrinterProfile } from './profiles.js';
import type { RasterImage } from './raster.js';
import { parseStatus, type StatusReplies } from './status.js';
import { ticketBytes } from './ticket.js';
import { errorMessage, type Transport } from './transport.js';

export interface Printer {
  readonly profile: PrinterProfile;
  status(): Promise<PrinterStatus>;
  /** Prints when the status allows it, else throws PrinterError. */
  print(ticket: TicketPrint): Promise<PrintJob>;
  close(): Promise<void>;
}

export interface PrintJob {
  /** What was sent; renderPreview draws it. */
  bytes: Uint8Array;
  /** The status read just before sending. */
  status: PrinterStatus;
}

/** Why a ticket was not printed, for the kiosk to say in the visitor's language. */
export type PrinterErrorCode = 'paper-out' | 'cover-open' | 'unavailable' | 'cannot-draw' | 'write-failed';

export class PrinterError extends Error {
  constructor(
    readonly code: PrinterErrorCode,
    message: string,
    readonly status: PrinterStatus,
  ) {
    super(message);
    this.name = 'PrinterError';
  }
}

export interface EscPosPrinterOptions {
  /** How long to wait for each DLE EOT reply. */
  statusTimeoutMs?: number;
  /** Printed at the top of every ticket. */
  logo?: RasterImage;
  now?: () => Date;
}

const QUERIES: readonly [keyof StatusReplies, StatusQuery][] = [
  ['printer', 1],
  ['offlineCause', 2],
  ['paper', 4],
];

export class EscPosPrinter implements Printer {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly statusTimeoutMs: number;
  private readonly now: () => Date;

  constructor(
    readonly transport: Transport,
    readonly profile: PrinterProfile,
    private readonly options: EscPosPrinterOptions = {},
  ) {
    this.statusTimeoutMs = options.statusTimeoutMs ?? 500;
    this.now = options.now ?? (() => new Date());
  }

  status(): Promise<PrinterStatus> {
    return this.exclusive(() => this.readStatus());
  }

  print(ticket: TicketPrint): Promise<PrintJob> {
    return this.exclusive(async () => {
      const status = await this.readStatus();
      if (!canPrint(status)) throw refusal(status);
      let bytes: Uint8Array;
      try {
        bytes = await ticketBytes(ticket, this.profile, this.options.logo ? { logo: this.options.logo } : {});
      } catch (error) {
        throw new PrinterError('cannot-draw', `the ticket cannot be made: ${errorMessage(error)}`, status);
      }
      try {
        await this.transport.write(bytes);
      } catch (error) {
        await this.drop();
        throw new PrinterError(
          'write-failed',
          `sending the ticket to ${this.transport.description} failed: ${errorMessage(error)}`,
          status,
        );
      }
      return { bytes, status };
    });
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      this.closed = true;
      await this.transport.close();
    });
  }

  /** One exchange at a time: status replies from two callers must not cross. */
  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async readStatus(): Promise<PrinterStatus> {
    const offline = (problem: string): PrinterStatus => ({
      online: false,
      paperOut: false,
      paperNearEnd: false,
      coverOpen: false,
      problem,
      checkedAt: this.now().toISOString(),
    });
    const where = this.transport.description;
    if (this.closed) return offline(`${where} was closed`);
    try {
      await this.transport.open();
    } catch (error) {
      return offline(`${where}: ${errorMessage(error)}`);
    }
    if (!this.transport.readable) {
      return { online: true, paperOut: false, paperNearEnd: false, coverOpen: false, problem: null, checkedAt: this.now().toISOString() };
    }
    const replies: StatusReplies = { printer: 0, offlineCause: 0, paper: 0 };
    for (const [name, n] of QUERIES) {
      try {
        await this.transport.write(statusRequest(n));
      } catch (error) {
        await this.drop();
        return offline(`${where}: ${errorMessage(error)}`);
      }
      const reply = await this.transport.read(1, this.statusTimeoutMs);
      if (!reply) {
        const lost = !this.transport.opened;
        // Reopening drops a reply that may still arrive late and would answer the wrong question.
        await this.drop();
        return offline(lost ? `${where}: the connection was lost` : `${where} does not answer status requests`);
      }
      replies[name] = reply[0]!;
    }
    return { ...parseStatus(replies), checkedAt: this.now().toISOString() };
  }

  private async drop(): Promise<void> {
    try {
      await this.transport.close();
    } catch {
      // Closing a link that already failed may fail too; it is reopened on the next call either way.
    }
  }
}

function refusal(status: PrinterStatus): PrinterError {
  if (status.paperOut) return new PrinterError('paper-out', 'the printer is out of paper', status);
  if (status.coverOpen) return new PrinterError('cover-open', 'the printer cover is open', status);
  return new PrinterError('unavailable', `the printer cannot print: ${status.problem ?? 'it is offline'}`, status);
}
