// A kiosk's printer setting and the factory that turns it into a Printer. Drivers with native code
// (libusb, serialport) are imported only here and only for the configured kind; when one cannot be
// loaded the kiosk still starts, and its printer reports offline with the reason.
import { z } from 'zod';
import { NetworkTransport } from './network-transport.js';
import { EscPosPrinter, type EscPosPrinterOptions } from './printer.js';
import { PROFILE_IDS, printerProfile } from './profiles.js';
import { type SerialBinding, SerialTransport } from './serial-transport.js';
import { errorMessage, type Transport } from './transport.js';
import { loadUsb, type UsbModule, UsbTransport } from './usb-transport.js';
import { VirtualPrinterDevice, VirtualTransport } from './virtual-printer.js';

const usbId = z.number().int().min(0).max(0xffff);
const model = z.enum(PROFILE_IDS).default('epson-tm-t20');

export const printerConfigSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('usb'), model, vendorId: usbId.optional(), productId: usbId.optional() }).strict(),
  z.object({ type: z.literal('serial'), model, path: z.string().min(1), baudRate: z.number().int().positive().default(9600) }).strict(),
  z.object({ type: z.literal('network'), model, host: z.string().min(1), port: z.number().int().min(1).max(65535).default(9100) }).strict(),
  z.object({ type: z.literal('virtual'), model }).strict(),
]);
export type PrinterConfig = z.input<typeof printerConfigSchema>;

export interface PrinterDeps {
  /** Loads node-usb (default: a lazy import). */
  loadUsb?: () => Promise<UsbModule>;
  /** Loads the serial binding (default: node-serialport's native binding, lazily). */
  loadSerialBinding?: () => Promise<SerialBinding>;
  /** The device a `virtual` printer talks to (default: a new one for the model). */
  virtualDevice?: VirtualPrinterDevice;
  printer?: EscPosPrinterOptions;
}

/** Stands in for a transport whose driver could not be loaded: every open fails with the reason. */
class UnavailableTransport implements Transport {
  readonly opened = false;
  readonly readable = false;

  constructor(
    readonly description: string,
    private readonly reason: string,
  ) {}

  async open(): Promise<void> {
    throw new Error(this.reason);
  }

  async write(): Promise<void> {
    throw new Error(this.reason);
  }

  async read(): Promise<null> {
    return null;
  }

  async close(): Promise<void> {}
}

async function defaultSerialBinding(): Promise<SerialBinding> {
  const { SerialPort } = await import('serialport');
  return SerialPort.binding;
}

async function createTransport(config: z.output<typeof printerConfigSchema>, deps: PrinterDeps): Promise<Transport> {
  switch (config.type) {
    case 'usb': {
      const usb = await (deps.loadUsb ?? loadUsb)();
      return new UsbTransport({ usb, vendorId: config.vendorId, productId: config.productId });
    }
    case 'serial': {
      const binding = await (deps.loadSerialBinding ?? defaultSerialBinding)();
      return new SerialTransport({ path: config.path, baudRate: config.baudRate, binding });
    }
    case 'network':
      return new NetworkTransport({ host: config.host, port: config.port });
    case 'virtual':
      return new VirtualTransport(deps.virtualDevice ?? new VirtualPrinterDevice(printerProfile(config.model)));
  }
}

/** Never throws for a valid config: a driver that fails to load gives a printer that reports why. */
export async function openPrinter(input: PrinterConfig, deps: PrinterDeps = {}): Promise<EscPosPrinter> {
  const config = printerConfigSchema.parse(input);
  const profile = printerProfile(config.model);
  let transport: Transport;
  try {
    transport = await createTransport(config, deps);
  } catch (error) {
    transport = new UnavailableTransport(`${config.type} printer`, `its driver could not be loaded: ${errorMessage(error)}`);
  }
  return new EscPosPrinter(transport, profile, deps.printer);
}
