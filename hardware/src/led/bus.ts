// The driver for LED boards on one serial line (an RS-485 adapter on the hub machine). Frames go out
// one at a time, since on a half-duplex bus only one party talks; each waits for the addressed
// board's ACK. The port is reopened after an unplug or an error, and every board is then sent what
// it should show again, because the hub cannot know what a board kept while the line was down.
import { type OpenOptions, SerialPortStream } from '@serialport/stream';
import { encodeFrame, type LedCommand, type LedReply, ReplyDecoder } from './protocol.js';

/** A serialport binding: the operating system's (default) or @serialport/binding-mock in tests. */
export type SerialBinding = OpenOptions['binding'];

/** What the hub needs from a line of LED boards. */
export interface LedBus {
  /** Resolves when the board acknowledged the command; rejects with a LedBusError otherwise. */
  send(address: number, command: LedCommand): Promise<void>;
  close(): Promise<void>;
}

export type LedBusStatus = { state: 'open' } | { state: 'closed'; reason: string };

export class LedBusError extends Error {
  constructor(
    /** `offline`: the port is not open; `unanswered`: no ACK in time; `refused`: the board sent NAK. */
    readonly reason: 'offline' | 'unanswered' | 'refused',
    message: string,
  ) {
    super(message);
    this.name = 'LedBusError';
  }
}

export interface LedBoardBusOptions {
  /** `/dev/ttyUSB0`, `COM3`. */
  path: string;
  baudRate: number;
  binding?: SerialBinding;
  /** False for boards that only listen: a frame then counts as delivered once written. */
  acknowledged?: boolean;
  /** A board answers within a few milliseconds; this also covers a slow USB adapter. */
  answerTimeoutMs?: number;
  /** Tries per frame before the board is given up on until the next retry tick. */
  attempts?: number;
  /** How often a closed port is reopened and boards that missed a frame are sent their state again. */
  retryMs?: number;
  /** Called when the port opens, and when it closes or fails to open (once per distinct reason). */
  onStatus?: (status: LedBusStatus) => void;
}

type Answer = LedReply['kind'] | 'none';

interface BoardMemory {
  face?: LedCommand;
  brightness?: LedCommand;
}

export class LedBoardBus implements LedBus {
  private port: SerialPortStream | undefined;
  private opening: Promise<void> | undefined;
  private closed = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly replies = new ReplyDecoder();
  private waiter: { address: number; settle: (answer: Answer) => void } | undefined;
  /** What each board should show, sent again after a reopen or a missed frame. */
  private readonly memory = new Map<number, BoardMemory>();
  private readonly stale = new Set<number>();
  private refreshing = false;
  private readonly timer: NodeJS.Timeout;
  private lastStatus = '';

  constructor(private readonly options: LedBoardBusOptions) {
    this.timer = setInterval(() => this.tick(), options.retryMs ?? 2000);
    this.tick();
  }

  get isOpen(): boolean {
    return !!this.port?.isOpen;
  }

  send(address: number, command: LedCommand): Promise<void> {
    const frame = encodeFrame(address, command);
    this.remember(address, command);
    return this.enqueue(() => this.deliver(address, frame, this.options.attempts ?? 3)).catch((error: unknown) => {
      this.stale.add(address);
      throw error;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.opening;
    await this.chain;
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private tick(): void {
    if (this.closed) return;
    if (!this.port) this.opening ??= this.open().finally(() => (this.opening = undefined));
    else this.refreshStale();
  }

  private async open(): Promise<void> {
    let port: SerialPortStream | undefined;
    try {
      const binding = this.options.binding ?? (await systemBinding());
      port = new SerialPortStream({ binding, path: this.options.path, baudRate: this.options.baudRate, autoOpen: false });
      const opened = port;
      await new Promise<void>((resolve, reject) => opened.open((error) => (error ? reject(error) : resolve())));
    } catch (error) {
      this.report({ state: 'closed', reason: (error as Error).message });
      return;
    }
    if (this.closed) return void port.close(() => undefined);
    const live = port;
    live.on('data', (chunk: Buffer) => this.receive(chunk));
    live.on('close', (error: Error | null) => this.lost(live, error?.message ?? 'the port was closed'));
    live.on('error', (error: Error) => this.lost(live, error.message));
    this.port = live;
    this.report({ state: 'open' });
    for (const address of this.memory.keys()) this.stale.add(address);
    this.refreshStale();
  }

  private lost(port: SerialPortStream, reason: string): void {
    if (this.port !== port) return;
    this.port = undefined;
    if (port.isOpen) port.close();
    this.waiter?.settle('none');
    if (!this.closed) this.report({ state: 'closed', reason });
  }

  private receive(chunk: Buffer): void {
    for (const reply of this.replies.push(chunk)) {
      // A late answer to a frame that already timed out names another address and is ignored.
      if (this.waiter?.address === reply.address) this.waiter.settle(reply.kind);
    }
  }

  private async deliver(address: number, frame: Buffer, attempts: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const port = this.port;
      if (!port) throw new LedBusError('offline', `${this.options.path} is not open`);
      const acknowledged = this.options.acknowledged ?? true;
      // Listen before writing: a board on a fast line can answer before the write callback runs.
      const answer = acknowledged ? this.answerFrom(address) : undefined;
      try {
        await new Promise<void>((resolve, reject) => port.write(frame, (error) => (error ? reject(error) : resolve())));
      } catch (error) {
        this.waiter?.settle('none');
        throw new LedBusError('offline', `${this.options.path}: ${(error as Error).message}`);
      }
      if (!answer) return;
      const result = await answer;
      if (result === 'ack') return;
      if (attempt >= attempts) {
        if (!this.port) throw new LedBusError('offline', `${this.options.path} closed while board ${address} was answering`);
        if (result === 'nak') throw new LedBusError('refused', `board ${address} refused the frame`);
        throw new LedBusError('unanswered', `board ${address} did not answer`);
      }
    }
  }

  private answerFrom(address: number): Promise<Answer> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle('none'), this.options.answerTimeoutMs ?? 250);
      const settle = (answer: Answer) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(answer);
      };
      this.waiter = { address, settle };
    });
  }

  /** Sends each board that may be out of step its whole state again, once per tick, one try per frame. */
  private refreshStale(): void {
    if (this.refreshing || !this.stale.size) return;
    this.refreshing = true;
    const addresses = [...this.stale];
    void this.enqueue(async () => {
      for (const address of addresses) {
        const m = this.memory.get(address);
        const commands = [m?.brightness, m?.face].filter((c): c is LedCommand => !!c);
        try {
          for (const c of commands) await this.deliver(address, encodeFrame(address, c), 1);
          this.stale.delete(address);
        } catch {
          // Still out of step: the next tick tries again.
        }
      }
    }).finally(() => (this.refreshing = false));
  }

  private remember(address: number, command: LedCommand): void {
    const m = this.memory.get(address) ?? {};
    if (command.kind === 'brightness') m.brightness = command;
    // A blink ends in the steady text; that is what a board sent its state again should show.
    else m.face = command.kind === 'blink' ? { kind: 'show', text: command.text } : command;
    this.memory.set(address, m);
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.chain.then(job);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private report(status: LedBusStatus): void {
    const key = JSON.stringify(status);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.options.onStatus?.(status);
  }
}

async function systemBinding(): Promise<SerialBinding> {
  const { SerialPort } = await import('serialport');
  return SerialPort.binding;
}
