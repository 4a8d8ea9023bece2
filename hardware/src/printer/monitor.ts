// Polls a printer and reports its status when it changes, for a kiosk to publish its health.
import type { PrinterStatus } from '@vikno/shared';
import type { Printer } from './printer.js';

export interface PrinterMonitorOptions {
  intervalMs: number;
  onChange: (status: PrinterStatus) => void;
}

function sameCondition(a: PrinterStatus, b: PrinterStatus): boolean {
  return (
    a.online === b.online &&
    a.paperOut === b.paperOut &&
    a.paperNearEnd === b.paperNearEnd &&
    a.coverOpen === b.coverOpen &&
    a.problem === b.problem
  );
}

export class PrinterMonitor {
  private last: PrinterStatus | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private polling: Promise<void> = Promise.resolve();

  constructor(
    private readonly printer: Printer,
    private readonly options: PrinterMonitorOptions,
  ) {}

  /** The last status seen, or null before the first poll has finished. */
  get current(): PrinterStatus | null {
    return this.last;
  }

  /** Polls at once, then every intervalMs; the first status is always reported. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.polling = this.poll();
  }

  /** Stops polling; resolves once a poll in progress has finished. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
  }

  private async poll(): Promise<void> {
    const status = await this.printer.status();
    if (!this.running) return;
    if (!this.last || !sameCondition(this.last, status)) {
      this.last = status;
      this.options.onChange(status);
    }
    // The next poll is timed from the end of this one, so a slow printer never gets overlapping polls.
    this.timer = setTimeout(() => {
      this.polling = this.poll();
    }, this.options.intervalMs);
  }
}
