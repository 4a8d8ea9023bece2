// A printer on USB through node-usb (libusb). Version 2's API is the one with a timeout on each
// transfer, which reading a status reply needs (usb 3 is a WebUSB-only rewrite): hence `usb` ^2.
// The transport claims every interface of the printer, writes to its bulk OUT endpoint and reads the
// replies to DLE EOT from the IN endpoint a USB printer-class interface has for them. Without one,
// status is presence only (see `readable`).
import { type Transport, withTimeout } from './transport.js';

/** The USB interface class of printers. */
const PRINTER_CLASS = 0x07;

/** The parts of node-usb's objects this transport touches. */
export interface UsbInEndpoint {
  direction: 'in';
  timeout: number;
  descriptor?: { wMaxPacketSize?: number };
  transfer(length: number, callback: (error: Error | undefined, data?: Buffer) => void): unknown;
}

export interface UsbOutEndpoint {
  direction: 'out';
  transfer(data: Buffer, callback: (error: Error | undefined) => void): unknown;
}

export type UsbEndpoint = UsbInEndpoint | UsbOutEndpoint;

export interface UsbInterface {
  endpoints: UsbEndpoint[];
  isKernelDriverActive(): boolean;
  detachKernelDriver(): void;
  claim(): void;
}

export interface UsbDevice {
  deviceDescriptor: { idVendor: number; idProduct: number };
  /** The active configuration's interfaces, each a list of alternate settings. */
  configDescriptor?: { interfaces: { bInterfaceClass: number }[][] } | undefined;
  /** Filled in by `open()`. */
  interfaces?: UsbInterface[] | undefined;
  open(): void;
  close(): void;
}

/** node-usb's `usb` object: the device list and the hotplug events. */
export interface UsbModule {
  getDeviceList(): UsbDevice[];
  on(event: 'detach', listener: (device: UsbDevice) => void): unknown;
  off(event: 'detach', listener: (device: UsbDevice) => void): unknown;
}

export async function loadUsb(): Promise<UsbModule> {
  // Imported on demand: a native module, which may be missing on a kiosk without USB.
  const { usb } = await import('usb');
  return usb as unknown as UsbModule;
}

export interface UsbTransportOptions {
  /** node-usb as loadUsb() gives it; tests pass a simulated one. */
  usb: UsbModule;
  vendorId?: number | undefined;
  productId?: number | undefined;
  writeTimeoutMs?: number;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

function isPrinter(device: UsbDevice): boolean {
  return device.configDescriptor?.interfaces.some((settings) => settings.some((s) => s.bInterfaceClass === PRINTER_CLASS)) ?? false;
}

const EMPTY_READ_PAUSE_MS = 10;

export class UsbTransport implements Transport {
  readonly description: string;
  private device: UsbDevice | null = null;
  private outEndpoint: UsbOutEndpoint | null = null;
  private inEndpoint: UsbInEndpoint | null = null;
  private received: number[] = [];
  private readonly detached = (device: UsbDevice) => {
    if (device === this.device) this.forget();
  };

  constructor(private readonly options: UsbTransportOptions) {
    const { vendorId, productId } = options;
    this.description = `usb ${vendorId === undefined ? 'printer' : `${hex4(vendorId)}:${productId === undefined ? '*' : hex4(productId)}`}`;
  }

  get opened(): boolean {
    return this.device !== null;
  }

  get readable(): boolean {
    return this.inEndpoint !== null;
  }

  async open(): Promise<void> {
    if (this.device) return;
    const device = this.find();
    device.open();
    try {
      const interfaces = device.interfaces ?? [];
      for (const iface of interfaces) {
        // Linux's usblp driver holds a printer's interface: it cannot be claimed until detached.
        if (process.platform !== 'win32' && iface.isKernelDriverActive()) iface.detachKernelDriver();
        iface.claim();
      }
      const endpoints = interfaces.flatMap((i) => i.endpoints);
      const out = endpoints.find((e): e is UsbOutEndpoint => e.direction === 'out');
      if (!out) throw new Error(`${this.description} has no OUT endpoint`);
      this.outEndpoint = out;
      this.inEndpoint = endpoints.find((e): e is UsbInEndpoint => e.direction === 'in') ?? null;
    } catch (error) {
      closeQuietly(device);
      throw error;
    }
    this.received = [];
    this.device = device;
    this.options.usb.on('detach', this.detached);
  }

  /** With both ids, that device; else the first printer-class device (of the vendor, when given). */
  private find(): UsbDevice {
    const { vendorId, productId } = this.options;
    const ids = (d: UsbDevice) => d.deviceDescriptor.idVendor === vendorId && d.deviceDescriptor.idProduct === productId;
    const vendorPrinter = (d: UsbDevice) => isPrinter(d) && (vendorId === undefined || d.deviceDescriptor.idVendor === vendorId);
    const device = this.options.usb.getDeviceList().find(vendorId !== undefined && productId !== undefined ? ids : vendorPrinter);
    if (!device) throw new Error(`no ${this.description} found`);
    return device;
  }

  private forget(): void {
    if (this.device) this.options.usb.off('detach', this.detached);
    this.device = null;
    this.outEndpoint = null;
    this.inEndpoint = null;
    this.received = [];
  }

  async write(bytes: Uint8Array): Promise<void> {
    const out = this.outEndpoint;
    if (!out) throw new Error(`${this.description} is not open`);
    const sent = new Promise<void>((resolve, reject) => out.transfer(Buffer.from(bytes), (error) => (error ? reject(error) : resolve())));
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
  private transferIn(endpoint: UsbInEndpoint, timeoutMs: number): Promise<Uint8Array | null> {
    endpoint.timeout = Math.max(1, Math.round(timeoutMs));
    // A request shorter than the packet size overflows when the device sends a full packet.
    const size = endpoint.descriptor?.wMaxPacketSize ?? 64;
    return new Promise((resolve) => endpoint.transfer(size, (error, data) => resolve(error ? null : (data ?? new Uint8Array(0)))));
  }

  async close(): Promise<void> {
    const device = this.device;
    this.forget();
    if (device) closeQuietly(device);
  }
}

/** Closing a device that was unplugged meanwhile fails, and there is nothing left to close. */
function closeQuietly(device: UsbDevice): void {
  try {
    device.close();
  } catch {}
}
