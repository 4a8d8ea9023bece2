// A printer with an Ethernet card: raw TCP ("port 9100", JetDirect style); replies to DLE EOT come
// back on the same socket.
import { Socket } from 'node:net';
import { ByteQueue, type Transport, withTimeout } from './transport.js';

export interface NetworkTransportOptions {
  host: string;
  port?: number;
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
}

export class NetworkTransport implements Transport {
  readonly readable = true;
  readonly description: string;
  private socket: Socket | null = null;
  private readonly input = new ByteQueue();
  private readonly port: number;
  private readonly connectTimeoutMs: number;
  private readonly writeTimeoutMs: number;

  constructor(private readonly options: NetworkTransportOptions) {
    this.port = options.port ?? 9100;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 3_000;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
    this.description = `tcp ${options.host}:${this.port}`;
  }

  get opened(): boolean {
    return this.socket !== null;
  }

  async open(): Promise<void> {
    if (this.socket) return;
    this.input.clear();
    const socket = new Socket();
    const connected = new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.connect(this.port, this.options.host);
    try {
      await withTimeout(connected, this.connectTimeoutMs, `${this.description}: no connection within ${this.connectTimeoutMs} ms`);
    } catch (error) {
      socket.destroy();
      throw error;
    }
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    socket.on('data', (chunk) => this.input.push(chunk));
    // A power-cycled printer resets the connection: `opened` turns false and the next call reconnects.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.input.clear();
    });
    this.socket = socket;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket) throw new Error(`${this.description} is not open`);
    const sent = new Promise<void>((resolve, reject) => socket.write(bytes, (error) => (error ? reject(error) : resolve())));
    await withTimeout(sent, this.writeTimeoutMs, `${this.description}: write timed out`);
  }

  read(length: number, timeoutMs: number): Promise<Uint8Array | null> {
    return this.input.read(length, timeoutMs);
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    this.input.clear();
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      socket.destroySoon();
    });
  }
}
