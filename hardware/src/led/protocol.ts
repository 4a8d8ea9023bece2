// The LED board protocol, byte by byte in hardware/docs/led-boards.md. A frame is
//   STX · address (2 ASCII decimal digits) · command letter · payload · ETX · checksum (2 ASCII hex digits)
// and the addressed board answers ACK or NAK followed by its address. Every byte between STX and ETX
// is printable (text is UTF-8, whose multi-byte sequences never contain a byte below 0x80), so a
// board that lost its place finds the next frame at the next STX.

export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;

export const MIN_ADDRESS = 1;
export const MAX_ADDRESS = 99;
/** Boards over a window are 4–8 characters wide; the limit keeps a frame short on a 9600-baud line. */
export const MAX_TEXT_BYTES = 32;
export const MAX_BLINK_SECONDS = 99;

export type LedCommand =
  | { kind: 'show'; text: string }
  /** Blinks the text for `seconds`, then shows it steadily: the board keeps time, not the hub. */
  | { kind: 'blink'; text: string; seconds: number }
  | { kind: 'clear' }
  | { kind: 'brightness'; percent: number };

export interface LedFrame {
  address: number;
  command: LedCommand;
}

export interface LedReply {
  kind: 'ack' | 'nak';
  address: number;
}

const LETTER = { show: 'T', blink: 'B', clear: 'C', brightness: 'L' } as const satisfies Record<LedCommand['kind'], string>;
/** The longest frame: STX, address, letter, blink seconds, text, ETX, checksum. */
const MAX_FRAME = 1 + 2 + 1 + 2 + MAX_TEXT_BYTES + 1 + 2;

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const ascii = (text: string) => Buffer.from(text, 'latin1');
const twoDigits = (n: number) => String(n).padStart(2, '0');

/** The XOR of the bytes, which the frame carries as two uppercase hex digits. */
export function checksum(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

/** The frame for one command; throws a RangeError for what no board could show. */
export function encodeFrame(address: number, command: LedCommand): Buffer {
  checkAddress(address);
  const body = Buffer.concat([ascii(twoDigits(address) + LETTER[command.kind]), payload(command), Buffer.of(ETX)]);
  return Buffer.concat([Buffer.of(STX), body, ascii(checksum(body).toString(16).toUpperCase().padStart(2, '0'))]);
}

export function encodeReply(reply: LedReply): Buffer {
  checkAddress(reply.address);
  return Buffer.concat([Buffer.of(reply.kind === 'ack' ? ACK : NAK), ascii(twoDigits(reply.address))]);
}

function payload(command: LedCommand): Buffer {
  switch (command.kind) {
    case 'show':
      return text(command.text);
    case 'blink':
      if (!Number.isInteger(command.seconds) || command.seconds < 1 || command.seconds > MAX_BLINK_SECONDS)
        throw new RangeError(`blink seconds must be 1–${MAX_BLINK_SECONDS}, not ${command.seconds}`);
      return Buffer.concat([ascii(twoDigits(command.seconds)), text(command.text)]);
    case 'clear':
      return Buffer.alloc(0);
    case 'brightness':
      if (!Number.isInteger(command.percent) || command.percent < 0 || command.percent > 100)
        throw new RangeError(`brightness must be 0–100 %, not ${command.percent}`);
      return ascii(String(command.percent).padStart(3, '0'));
  }
}

function text(value: string): Buffer {
  // C0 and C1 controls and DEL would break the framing or mean nothing on a board.
  if (!value || [...value].some(isControl)) throw new RangeError(`"${value}" is empty or has control characters`);
  const bytes = Buffer.from(utf8.encode(value));
  if (bytes.length > MAX_TEXT_BYTES) throw new RangeError(`"${value}" is longer than ${MAX_TEXT_BYTES} bytes`);
  return bytes;
}

function isControl(char: string): boolean {
  const c = char.codePointAt(0) ?? 0;
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

function checkAddress(address: number): void {
  if (!Number.isInteger(address) || address < MIN_ADDRESS || address > MAX_ADDRESS)
    throw new RangeError(`a board address is ${MIN_ADDRESS}–${MAX_ADDRESS}, not ${address}`);
}

export type DecodedFrame = { ok: true; frame: LedFrame } | { ok: false; address: number | null; problem: string };

/**
 * Turns a byte stream into frames, as a board's firmware does: bytes before an STX are noise, an STX
 * inside a frame starts over, and a frame that grows past the longest possible one is dropped.
 */
export class FrameDecoder {
  private bytes: number[] | null = null;
  private checksumDigits = -1;

  push(chunk: Uint8Array): DecodedFrame[] {
    const out: DecodedFrame[] = [];
    for (const b of chunk) {
      if (b === STX) {
        this.bytes = [];
        this.checksumDigits = -1;
        continue;
      }
      if (!this.bytes) continue;
      this.bytes.push(b);
      if (this.checksumDigits >= 0) {
        if (++this.checksumDigits === 2) {
          out.push(decodeFrame(this.bytes));
          this.bytes = null;
        }
      } else if (b === ETX) {
        this.checksumDigits = 0;
      } else if (this.bytes.length > MAX_FRAME) {
        out.push({ ok: false, address: readAddress(this.bytes), problem: 'frame too long' });
        this.bytes = null;
      }
    }
    return out;
  }
}

/** `bytes` runs from the address to the second checksum digit. */
function decodeFrame(bytes: number[]): DecodedFrame {
  const address = readAddress(bytes);
  const body = Uint8Array.from(bytes.slice(0, -2));
  const sent = Buffer.from(bytes.slice(-2)).toString('latin1');
  if (!/^[0-9A-F]{2}$/.test(sent) || Number.parseInt(sent, 16) !== checksum(body)) return { ok: false, address, problem: 'bad checksum' };
  if (address === null) return { ok: false, address, problem: 'bad address' };
  const letter = String.fromCharCode(bytes[2] ?? 0);
  const data = Buffer.from(body.subarray(3, -1));
  const fail = (problem: string): DecodedFrame => ({ ok: false, address, problem });
  try {
    switch (letter) {
      case LETTER.show:
        return { ok: true, frame: { address, command: { kind: 'show', text: readText(data) } } };
      case LETTER.blink: {
        const seconds = readNumber(data.subarray(0, 2), 2);
        if (seconds === null || seconds < 1) return fail('bad blink seconds');
        return { ok: true, frame: { address, command: { kind: 'blink', seconds, text: readText(data.subarray(2)) } } };
      }
      case LETTER.clear:
        return data.length ? fail('clear takes no payload') : { ok: true, frame: { address, command: { kind: 'clear' } } };
      case LETTER.brightness: {
        const percent = readNumber(data, 3);
        if (percent === null || percent > 100) return fail('bad brightness');
        return { ok: true, frame: { address, command: { kind: 'brightness', percent } } };
      }
      default:
        return fail(`unknown command ${JSON.stringify(letter)}`);
    }
  } catch (error) {
    return fail((error as Error).message);
  }
}

function readAddress(bytes: number[]): number | null {
  const n = readNumber(Buffer.from(bytes.slice(0, 2)), 2);
  return n !== null && n >= MIN_ADDRESS ? n : null;
}

function readNumber(bytes: Uint8Array, digits: number): number | null {
  const s = Buffer.from(bytes).toString('latin1');
  return s.length === digits && /^\d+$/.test(s) ? Number(s) : null;
}

function readText(bytes: Uint8Array): string {
  if (!bytes.length || bytes.length > MAX_TEXT_BYTES) throw new Error('bad text length');
  return strictUtf8.decode(bytes);
}

/** Finds the ACK/NAK answers in what the boards send back, skipping line noise. */
export class ReplyDecoder {
  private pending: number[] | null = null;

  push(chunk: Uint8Array): LedReply[] {
    const out: LedReply[] = [];
    for (const b of chunk) {
      if (b === ACK || b === NAK) {
        this.pending = [b];
        continue;
      }
      if (!this.pending) continue;
      this.pending.push(b);
      if (this.pending.length === 3) {
        const [kind, ...digits] = this.pending;
        const address = readNumber(Buffer.from(digits), 2);
        if (address !== null) out.push({ kind: kind === ACK ? 'ack' : 'nak', address });
        this.pending = null;
      }
    }
    return out;
  }
}
