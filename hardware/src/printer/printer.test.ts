import type { PrinterStatus, TicketPrint } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from './decoder.js';
import { PrinterMonitor } from './monitor.js';
import { EscPosPrinter, PrinterError } from './printer.js';
import { PROFILES } from './profiles.js';
import { VirtualPrinterDevice, VirtualTransport } from './virtual-printer.js';

const profile = PROFILES['epson-tm-t20'];

const ticket: TicketPrint = {
  language: 'uk',
  centre: 'ЦНАП «Прозорий офіс» Демо',
  service: 'Реєстрація місця проживання',
  number: 'Р-017',
  issuedAt: '12.05.2025, 10:31',
  lines: [{ label: 'Перед вами', value: '2' }],
  trackingUrl: 'https://vikno.example/t/demo/17',
  trackingCaption: 'Стежте за чергою на телефоні',
};

function setup() {
  const device = new VirtualPrinterDevice(profile);
  const printer = new EscPosPrinter(new VirtualTransport(device), profile);
  return { device, printer };
}

async function refusal(promise: Promise<unknown>): Promise<PrinterError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PrinterError);
  return error as PrinterError;
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 2));
}

const last = <T>(list: T[]): T | undefined => list[list.length - 1];

describe('EscPosPrinter on the virtual printer', () => {
  it('prints: the device gets the ticket as one job, decoded back to the number and QR payload', async () => {
    const { device, printer } = setup();
    const job = await printer.print(ticket);
    expect(job.status).toMatchObject({ online: true, paperOut: false, coverOpen: false, problem: null });
    expect(device.jobs).toEqual([job.bytes]);
    const items = decodeEscPos(device.jobs[0]!, profile);
    expect(items).toContainEqual(expect.objectContaining({ kind: 'text', text: 'Р-017', width: 4 }));
    expect(items).toContainEqual(expect.objectContaining({ kind: 'qr', data: ticket.trackingUrl }));
  });

  it('paper out: status says so and the ticket is refused, nothing reaches the printer', async () => {
    const { device, printer } = setup();
    device.setPaper('out');
    expect(await printer.status()).toMatchObject({ paperOut: true, paperNearEnd: true, online: false, problem: null });
    const error = await refusal(printer.print(ticket));
    expect(error.code).toBe('paper-out');
    expect(error.status.paperOut).toBe(true);
    expect(device.jobs).toEqual([]);
  });

  it('paper near its end still prints; an open cover does not', async () => {
    const { device, printer } = setup();
    device.setPaper('near-end');
    expect((await printer.print(ticket)).status.paperNearEnd).toBe(true);
    device.setCoverOpen(true);
    expect((await refusal(printer.print(ticket))).code).toBe('cover-open');
    expect(device.jobs).toHaveLength(1);
  });

  it('unplugged: offline with the reason; plugged back: found again by the same printer object', async () => {
    const { device, printer } = setup();
    expect((await printer.status()).online).toBe(true);
    device.unplug();
    const offline = await printer.status();
    expect(offline).toMatchObject({ online: false, problem: 'virtual printer: the virtual printer is unplugged' });
    const error = await refusal(printer.print(ticket));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('unplugged');

    device.plug();
    expect(await printer.status()).toMatchObject({ online: true, problem: null });
    await printer.print(ticket);
    expect(device.jobs).toHaveLength(1);
  });

  it('keeps status replies apart when status and print are called at once', async () => {
    const { device, printer } = setup();
    device.setPaper('near-end');
    const [a, job, b] = await Promise.all([printer.status(), printer.print(ticket), printer.status()]);
    for (const s of [a, job.status, b]) expect(s).toMatchObject({ online: true, paperNearEnd: true, paperOut: false });
    expect(device.jobs).toHaveLength(1);
  });

  it('after close it reports closed and does not reopen', async () => {
    const { device, printer } = setup();
    await printer.close();
    expect((await printer.status()).problem).toBe('virtual printer was closed');
    await refusal(printer.print(ticket));
    expect(device.jobs).toEqual([]);
  });
});

describe('PrinterMonitor', () => {
  it('reports the first status and then only changes, until stopped', async () => {
    const { device, printer } = setup();
    let polls = 0;
    const counted = {
      profile,
      status: () => {
        polls++;
        return printer.status();
      },
      print: printer.print.bind(printer),
      close: printer.close.bind(printer),
    };
    const seen: PrinterStatus[] = [];
    const monitor = new PrinterMonitor(counted, { intervalMs: 1, onChange: (s) => seen.push(s) });
    monitor.start();
    await until(() => polls >= 5);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ online: true, paperOut: false });

    device.setPaper('out');
    await until(() => last(seen)?.paperOut === true);
    // A change that lands between the three status queries of one poll may show once as a mix first.
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThanOrEqual(3);
    device.setPaper('ok');
    device.unplug();
    await until(() => last(seen)?.problem?.includes('unplugged') === true);
    device.plug();
    await until(() => last(seen)?.online === true);
    expect(last(seen)).toMatchObject({ paperOut: false, coverOpen: false, problem: null });
    // No two reports in a row are alike.
    for (let i = 1; i < seen.length; i++) expect({ ...seen[i], checkedAt: '' }).not.toEqual({ ...seen[i - 1], checkedAt: '' });
    expect(monitor.current).toBe(last(seen));

    await monitor.stop();
    const after = polls;
    const reported = seen.length;
    device.setCoverOpen(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(polls).toBe(after);
    expect(seen).toHaveLength(reported);
  });
});
