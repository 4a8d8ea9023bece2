// The few ESC/POS commands a queue ticket needs, as bytes (Epson ESC/POS reference, "TM printers").
// Each function returns one complete command so that tests can compare it byte for byte.
import { type RasterImage, rasterBytesPerRow } from './raster.js';

export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

export type Align = 'left' | 'center' | 'right';
const ALIGN_CODES: Record<Align, number> = { left: 0, center: 1, right: 2 };

/** GS ( k error-correction levels: function 169's n. */
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';
const QR_LEVEL_CODES: Record<QrErrorLevel, number> = { L: 48, M: 49, Q: 50, H: 51 };

/** The DLE EOT n the printer answers in real time: 1 printer, 2 offline cause, 3 error cause, 4 paper sensor. */
export type StatusQuery = 1 | 2 | 3 | 4;

function byte(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new RangeError(`${what} must be a byte, got ${n}`);
  return n;
}

function uint16(n: number, what: string): [number, number] {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new RangeError(`${what} must fit 16 bits, got ${n}`);
  return [n & 0xff, n >> 8];
}

/** ESC @ — clears the print buffer and resets modes to the power-on defaults. */
export function initialize(): Uint8Array {
  return Uint8Array.of(ESC, 0x40);
}

/** ESC t n — selects the character code table (n is the model's own number for the page). */
export function selectCodePage(n: number): Uint8Array {
  return Uint8Array.of(ESC, 0x74, byte(n, 'code page'));
}

/** ESC a n — justification of the lines that start after it. */
export function align(to: Align): Uint8Array {
  return Uint8Array.of(ESC, 0x61, ALIGN_CODES[to]);
}

/** GS ! n — character width and height multipliers, 1 to 8 each. */
export function characterSize(width: number, height: number): Uint8Array {
  for (const [v, what] of [
    [width, 'width'],
    [height, 'height'],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 8) throw new RangeError(`character ${what} must be 1–8, got ${v}`);
  }
  return Uint8Array.of(GS, 0x21, ((width - 1) << 4) | (height - 1));
}

/** ESC E n — emphasized (bold) on or off. */
export function bold(on: boolean): Uint8Array {
  return Uint8Array.of(ESC, 0x45, on ? 1 : 0);
}

/** Already-encoded text followed by LF, which prints the line. */
export function line(encoded: Uint8Array): Uint8Array {
  for (const b of encoded) {
    if (b < 0x20) throw new RangeError(`text must not contain control byte 0x${b.toString(16)}`);
  }
  const out = new Uint8Array(encoded.length + 1);
  out.set(encoded);
  out[encoded.length] = LF;
  return out;
}

/** ESC d n — prints the buffer and feeds n lines. */
export function feed(lines: number): Uint8Array {
  return Uint8Array.of(ESC, 0x64, byte(lines, 'feed lines'));
}

/** GS V m — cuts the paper: m = 0 full cut, 1 partial cut (one point left uncut). */
export function cut(partial = true): Uint8Array {
  return Uint8Array.of(GS, 0x56, partial ? 1 : 0);
}

/** DLE EOT n — real-time status request; the printer answers with one byte. */
export function statusRequest(n: StatusQuery): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

function qrFunction(fn: number, params: readonly number[]): Uint8Array {
  const [pL, pH] = uint16(params.length + 2, 'QR parameter length');
  return Uint8Array.of(GS, 0x28, 0x6b, pL, pH, 0x31, fn, ...params);
}

/**
 * GS ( k — a QR code symbol: model 2, module size in dots, error level, store the data, print it.
 * `data` is sent as bytes; a URL is ASCII, so no code page is involved.
 */
export function qrCode(data: Uint8Array, moduleDots: number, level: QrErrorLevel = 'M'): Uint8Array {
  if (!Number.isInteger(moduleDots) || moduleDots < 1 || moduleDots > 16)
    throw new RangeError(`QR module size must be 1–16, got ${moduleDots}`);
  if (data.length === 0 || data.length > 7089) throw new RangeError(`QR data must be 1–7089 bytes, got ${data.length}`);
  const [pL, pH] = uint16(data.length + 3, 'QR data length');
  const store = new Uint8Array(8 + data.length);
  store.set([GS, 0x28, 0x6b, pL, pH, 0x31, 0x50, 0x30]);
  store.set(data, 8);
  return concat([
    qrFunction(0x41, [0x32, 0x00]), // fn 165: model 2
    qrFunction(0x43, [moduleDots]), // fn 167: module size
    qrFunction(0x45, [QR_LEVEL_CODES[level]]), // fn 169: error correction
    store, // fn 180: store in the symbol storage area
    qrFunction(0x51, [0x30]), // fn 181: print the stored symbol
  ]);
}

/** GS v 0 — a raster bit image, normal density; rows of ceil(width / 8) bytes, MSB is the leftmost dot. */
export function rasterImage(image: RasterImage): Uint8Array {
  const bytesPerRow = rasterBytesPerRow(image.width);
  if (image.data.length !== bytesPerRow * image.height) {
    throw new RangeError(`raster data is ${image.data.length} bytes, expected ${bytesPerRow * image.height}`);
  }
  const [xL, xH] = uint16(bytesPerRow, 'raster width in bytes');
  const [yL, yH] = uint16(image.height, 'raster height');
  const out = new Uint8Array(8 + image.data.length);
  out.set([GS, 0x76, 0x30, 0, xL, xH, yL, yH]);
  out.set(image.data, 8);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
