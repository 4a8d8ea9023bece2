// LED boards that are not there: they read the bytes a driver writes with the same frame decoder a
// board's firmware would implement, answer ACK/NAK, and keep what each address shows. Wired to a
// @serialport/binding-mock port, they stand at the far end of the serial line in tests. Their own entry,
// `@vikno/hardware/led-simulator`, keeps binding-mock (a dev dependency) out of the package's main one.
import { createRequire } from 'node:module';
import type { SerialBinding } from './bus.js';
import { encodeReply, FrameDecoder, type LedFrame } from './protocol.js';

type BindingMock = typeof import('@serialport/binding-mock', { with: { 'resolution-mode': 'require' }});
type MockPortBinding = Awaited<ReturnType<BindingMock['MockBinding']['open']>>;

/**
 * The package's ESM entry has no type declarations, so it is loaded through its CommonJS one. Use this
 * export, not an `import` of the package: the two entries are separate copies with separate port lists.
 */
export const { MockBinding } = createRequire(import.meta.url)('@serialport/binding-mock') as BindingMock;

export interface BoardFace {
  /** Null when the board is dark. */
  text: string | null;
  blinking: boolean;
  brightness: number;
}

interface BoardState {
  text: string | null;
  blinkUntil: number;
  brightness: number;
}

export class SimulatedLedBoards {
  /** Every well-formed frame on the line, in order, whichever address it named. */
  readonly frames: LedFrame[] = [];
  private readonly decoder = new FrameDecoder();
  private readonly boards = new Map<number, BoardState>();
  private readonly clock: () => number;

  /** `addresses`: the boards on the line; a frame to any other address goes unanswered. */
  constructor(options: { addresses: readonly number[]; clock?: () => number }) {
    this.clock = options.clock ?? Date.now;
    for (const a of options.addresses) this.powerOn(a);
  }

  /** A board switched on later, dark and at full brightness: it answers from now on. */
  powerOn(address: number): void {
    this.boards.set(address, { text: null, blinkUntil: 0, brightness: 100 });
  }

  /** Takes bytes off the line; returns what the boards answer. */
  receive(bytes: Uint8Array): Buffer {
    const answers: Buffer[] = [];
    for (const decoded of this.decoder.push(bytes)) {
      if (decoded.ok) this.frames.push(decoded.frame);
      const address = decoded.ok ? decoded.frame.address : decoded.address;
      const board = address === null ? undefined : this.boards.get(address);
      if (!board || address === null) continue;
      if (decoded.ok) this.apply(board, decoded.frame);
      answers.push(encodeReply({ kind: decoded.ok ? 'ack' : 'nak', address }));
    }
    return Buffer.concat(answers);
  }

  /** What the board at `address` shows now; undefined when no board has that address. */
  face(address: number): BoardFace | undefined {
    const b = this.boards.get(address);
    return b && { text: b.text, blinking: b.text !== null && this.clock() < b.blinkUntil, brightness: b.brightness };
  }

  private apply(board: BoardState, { command }: LedFrame): void {
    switch (command.kind) {
      case 'show':
        board.text = command.text;
        board.blinkUntil = 0;
        break;
      case 'blink':
        board.text = command.text;
        board.blinkUntil = this.clock() + command.seconds * 1000;
        break;
      case 'clear':
        board.text = null;
        board.blinkUntil = 0;
        break;
      case 'brightness':
        board.brightness = command.percent;
        break;
    }
  }
}

/** A serial binding whose ports reach simulated boards; `unplug()` pulls the adapter out. */
export interface SimulatedLine extends SerialBinding {
  /**
   * Fails the open ports as a removed USB adapter does (the next read errors, so the stream reports a
   * disconnect) and empties the mock's port list, so reopening fails until `MockBinding.createPort`.
   */
  unplug(): void;
}

/**
 * Ports of @serialport/binding-mock (create them with `MockBinding.createPort(path)`) with `boards`
 * at the far end: what is written reaches them, and their answers arrive as received bytes.
 */
export function simulatedLine(boards: SimulatedLedBoards): SimulatedLine {
  const open = new Set<WiredPort>();
  return {
    list: () => MockBinding.list(),
    async open(options) {
      const port = new WiredPort(await MockBinding.open(options), boards);
      open.add(port);
      return port;
    },
    unplug() {
      for (const port of open) port.sever();
      open.clear();
      MockBinding.reset();
    },
  };
}

class WiredPort {
  private readonly severed: Promise<never>;
  private cut: (error: Error) => void = () => undefined;

  constructor(
    private readonly mock: MockPortBinding,
    private readonly boards: SimulatedLedBoards,
  ) {
    this.severed = new Promise<never>((_, reject) => {
      this.cut = reject;
    });
    this.severed.catch(() => undefined);
  }

  get openOptions() {
    return this.mock.openOptions;
  }

  get isOpen() {
    return this.mock.isOpen;
  }

  sever(): void {
    this.cut(new Error('device disconnected'));
  }

  async write(buffer: Buffer): Promise<void> {
    await this.mock.write(buffer);
    const answer = this.boards.receive(buffer);
    if (answer.length && this.mock.isOpen) this.mock.emitData(answer);
  }

  read(buffer: Buffer, offset: number, length: number) {
    return Promise.race([this.mock.read(buffer, offset, length), this.severed]);
  }

  close = () => this.mock.close();
  update: MockPortBinding['update'] = (o) => this.mock.update(o);
  set: MockPortBinding['set'] = (o) => this.mock.set(o);
  get = () => this.mock.get();
  getBaudRate = () => this.mock.getBaudRate();
  flush = () => this.mock.flush();
  drain = () => this.mock.drain();
}
