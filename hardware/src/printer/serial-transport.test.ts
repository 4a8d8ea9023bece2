import { createRequire } from 'node:module';
import type { TicketPrint } from '@vikno/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from './decoder.js';
import { EscPosPrinter } from './printer.js';
import { PROFILES } from './profiles.js';
import { type SerialBinding, SerialTransport } from './serial-transport.js';
import { VirtualPrinterDevice } from './virtual-printer.js';

// The package's ESM entry has no type declarations; its CommonJS entry has them.
type BindingMockModule = typeof import('@serialport/binding-mock', { with: { 'resolution-mode': 'require' }});
type MockPortBinding = Awaited<ReturnType<BindingMockModule['MockBinding']['open']>>;
const { MockBinding } = createRequire(import.meta.url)('@serialport/binding-mock') as BindingMockModule;

const profile = PROFILES['pos-58'];
const ticket: TicketPrint = {
  language: 'ru',
  centre: 'Центр услуг',
  service: 'Паспорт',
  number: 'П-5',
  issuedAt: '12.05.2025',
  lines: [],
  trackingUrl: null,
};

/**
 * MockBinding with a printer on the far end of the cable: what the port writes goes to a virtual
 * printer, whose DLE EOT replies come back as received data.
 */
function wiredTo(device: VirtualPrinterDevice): { binding: SerialBinding; ports: MockPortBinding[] } {
  const ports: MockPortBinding[] = [];
  const binding: SerialBinding = {
    ...MockBinding,
    async open(options) {
      const port = await MockBinding.open(options);
      const printer = device.connect(
        (reply) => port.emitData(Buffer.from(reply)),
        () => undefined,
      );
      const write = port.write.bind(port);
      port.write = async (buffer: Buffer) => {
        await write(buffer);
        printer.write(buffer);
      };
      ports.push(port);
      return port;
    },
  };
  return { binding, ports };
}

afterEach(() => MockBinding.reset());

describe('SerialTransport over @serialport/binding-mock', () => {
  it('sends the ticket bytes through the port and reads the status back', async () => {
    MockBinding.createPort('/dev/ttyPRN0', { record: true });
    const device = new VirtualPrinterDevice(profile);
    const { binding, ports } = wiredTo(device);
    const printer = new EscPosPrinter(new SerialTransport({ path: '/dev/ttyPRN0', baudRate: 19200, binding }), profile);

    device.setPaper('near-end');
    expect(await printer.status()).toMatchObject({ online: true, paperNearEnd: true, paperOut: false, problem: null });
    const job = await printer.print(ticket);

    const port = ports[0]!;
    expect(port.openOptions.baudRate).toBe(19200);
    // What the port recorded: three status requests for status(), three before the ticket, then the ticket.
    const status = [0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 4];
    expect([...port.recording]).toEqual([...status, ...status, ...job.bytes]);
    expect(decodeEscPos(device.jobs[0]!, profile)).toContainEqual(
      expect.objectContaining({ kind: 'text', text: 'П-5', codePage: 'PC866' }),
    );

    device.setPaper('out');
    expect(await printer.status()).toMatchObject({ online: false, paperOut: true });
    await printer.close();
    expect(port.isOpen).toBe(false);
  });

  it('a port that does not exist gives an offline status with the reason', async () => {
    const transport = new SerialTransport({ path: '/dev/ttyNOPE', baudRate: 9600, binding: MockBinding });
    const status = await new EscPosPrinter(transport, profile).status();
    expect(status.online).toBe(false);
    expect(status.problem).toMatch(/^serial \/dev\/ttyNOPE: .*does not exist/);
  });

  it('a device that never answers is offline, and the port is closed to be reopened next time', async () => {
    MockBinding.createPort('/dev/ttyMUTE', { record: true });
    const transport = new SerialTransport({ path: '/dev/ttyMUTE', baudRate: 9600, binding: MockBinding });
    const printer = new EscPosPrinter(transport, profile, { statusTimeoutMs: 50 });
    expect((await printer.status()).problem).toBe('serial /dev/ttyMUTE does not answer status requests');
    expect(transport.opened).toBe(false);
  });
});
