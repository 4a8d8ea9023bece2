import type { TicketPrint } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { openPrinter } from './config.js';
import { decodeEscPos } from './decoder.js';
import { EscPosPrinter } from './printer.js';
import { PROFILES } from './profiles.js';
import {
  type UsbDevice,
  type UsbInEndpoint,
  type UsbInterface,
  type UsbModule,
  type UsbOutEndpoint,
  UsbTransport,
} from './usb-transport.js';
import { VirtualPrinterDevice } from './virtual-printer.js';

const profile = PROFILES['epson-tm-t20'];
const ticket: TicketPrint = {
  language: 'en',
  centre: 'Demo',
  service: 'Passports',
  number: 'P-3',
  issuedAt: '10:31',
  lines: [],
  trackingUrl: null,
};

/** A USB device as node-usb shows it, with a virtual printer behind its endpoints. */
class SimulatedUsbDevice implements UsbDevice {
  interfaces?: UsbInterface[];
  readonly configDescriptor: { interfaces: { bInterfaceClass: number }[][] };
  /** The kernel's printer driver (usblp) holds the interface until it is detached. */
  kernelDriver = true;
  claimed = false;
  private connection: ReturnType<VirtualPrinterDevice['connect']> | null = null;

  constructor(
    readonly printer: VirtualPrinterDevice,
    readonly deviceDescriptor: { idVendor: number; idProduct: number },
    readonly hasInEndpoint: boolean,
    interfaceClass = 0x07,
    private readonly detached: (device: UsbDevice) => void = () => undefined,
  ) {
    this.configDescriptor = { interfaces: [[{ bInterfaceClass: interfaceClass }]] };
  }

  open(): void {
    const replies: number[] = [];
    this.connection = this.printer.connect(
      (bytes) => replies.push(...bytes),
      () => this.detached(this),
    );
    const connection = this.connection;
    const device = this;
    const out: UsbOutEndpoint = {
      direction: 'out',
      transfer(data, done) {
        if (!device.claimed) return done(new Error('LIBUSB_ERROR_NOT_FOUND: interface not claimed'));
        try {
          connection.write(data);
          done(undefined);
        } catch (error) {
          done(error as Error);
        }
      },
    };
    const inEndpoint: UsbInEndpoint = {
      direction: 'in',
      timeout: 0,
      descriptor: { wMaxPacketSize: 64 },
      transfer(length, done) {
        const started = Date.now();
        const poll = () => {
          if (replies.length > 0) return done(undefined, Buffer.from(replies.splice(0, length)));
          if (this.timeout && Date.now() - started >= this.timeout) return done(new Error('LIBUSB_TRANSFER_TIMED_OUT'));
          setTimeout(poll, 1);
        };
        poll();
      },
    };
    this.interfaces = [
      {
        endpoints: this.hasInEndpoint ? [out, inEndpoint] : [out],
        isKernelDriverActive: () => this.kernelDriver,
        detachKernelDriver: () => {
          this.kernelDriver = false;
        },
        claim: () => {
          if (this.kernelDriver) throw new Error('LIBUSB_ERROR_BUSY');
          this.claimed = true;
        },
      },
    ];
  }

  close(): void {
    this.connection?.close();
    this.claimed = false;
  }
}

/** node-usb's `usb` object (device list, detach events) over simulated devices. */
function simulatedUsb(
  make: (detached: (device: UsbDevice) => void) => SimulatedUsbDevice[],
): UsbModule & { devices: SimulatedUsbDevice[]; listeners: Set<(device: UsbDevice) => void> } {
  const listeners = new Set<(device: UsbDevice) => void>();
  const devices = make((device) => {
    for (const l of listeners) l(device);
  });
  return {
    devices,
    listeners,
    getDeviceList: () => devices.filter((d) => d.printer.state.plugged),
    on: (_event, listener) => listeners.add(listener),
    off: (_event, listener) => listeners.delete(listener),
  };
}

describe('UsbTransport (node-usb, simulated devices)', () => {
  it('claims the printer from the kernel driver, writes on its OUT endpoint and reads DLE EOT replies on its IN endpoint', async () => {
    const device = new VirtualPrinterDevice(profile);
    const usb = simulatedUsb((detached) => [new SimulatedUsbDevice(device, { idVendor: 0x04b8, idProduct: 0x0e15 }, true, 0x07, detached)]);
    const transport = new UsbTransport({ usb, vendorId: 0x04b8, productId: 0x0e15 });
    const printer = new EscPosPrinter(transport, profile);

    device.setPaper('near-end');
    expect(await printer.status()).toMatchObject({ online: true, paperNearEnd: true, problem: null });
    expect(transport.readable).toBe(true);
    expect(usb.devices[0]).toMatchObject({ kernelDriver: false, claimed: true });
    await printer.print(ticket);
    expect(decodeEscPos(device.jobs[0]!, profile)).toContainEqual(expect.objectContaining({ kind: 'text', text: 'P-3' }));
    device.setPaper('out');
    expect(await printer.status()).toMatchObject({ paperOut: true });
  });

  it('chooses by vendor id alone among printer-class devices', async () => {
    const other = new VirtualPrinterDevice(profile);
    const notPrinter = new VirtualPrinterDevice(profile);
    const epson = new VirtualPrinterDevice(profile);
    const usb = simulatedUsb(() => [
      new SimulatedUsbDevice(other, { idVendor: 0x0416, idProduct: 0x5011 }, true),
      new SimulatedUsbDevice(notPrinter, { idVendor: 0x04b8, idProduct: 0x0001 }, true, 0x03),
      new SimulatedUsbDevice(epson, { idVendor: 0x04b8, idProduct: 0x0202 }, true),
    ]);
    const printer = new EscPosPrinter(new UsbTransport({ usb, vendorId: 0x04b8 }), profile);
    await printer.print(ticket);
    expect([other.jobs.length, notPrinter.jobs.length, epson.jobs.length]).toEqual([0, 0, 1]);
  });

  it('without an IN endpoint, status is presence only', async () => {
    const device = new VirtualPrinterDevice(profile);
    const usb = simulatedUsb((detached) => [
      new SimulatedUsbDevice(device, { idVendor: 0x0416, idProduct: 0x5011 }, false, 0x07, detached),
    ]);
    const transport = new UsbTransport({ usb });
    const printer = new EscPosPrinter(transport, profile);
    device.setPaper('out');
    expect(await printer.status()).toMatchObject({ online: true, paperOut: false, problem: null });
    expect(transport.readable).toBe(false);
    device.unplug();
    expect(transport.opened).toBe(false);
    expect(usb.listeners.size).toBe(0);
    expect(await printer.status()).toMatchObject({ online: false, problem: 'usb printer: no usb printer found' });
    device.plug();
    expect((await printer.status()).online).toBe(true);
  });

  it('on this machine (no USB printer), the real node-usb loads lazily and reports why it cannot print', async () => {
    const status = await (await openPrinter({ type: 'usb', vendorId: 0x04b8, productId: 0x0e15 })).status();
    expect(status.online).toBe(false);
    expect(status.problem).toMatch(/^usb 04b8:0e15: /);
  });
});
