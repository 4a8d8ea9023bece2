// A printer on a serial port (RS-232, or a USB adapter that shows up as /dev/ttyUSB0). The binding is
// injected: node-serialport's native one in production, @serialport/binding-mock in tests.
import { type OpenOptions, SerialPortStream } from '@serialport/stream';
import { ByteQueue, type Transport, withTimeout } from './transport.js';

export type SerialBinding = OpenOptions['binding'];

export interface SerialTransportOptions {
  path: string;
  baudRate: number;
  binding: SerialBinding;
}

/** Ten bits a byte (start, 8 data, stop) plus slack for a printer that pauses to print. */
function writeTimeoutMs(bytes: number, baudRate: number): number {
  return 5_000 + Math.ceil(((bytes * 10) / baudRate) * 1000 * 2);
}

export class SerialTransport implements Transport {
  readonly readable = true;
  readonly description: string;
  private port: SerialPortStream | null = null;
  private readonly input = new ByteQueue();

  constructor(private readonly options: SerialTransportOptions) {
    this.description = `serial ${options.path}`;
  }

  get opened(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.opened) return;
    this.input.clear();
    const port = new SerialPortStream({
      binding: this.options.binding,
      path: this.options.path,
      baudRate: this.options.baudRate,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('data', (chunk: Buffer) => this.input.push(chunk));
    // An unplugged USB-serial adapter errors and closes; `opened` turns false and the next call reopens.
    port.on('error', () => undefined);
    port.on('close', () => {
      if (this.port !== port) return;
      this.port = null;
      this.input.clear();
    });
    this.port = port;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) throw new Error(`${this.description} is not open`);
    const sent = new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes), (error) => {
        if (error) return reject(error);
        port.drain((drainError) => (drainError ? reject(drainError) : resolve()));
      });
    });
    await withTimeout(sent, writeTimeoutMs(bytes.length, this.options.baudRate), `${this.description}: write timed out`);
  }

  read(length: number, timeoutMs: number): Promise<Uint8Array | null> {
    return this.input.read(length, timeoutMs);
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    this.input.clear();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
