import type { TicketPrint } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { openPrinter, printerConfigSchema } from './config.js';
import { PrinterError } from './printer.js';
import { VirtualPrinterDevice } from './virtual-printer.js';

const ticket: TicketPrint = {
  language: 'en',
  centre: 'Demo',
  service: 'Passports',
  number: 'P-3',
  issuedAt: '10:31',
  lines: [],
  trackingUrl: null,
};

describe('printerConfigSchema', () => {
  it('fills the defaults: model TM-T20, 9600 baud, port 9100', () => {
    expect(printerConfigSchema.parse({ type: 'serial', path: '/dev/ttyUSB0' })).toEqual({
      type: 'serial',
      path: '/dev/ttyUSB0',
      baudRate: 9600,
      model: 'epson-tm-t20',
    });
    expect(printerConfigSchema.parse({ type: 'network', host: '10.0.0.5', model: 'pos-58' })).toEqual({
      type: 'network',
      host: '10.0.0.5',
      port: 9100,
      model: 'pos-58',
    });
    expect(printerConfigSchema.parse({ type: 'usb', vendorId: 0x04b8 })).toEqual({ type: 'usb', vendorId: 0x04b8, model: 'epson-tm-t20' });
  });

  it('rejects an unknown model or type, a missing path, a stray key', () => {
    expect(printerConfigSchema.safeParse({ type: 'virtual', model: 'tm-u220' }).success).toBe(false);
    expect(printerConfigSchema.safeParse({ type: 'bluetooth' }).success).toBe(false);
    expect(printerConfigSchema.safeParse({ type: 'serial' }).success).toBe(false);
    expect(printerConfigSchema.safeParse({ type: 'network', host: 'x', path: '/dev/x' }).success).toBe(false);
    expect(printerConfigSchema.safeParse({ type: 'usb', vendorId: 0x10000 }).success).toBe(false);
  });
});

describe('openPrinter', () => {
  it('a USB stack that fails to load gives a printer that is offline with the reason, not a crash', async () => {
    const printer = await openPrinter(
      { type: 'usb' },
      {
        loadUsb: () => Promise.reject(new Error("Cannot find module 'usb'")),
      },
    );
    const status = await printer.status();
    expect(status).toMatchObject({ online: false, paperOut: false, coverOpen: false });
    expect(status.problem).toBe("usb printer: its driver could not be loaded: Cannot find module 'usb'");
    const error = await printer.print(ticket).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrinterError);
    expect((error as PrinterError).code).toBe('unavailable');
    expect((error as PrinterError).message).toContain("Cannot find module 'usb'");
  });

  it('so does a serial binding whose native module does not load', async () => {
    const printer = await openPrinter(
      { type: 'serial', path: '/dev/ttyUSB0' },
      { loadSerialBinding: () => Promise.reject(new Error('bindings.node: invalid ELF header')) },
    );
    expect((await printer.status()).problem).toBe('serial printer: its driver could not be loaded: bindings.node: invalid ELF header');
  });

  it('opens a virtual printer for the configured model and prints on the given device', async () => {
    const device = new VirtualPrinterDevice();
    const printer = await openPrinter({ type: 'virtual', model: 'pos-58' }, { virtualDevice: device });
    expect(printer.profile.id).toBe('pos-58');
    await printer.print(ticket);
    expect(device.jobs).toHaveLength(1);
  });
});
