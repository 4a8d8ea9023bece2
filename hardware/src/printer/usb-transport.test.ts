import type { TicketPrint } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { openPrinter } from './config.js';
import { decodeEscPos } from './decoder.js';
import { EscPosPrinter } from './printer.js';
import { PROFILES } from './profiles.js';
import { type EscposUsbAdapter, type EscposUsbModule, type UsbDevice, type UsbEndpoint, UsbTransport } from './usb-transport.js';
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

/** A USB printer as node-usb would show it, with a virtual printer behind its endpoints. */
class SimulatedUsbPrinter implements UsbDevice {
  interfaces?: { endpoints: UsbEndpoint[] }[];
  constructor(
    readonly printer: VirtualPrinterDevice,
    readonly deviceDescriptor: { idVendor: number; idProduct: number },
    readonly hasInEndpoint: boolean,
  ) {}
}

/** escpos-usb's surface (constructor, findPrinter, open/write/close, detach) over simulated devices. */
function simulatedEscposUsb(devices: SimulatedUsbPrinter[]): EscposUsbModule {
  return class SimulatedAdapter implements EscposUsbAdapter {
    device: SimulatedUsbPrinter | null;
    private connection: ReturnType<VirtualPrinterDevice['connect']> | null = null;
    private readonly detachListeners: (() => void)[] = [];

    static findPrinter(): UsbDevice[] {
      return devices.filter((d) => d.printer.state.plugged);
    }

    constructor(vidOrDevice: number | UsbDevice, pid?: number) {
      this.device =
        typeof vidOrDevice === 'number'
          ? (devices.find(
              (d) => d.printer.state.plugged && d.deviceDescriptor.idVendor === vidOrDevice && d.deviceDescriptor.idProduct === pid,
            ) ?? null)
          : (vidOrDevice as SimulatedUsbPrinter);
      if (!this.device) throw new Error('Can not find printer');
    }

    open(callback: (error: Error | null) => void): void {
      const device = this.device!;
      const replies: number[] = [];
      try {
        this.connection = device.printer.connect(
          (bytes) => replies.push(...bytes),
          () => {
            for (const l of this.detachListeners) l();
          },
        );
      } catch (error) {
        return callback(error as Error);
      }
      const out: UsbEndpoint = { direction: 'out', timeout: 0, transfer: () => undefined };
      const inEndpoint: UsbEndpoint = {
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
      device.interfaces = [{ endpoints: device.hasInEndpoint ? [out, inEndpoint] : [out] }];
      callback(null);
    }

    write(data: Buffer, callback: (error?: Error) => void): void {
      try {
        this.connection!.write(data);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    }

    close(callback?: (error: Error | null) => void): void {
      this.connection?.close();
      callback?.(null);
    }

    on(_event: 'detach', listener: () => void): void {
      this.detachListeners.push(listener);
    }
  };
}

describe('UsbTransport (escpos-usb surface, simulated device)', () => {
  it('reads DLE EOT replies on the IN endpoint escpos-usb leaves unused', async () => {
    const device = new VirtualPrinterDevice(profile);
    const usb = simulatedEscposUsb([new SimulatedUsbPrinter(device, { idVendor: 0x04b8, idProduct: 0x0e15 }, true)]);
    const transport = new UsbTransport({ usb, vendorId: 0x04b8, productId: 0x0e15 });
    const printer = new EscPosPrinter(transport, profile);

    device.setPaper('near-end');
    expect(await printer.status()).toMatchObject({ online: true, paperNearEnd: true, problem: null });
    expect(transport.readable).toBe(true);
    await printer.print(ticket);
    expect(decodeEscPos(device.jobs[0]!, profile)).toContainEqual(expect.objectContaining({ kind: 'text', text: 'P-3' }));
    device.setPaper('out');
    expect(await printer.status()).toMatchObject({ paperOut: true });
  });

  it('chooses by vendor id alone among printer-class devices', async () => {
    const other = new VirtualPrinterDevice(profile);
    const epson = new VirtualPrinterDevice(profile);
    const usb = simulatedEscposUsb([
      new SimulatedUsbPrinter(other, { idVendor: 0x0416, idProduct: 0x5011 }, true),
      new SimulatedUsbPrinter(epson, { idVendor: 0x04b8, idProduct: 0x0202 }, true),
    ]);
    const printer = new EscPosPrinter(new UsbTransport({ usb, vendorId: 0x04b8 }), profile);
    await printer.print(ticket);
    expect([other.jobs.length, epson.jobs.length]).toEqual([0, 1]);
  });

  it('without an IN endpoint, status is presence only', async () => {
    const device = new VirtualPrinterDevice(profile);
    const usb = simulatedEscposUsb([new SimulatedUsbPrinter(device, { idVendor: 0x0416, idProduct: 0x5011 }, false)]);
    const transport = new UsbTransport({ usb });
    const printer = new EscPosPrinter(transport, profile);
    device.setPaper('out');
    expect(await printer.status()).toMatchObject({ online: true, paperOut: false, problem: null });
    expect(transport.readable).toBe(false);
    device.unplug();
    expect(transport.opened).toBe(false);
    expect(await printer.status()).toMatchObject({ online: false, problem: 'usb printer: no usb printer found' });
    device.plug();
    expect((await printer.status()).online).toBe(true);
  });

  it('on this machine (no USB printer), the real escpos-usb loads lazily and reports why it cannot print', async () => {
    const status = await (await openPrinter({ type: 'usb', vendorId: 0x04b8, productId: 0x0e15 })).status();
    expect(status.online).toBe(false);
    expect(status.problem).toMatch(/^usb 04b8:0e15: /);
  });
});
