// A printer on USB through escpos-usb (node-usb/libusb underneath). escpos-usb claims every interface
// of the device but keeps only the bulk OUT endpoint; the IN endpoint of a USB printer-class
// interface carries the replies to DLE EOT, so it is looked up on the claimed interfaces here.
// Without one, status is presence only (see `readable`).
import { type Transport, withTimeout } from './transport.js';

/** The parts of node-usb's objects this transport touches. */
export interface UsbEndpoint {
  direction: 'in' | 'out';
  timeout: number;
  descriptor?: { wMaxPacketSize?: number };
  transfer(length: number, callback: (error: Error | undefined, data?: Buffer) => void): unknown;
}

export interface UsbDevice {
  deviceDescriptor: { idVendor: number; idProduct: number };
  interfaces?: { endpoints: UsbEndpoint[] }[];
}

export interface EscposUsbAdapter {
  device: UsbDevice | null;
  open(callback: (error: Error | null) => void): unknown;
  write(data: Buffer, callback: (error?: Error) => void): unknown;
  close(callback?: (error: Error | null) => void): unknown;
  on(event: 'detach', listener: () => void): unknown;
}

/** escpos-usb's export: `new USB(vid, pid)`, `new USB(device)`, `USB.findPrinter()`. */
export interface EscposUsbModule {
  new (vidOrDevice: number | UsbDevice, pid?: number): EscposUsbAdapter;
  findPrinter(): UsbDevice[];
}

export async function loadEscposUsb(): Promise<EscposUsbModule> {
  // A variable specifier because escpos-usb has no type declarations (its shape is declared above).
  // Imported on demand: it loads the native usb module, which may be missing on a kiosk without USB.
  const specifier = 'escpos-usb';
  const loaded = (await import(specifier)) as { default: EscposUsbModule };
  return loaded.default;
}

export interface UsbTransportOptions {
  /** escpos-usb as loadEscposUsb() gives it; tests pass a simulated one. */
  usb: EscposUsbModule;
  vendorId?: number | undefined;
  productId?: number | undefined;
  writeTimeoutMs?: number;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

const EMPTY_READ_PAUSE_MS = 10;

export class UsbTransport implements Transport {
  readonly description: string;
  private adapter: EscposUsbAdapter | null = null;
  private inEndpoint: UsbEndpoint | null = null;
  private received: number[] = [];

  constructor(private readonly options: UsbTransportOptions) {
    const { vendorId, productId } = options;
    this.description = `usb ${vendorId === undefined ? 'printer' : `${hex4(vendorId)}:${productId === undefined ? '*' : hex4(productId)}`}`;
  }

  get opened(): boolean {
    return this.adapter !== null;
  }

  get readable(): boolean {
    return this.inEndpoint !== null;
  }

  async open(): Promise<void> {
    if (this.adapter) return;
    const adapter = this.create(this.options.usb);
    await new Promise<void>((resolve, reject) => adapter.open((error) => (error ? reject(error) : resolve())));
    adapter.on('detach', () => {
      if (this.adapter === adapter) this.forget();
    });
    const endpoints = adapter.device?.interfaces?.flatMap((i) => i.endpoints) ?? [];
    this.inEndpoint = endpoints.find((e) => e.direction === 'in') ?? null;
    this.received = [];
    this.adapter = adapter;
  }

  private create(USB: EscposUsbModule): EscposUsbAdapter {
    const { vendorId, productId } = this.options;
    if (vendorId !== undefined && productId !== undefined) return new USB(vendorId, productId);
    // escpos-usb takes a lone number as a device object, so a vendor-only choice is made here.
    const device = USB.findPrinter().find((d) => vendorId === undefined || d.deviceDescriptor.idVendor === vendorId);
    if (!device) throw new Error(`no ${this.description} found`);
    return new USB(device);
  }

  private forget(): void {
    this.adapter = null;
    this.inEndpoint = null;
    this.received = [];
  }

  async write(bytes: Uint8Array): Promise<void> {
    const adapter = this.adapter;
    if (!adapter) throw new Error(`${this.description} is not open`);
    const sent = new Promise<void>((resolve, reject) => adapter.write(Buffer.from(bytes), (error) => (error ? reject(error) : resolve())));
    await withTimeout(sent, this.options.writeTimeoutMs ?? 10_000, `${this.description}: write timed out`);
  }

  async read(length: number, timeoutMs: number): Promise<Uint8Array | null> {
    const endpoint = this.inEndpoint;
    if (!endpoint) return null;
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < length) {
      const left = deadline - Date.now();
      if (left <= 0) return null;
      const chunk = await this.transferIn(endpoint, left);
      if (chunk === null) return null;
      if (chunk.length === 0) await new Promise((r) => setTimeout(r, Math.min(EMPTY_READ_PAUSE_MS, left)));
      this.received.push(...chunk);
    }
    return Uint8Array.from(this.received.splice(0, length));
  }

  /** One bulk IN transfer; null when it timed out or failed. */
  private transferIn(endpoint: UsbEndpoint, timeoutMs: number): Promise<Uint8Array | null> {
    endpoint.timeout = Math.max(1, Math.round(timeoutMs));
    // A request shorter than the packet size overflows when the device sends a full packet.
    const size = endpoint.descriptor?.wMaxPacketSize ?? 64;
    return new Promise((resolve) => endpoint.transfer(size, (error, data) => resolve(error ? null : (data ?? new Uint8Array(0)))));
  }

  async close(): Promise<void> {
    const adapter = this.adapter;
    this.forget();
    if (adapter) await new Promise<void>((resolve) => adapter.close(() => resolve()));
  }
}
