import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import type { TicketPrint } from '@vikno/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from './decoder.js';
import { NetworkTransport } from './network-transport.js';
import { EscPosPrinter } from './printer.js';
import { PROFILES } from './profiles.js';
import { VirtualPrinterDevice } from './virtual-printer.js';

const profile = PROFILES['epson-tm-t88'];
const ticket: TicketPrint = {
  language: 'en',
  centre: 'Demo Centre',
  service: 'Passports',
  number: 'P-12',
  issuedAt: '12 May 2025, 10:31',
  lines: [{ label: 'People ahead', value: '4' }],
  trackingUrl: 'https://vikno.example/t/demo/p12',
  trackingCaption: 'Follow your turn on your phone',
};

interface FakePrinterServer {
  server: Server;
  port: number;
  received: Buffer[];
  sockets: Set<Socket>;
}

const servers: FakePrinterServer[] = [];

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 2));
}

/** A TCP "port 9100" that records what it gets and, when given a device, lets it answer. */
async function listen(device: VirtualPrinterDevice | null): Promise<FakePrinterServer> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const printer = device?.connect(
      (reply) => socket.write(reply),
      () => socket.destroy(),
    );
    socket.on('close', () => printer?.close());
    socket.on('data', (chunk) => {
      received.push(chunk);
      printer?.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fake = { server, port: (server.address() as AddressInfo).port, received, sockets };
  servers.push(fake);
  return fake;
}

afterEach(async () => {
  for (const { server, sockets } of servers.splice(0)) {
    for (const socket of sockets) socket.destroy();
    if (server.listening) await new Promise((resolve) => server.close(resolve));
  }
});

describe('NetworkTransport against a local TCP server', () => {
  it('defaults to port 9100', () => {
    expect(new NetworkTransport({ host: 'printer.local' }).description).toBe('tcp printer.local:9100');
  });

  it('delivers the ticket and reads DLE EOT replies from the socket', async () => {
    const device = new VirtualPrinterDevice(profile);
    const fake = await listen(device);
    const transport = new NetworkTransport({ host: '127.0.0.1', port: fake.port });
    const printer = new EscPosPrinter(transport, profile);

    const job = await printer.print(ticket);
    // A write is done when the kernel has the bytes; the server reads them a moment later.
    await until(() => device.jobs.length === 1);
    const all = Buffer.concat(fake.received);
    expect(all.subarray(all.length - job.bytes.length)).toEqual(Buffer.from(job.bytes));
    expect(device.jobs).toHaveLength(1);
    const items = decodeEscPos(device.jobs[0]!, profile);
    expect(items).toContainEqual(expect.objectContaining({ kind: 'qr', data: ticket.trackingUrl }));
    expect(items).toContainEqual(expect.objectContaining({ kind: 'text', text: 'P-12', width: 4, height: 4 }));

    device.setCoverOpen(true);
    expect(await printer.status()).toMatchObject({ online: false, coverOpen: true });
    await printer.close();
  });

  it('reconnects after the printer drops the connection (power cycle)', async () => {
    const device = new VirtualPrinterDevice(profile);
    const fake = await listen(device);
    const transport = new NetworkTransport({ host: '127.0.0.1', port: fake.port });
    const printer = new EscPosPrinter(transport, profile);
    expect((await printer.status()).online).toBe(true);

    for (const socket of fake.sockets) socket.destroy();
    while (transport.opened) await new Promise((r) => setTimeout(r, 2));

    expect(await printer.status()).toMatchObject({ online: true, problem: null });
    await printer.print(ticket);
    await until(() => device.jobs.length === 1);
    expect(fake.sockets.size).toBe(1);
    await printer.close();
  });

  it('a printer that takes bytes but never answers is offline, and its socket is closed', async () => {
    const fake = await listen(null);
    const transport = new NetworkTransport({ host: '127.0.0.1', port: fake.port });
    const printer = new EscPosPrinter(transport, profile, { statusTimeoutMs: 50 });
    const status = await printer.status();
    expect(status).toMatchObject({ online: false, problem: `tcp 127.0.0.1:${fake.port} does not answer status requests` });
    expect(transport.opened).toBe(false);
    expect([...Buffer.concat(fake.received)]).toEqual([0x10, 0x04, 1]);
  });

  it('nothing listening: offline with the connection error', async () => {
    const fake = await listen(null);
    await new Promise((resolve) => fake.server.close(resolve));
    const status = await new EscPosPrinter(new NetworkTransport({ host: '127.0.0.1', port: fake.port }), profile).status();
    expect(status.online).toBe(false);
    expect(status.problem).toMatch(/ECONNREFUSED/);
  });
});
