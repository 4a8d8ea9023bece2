// Reads ESC/POS back: what a printer would do with the bytes. Tests use it to prove the encoder's
// output, the virtual printer to find job boundaries and status requests, the preview to draw.
// It knows the commands this package sends and rejects anything else, so a wrong byte shows up.
import { type CodePageName, decodeText } from './codepages.js';
import { type Align, DLE, EOT, ESC, GS, LF, type QrErrorLevel, type StatusQuery } from './escpos.js';
import type { PrinterProfile } from './profiles.js';

export type Command =
  | { op: 'init' }
  | { op: 'codePage'; n: number }
  | { op: 'align'; align: Align }
  | { op: 'bold'; on: boolean }
  | { op: 'size'; width: number; height: number }
  | { op: 'text'; bytes: Uint8Array }
  | { op: 'lf' }
  | { op: 'feed'; lines: number }
  | { op: 'cut'; partial: boolean }
  | { op: 'status'; n: StatusQuery }
  | { op: 'qr'; fn: number; params: Uint8Array }
  | { op: 'raster'; width: number; height: number; data: Uint8Array };

export interface ScannedCommand {
  command: Command;
  start: number;
  end: number;
}

export class EscPosDecodeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'EscPosDecodeError';
  }
}

const ALIGNS: Record<number, Align> = { 0: 'left', 1: 'center', 2: 'right', 48: 'left', 49: 'center', 50: 'right' };

function hex(n: number | undefined): string {
  return `0x${(n ?? 0).toString(16).padStart(2, '0')}`;
}

/** One command starting at `at`, or null when the bytes end before it does. */
function scanCommand(bytes: Uint8Array, at: number): ScannedCommand | null {
  const b0 = bytes[at];
  if (b0 === undefined) return null;
  const need = (length: number): boolean => at + length <= bytes.length;
  const done = (command: Command, length: number): ScannedCommand => ({ command, start: at, end: at + length });

  if (b0 === LF) return done({ op: 'lf' }, 1);
  if (b0 >= 0x20) {
    let end = at;
    while (end < bytes.length && (bytes[end] ?? 0) >= 0x20) end++;
    return done({ op: 'text', bytes: bytes.slice(at, end) }, end - at);
  }
  if (!need(2)) return null;
  const b1 = bytes[at + 1]!;
  if (b0 === ESC && b1 === 0x40) return done({ op: 'init' }, 2);
  if (b0 === DLE && b1 === EOT) {
    if (!need(3)) return null;
    const n = bytes[at + 2]!;
    if (n < 1 || n > 4) throw new EscPosDecodeError(`DLE EOT ${n} is not a status request`, at);
    return done({ op: 'status', n: n as StatusQuery }, 3);
  }
  if (b0 === ESC || (b0 === GS && b1 !== 0x28 && b1 !== 0x76)) {
    if (!need(3)) return null;
    const n = bytes[at + 2]!;
    if (b0 === ESC && b1 === 0x74) return done({ op: 'codePage', n }, 3);
    if (b0 === ESC && b1 === 0x61) {
      const a = ALIGNS[n];
      if (!a) throw new EscPosDecodeError(`ESC a ${n} is not a justification`, at);
      return done({ op: 'align', align: a }, 3);
    }
    if (b0 === ESC && b1 === 0x45) return done({ op: 'bold', on: (n & 1) === 1 }, 3);
    if (b0 === ESC && b1 === 0x64) return done({ op: 'feed', lines: n }, 3);
    if (b0 === GS && b1 === 0x21) return done({ op: 'size', width: ((n >> 4) & 7) + 1, height: (n & 7) + 1 }, 3);
    if (b0 === GS && b1 === 0x56) {
      if (n === 0 || n === 48) return done({ op: 'cut', partial: false }, 3);
      if (n === 1 || n === 49) return done({ op: 'cut', partial: true }, 3);
      // GS V 65/66 n: feed n and cut (full/partial) — one byte longer.
      if (n === 65 || n === 66) return need(4) ? done({ op: 'cut', partial: n === 66 }, 4) : null;
      throw new EscPosDecodeError(`GS V ${n} is not a cut`, at);
    }
    throw new EscPosDecodeError(`unknown command ${hex(b0)} ${hex(b1)}`, at);
  }
  if (b0 === GS && b1 === 0x28) {
    if (!need(5)) return null;
    if (bytes[at + 2] !== 0x6b) throw new EscPosDecodeError(`GS ( ${hex(bytes[at + 2])} is not supported`, at);
    const length = bytes[at + 3]! + (bytes[at + 4]! << 8);
    if (!need(5 + length)) return null;
    if (length < 2 || bytes[at + 5] !== 0x31) throw new EscPosDecodeError('GS ( k for a symbol other than QR', at);
    return done({ op: 'qr', fn: bytes[at + 6]!, params: bytes.slice(at + 7, at + 5 + length) }, 5 + length);
  }
  if (b0 === GS && b1 === 0x76) {
    if (!need(8)) return null;
    if (bytes[at + 2] !== 0x30) throw new EscPosDecodeError('GS v other than GS v 0', at);
    const bytesPerRow = bytes[at + 4]! + (bytes[at + 5]! << 8);
    const height = bytes[at + 6]! + (bytes[at + 7]! << 8);
    const size = bytesPerRow * height;
    if (!need(8 + size)) return null;
    return done({ op: 'raster', width: bytesPerRow * 8, height, data: bytes.slice(at + 8, at + 8 + size) }, 8 + size);
  }
  throw new EscPosDecodeError(`unexpected control byte ${hex(b0)}`, at);
}

/** Every complete command, and where the incomplete rest (if any) begins. */
export function scanCommands(bytes: Uint8Array): { commands: ScannedCommand[]; rest: number } {
  const commands: ScannedCommand[] = [];
  let at = 0;
  for (let c = scanCommand(bytes, at); c; c = scanCommand(bytes, at)) {
    commands.push(c);
    at = c.end;
  }
  return { commands, rest: at };
}

export type PrintedItem =
  | { kind: 'text'; text: string; align: Align; bold: boolean; width: number; height: number; codePage: CodePageName }
  | { kind: 'qr'; data: string; moduleDots: number; errorLevel: QrErrorLevel; align: Align }
  | { kind: 'image'; width: number; height: number; data: Uint8Array; align: Align }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut'; partial: boolean };

const QR_LEVELS: Record<number, QrErrorLevel> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };

interface State {
  align: Align;
  bold: boolean;
  width: number;
  height: number;
  codePage: CodePageName;
  qr: { moduleDots: number; errorLevel: QrErrorLevel; data: Uint8Array | null };
}

function powerOnState(profile: PrinterProfile): State {
  // ESC t 0 is the power-on page; a model without it starts on its first page.
  const page = profile.codePages.find((p) => p.escT === 0) ?? profile.codePages[0];
  return {
    align: 'left',
    bold: false,
    width: 1,
    height: 1,
    codePage: page?.name ?? 'PC437',
    qr: { moduleDots: 3, errorLevel: 'L', data: null },
  };
}

/** What the printer would print, item by item, for a model's code pages. Throws EscPosDecodeError on bytes it does not know. */
export function decodeEscPos(bytes: Uint8Array, profile: PrinterProfile): PrintedItem[] {
  const { commands, rest } = scanCommands(bytes);
  if (rest < bytes.length) throw new EscPosDecodeError('incomplete command', rest);
  const items: PrintedItem[] = [];
  let state = powerOnState(profile);
  let pending: Uint8Array[] = [];
  let lineState = state;

  const flushLine = (): void => {
    const length = pending.reduce((n, p) => n + p.length, 0);
    const joined = new Uint8Array(length);
    let at = 0;
    for (const p of pending) {
      joined.set(p, at);
      at += p.length;
    }
    const { align, bold, width, height, codePage } = lineState;
    items.push({ kind: 'text', text: decodeText(joined, codePage), align, bold, width, height, codePage });
    pending = [];
  };

  for (const { command, start } of commands) {
    switch (command.op) {
      case 'init':
        state = powerOnState(profile);
        break;
      case 'codePage': {
        const page = profile.codePages.find((p) => p.escT === command.n);
        if (!page) throw new EscPosDecodeError(`${profile.name} has no code page ESC t ${command.n}`, start);
        state = { ...state, codePage: page.name };
        break;
      }
      case 'align':
        state = { ...state, align: command.align };
        break;
      case 'bold':
        state = { ...state, bold: command.on };
        break;
      case 'size':
        state = { ...state, width: command.width, height: command.height };
        break;
      case 'text':
        // A line takes the modes in force when its first character arrives.
        if (pending.length === 0) lineState = state;
        pending.push(command.bytes);
        break;
      case 'lf':
        if (pending.length === 0) lineState = state;
        flushLine();
        break;
      case 'feed':
        if (pending.length > 0) flushLine();
        items.push({ kind: 'feed', lines: command.lines });
        break;
      case 'cut':
        if (pending.length > 0) flushLine();
        items.push({ kind: 'cut', partial: command.partial });
        break;
      case 'status':
        break;
      case 'qr':
        state = { ...state, qr: qrStep(state.qr, command, start) };
        if (command.fn === 0x51) {
          const { data, moduleDots, errorLevel } = state.qr;
          if (!data) throw new EscPosDecodeError('QR print with no stored data', start);
          items.push({ kind: 'qr', data: new TextDecoder().decode(data), moduleDots, errorLevel, align: state.align });
        }
        break;
      case 'raster':
        items.push({ kind: 'image', width: command.width, height: command.height, data: command.data, align: state.align });
        break;
    }
  }
  if (pending.length > 0) flushLine();
  return items;
}

function qrStep(qr: State['qr'], command: Command & { op: 'qr' }, at: number): State['qr'] {
  const p0 = command.params[0];
  switch (command.fn) {
    case 0x41:
      if (p0 !== 0x32) throw new EscPosDecodeError(`QR model ${p0} (only model 2 is sent)`, at);
      return qr;
    case 0x43:
      return { ...qr, moduleDots: p0 ?? qr.moduleDots };
    case 0x45: {
      const level = QR_LEVELS[p0 ?? -1];
      if (!level) throw new EscPosDecodeError(`QR error level ${p0}`, at);
      return { ...qr, errorLevel: level };
    }
    case 0x50:
      if (p0 !== 0x30) throw new EscPosDecodeError('QR store with m ≠ 48', at);
      return { ...qr, data: command.params.slice(1) };
    case 0x51:
      return qr;
    default:
      throw new EscPosDecodeError(`QR function ${hex(command.fn)} is not supported`, at);
  }
}
