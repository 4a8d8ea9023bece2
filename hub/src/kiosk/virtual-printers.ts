// One virtual printer per browser-mode kiosk, made on its first request. Each is the ESC/POS printer
// driver over the simulated device that answers DLE EOT like a real one, so browser mode runs the same
// code path as a kiosk with paper in it; the simulator's state (paper, cover, cable) can be changed.
import {
  decodeEscPos,
  EscPosPrinter,
  type PrinterProfile,
  printerProfile,
  printTicket,
  VirtualPrinterDevice,
  VirtualTransport,
} from '@vikno/hardware';
import type { PrinterStatus, PrintResult, TicketPrint } from '@vikno/shared';

interface Entry {
  device: VirtualPrinterDevice;
  printer: EscPosPrinter;
}

export class VirtualPrinters {
  private readonly entries = new Map<string, Entry>();
  readonly profile: PrinterProfile = printerProfile('epson-tm-t20');

  private entry(kiosk: string): Entry {
    let entry = this.entries.get(kiosk);
    if (!entry) {
      const device = new VirtualPrinterDevice(this.profile);
      entry = { device, printer: new EscPosPrinter(new VirtualTransport(device), this.profile) };
      this.entries.set(kiosk, entry);
    }
    return entry;
  }

  status(kiosk: string): Promise<PrinterStatus> {
    return this.entry(kiosk).printer.status();
  }

  print(kiosk: string, ticket: TicketPrint): Promise<PrintResult> {
    return printTicket(this.entry(kiosk).printer, ticket, { preview: true });
  }

  /** The simulated device: its paper, cover and cable, for the demo and tests. */
  simulator(kiosk: string): VirtualPrinterDevice {
    return this.entry(kiosk).device;
  }

  /** Every ticket printed at a kiosk, as the exact bytes sent. */
  jobs(kiosk: string): readonly Uint8Array[] {
    return this.entries.get(kiosk)?.device.jobs ?? [];
  }

  /** A job's printed text, decoded back from its bytes. */
  text(job: Uint8Array): string {
    return decodeEscPos(job, this.profile)
      .flatMap((item) => (item.kind === 'text' ? [item.text] : []))
      .join('\n');
  }

  async close(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.printer.close()));
  }
}
