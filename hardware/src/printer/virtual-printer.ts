// A printer in software that speaks the byte protocol: it keeps what it is sent as jobs (split at each
// cut), answers DLE EOT from a simulated state (paper, cover, plugged in) and loses what is sent
// while unplugged. Browser-mode kiosks print on it through the hub; tests and the demo change its state.
import { scanCommands } from './decoder.js';
import { concat, type StatusQuery } from './escpos.js';
import { PROFILES, type PrinterProfile } from './profiles.js';
import { STATUS_BITS, statusByte } from './status.js';
import { ByteQueue, type Transport } from './transport.js';

export type PaperLevel = 'ok' | 'near-end' | 'out';

export interface VirtualPrinterState {
  paper: PaperLevel;
  coverOpen: boolean;
  plugged: boolean;
}

interface Link {
  reply(bytes: Uint8Array): void;
  closed(): void;
}

export interface VirtualConnection {
  write(bytes: Uint8Array): void;
  close(): void;
}

export class VirtualPrinterDevice {
  /** Finished jobs in order, each ending with its cut command. Status requests are answered, not kept. */
  readonly jobs: Uint8Array[] = [];
  private current: Uint8Array[] = [];
  private tail: Uint8Array = new Uint8Array(0);
  private simulated: VirtualPrinterState = { paper: 'ok', coverOpen: false, plugged: true };
  private readonly links = new Set<Link>();
  private readonly jobListeners = new Set<(job: Uint8Array) => void>();

  constructor(readonly profile: PrinterProfile = PROFILES['epson-tm-t20']) {}

  get state(): Readonly<VirtualPrinterState> {
    return this.simulated;
  }

  setPaper(paper: PaperLevel): void {
    this.simulated = { ...this.simulated, paper };
  }

  setCoverOpen(coverOpen: boolean): void {
    this.simulated = { ...this.simulated, coverOpen };
  }

  /** Pulls the cable: open connections close, and whatever was half-sent is lost. */
  unplug(): void {
    this.simulated = { ...this.simulated, plugged: false };
    this.current = [];
    this.tail = new Uint8Array(0);
    for (const link of this.links) link.closed();
    this.links.clear();
  }

  plug(): void {
    this.simulated = { ...this.simulated, plugged: true };
  }

  /** Called with each job when its cut arrives; returns the unsubscribe. */
  onJob(listener: (job: Uint8Array) => void): () => void {
    this.jobListeners.add(listener);
    return () => this.jobListeners.delete(listener);
  }

  /** The byte DLE EOT n answers in the current state. */
  statusReply(n: StatusQuery): number {
    const { paper, coverOpen } = this.simulated;
    const out = paper === 'out';
    switch (n) {
      case 1:
        return statusByte(out || coverOpen ? STATUS_BITS.offline : 0);
      case 2:
        return statusByte((coverOpen ? STATUS_BITS.coverOpen : 0) | (out ? STATUS_BITS.paperEndStop : 0));
      case 3:
        return statusByte(0);
      case 4:
        // The near-end sensor sits before the end sensor: an empty roll uncovers both.
        return statusByte((paper !== 'ok' ? STATUS_BITS.paperNearEnd : 0) | (out ? STATUS_BITS.paperOut : 0));
    }
  }

  connect(reply: (bytes: Uint8Array) => void, closed: () => void): VirtualConnection {
    if (!this.simulated.plugged) throw new Error('the virtual printer is unplugged');
    const link: Link = { reply, closed };
    this.links.add(link);
    return {
      write: (bytes) => {
        if (!this.links.has(link)) throw new Error('the virtual printer is unplugged');
        this.receive(bytes, link);
      },
      close: () => {
        this.links.delete(link);
      },
    };
  }

  private receive(bytes: Uint8Array, from: Link): void {
    const data = concat([this.tail, bytes]);
    let commands: ReturnType<typeof scanCommands>;
    try {
      commands = scanCommands(data);
    } catch {
      // Bytes it does not understand are kept as they are; decoding the job will say where.
      this.current.push(data);
      this.tail = new Uint8Array(0);
      return;
    }
    for (const { command, start, end } of commands.commands) {
      if (command.op === 'status') {
        const answer = Uint8Array.of(this.statusReply(command.n));
        setImmediate(() => from.reply(answer));
        continue;
      }
      this.current.push(data.subarray(start, end));
      if (command.op === 'cut') this.finishJob();
    }
    this.tail = data.slice(commands.rest);
  }

  private finishJob(): void {
    const job = concat(this.current);
    this.current = [];
    this.jobs.push(job);
    for (const listener of this.jobListeners) listener(job);
  }
}

/** A Transport to a VirtualPrinterDevice in the same process. */
export class VirtualTransport implements Transport {
  readonly readable = true;
  readonly description = 'virtual printer';
  private connection: VirtualConnection | null = null;
  private readonly input = new ByteQueue();

  constructor(readonly device: VirtualPrinterDevice) {}

  get opened(): boolean {
    return this.connection !== null;
  }

  async open(): Promise<void> {
    if (this.connection) return;
    this.input.clear();
    this.connection = this.device.connect(
      (bytes) => this.input.push(bytes),
      () => {
        this.connection = null;
        this.input.clear();
      },
    );
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.connection) throw new Error('the virtual printer is not open');
    try {
      this.connection.write(bytes);
    } catch (error) {
      this.connection = null;
      throw error;
    }
  }

  read(length: number, timeoutMs: number): Promise<Uint8Array | null> {
    return this.input.read(length, timeoutMs);
  }

  async close(): Promise<void> {
    this.connection?.close();
    this.connection = null;
    this.input.clear();
  }
}
