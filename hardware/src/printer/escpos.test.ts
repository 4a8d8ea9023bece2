import { describe, expect, it } from 'vitest';
import { align, bold, characterSize, cut, feed, initialize, line, qrCode, rasterImage, selectCodePage, statusRequest } from './escpos.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('ESC/POS commands, byte for byte', () => {
  it('ESC @ initializes', () => {
    expect(initialize()).toEqual(bytes(0x1b, 0x40));
  });

  it('ESC t n selects a code page by the model’s number', () => {
    expect(selectCodePage(46)).toEqual(bytes(0x1b, 0x74, 46));
    expect(() => selectCodePage(256)).toThrow(RangeError);
  });

  it('ESC a n justifies left, centre, right', () => {
    expect(align('left')).toEqual(bytes(0x1b, 0x61, 0));
    expect(align('center')).toEqual(bytes(0x1b, 0x61, 1));
    expect(align('right')).toEqual(bytes(0x1b, 0x61, 2));
  });

  it('GS ! n packs width − 1 in the high nibble and height − 1 in the low one', () => {
    expect(characterSize(1, 1)).toEqual(bytes(0x1d, 0x21, 0x00));
    expect(characterSize(4, 4)).toEqual(bytes(0x1d, 0x21, 0x33));
    expect(characterSize(2, 8)).toEqual(bytes(0x1d, 0x21, 0x17));
    expect(() => characterSize(9, 1)).toThrow(RangeError);
  });

  it('ESC E n turns bold on and off', () => {
    expect(bold(true)).toEqual(bytes(0x1b, 0x45, 1));
    expect(bold(false)).toEqual(bytes(0x1b, 0x45, 0));
  });

  it('a text line is its bytes and LF, and refuses control bytes', () => {
    expect(line(bytes(0x41, 0xb2))).toEqual(bytes(0x41, 0xb2, 0x0a));
    expect(() => line(bytes(0x41, 0x1b, 0x40))).toThrow(RangeError);
  });

  it('ESC d n feeds, GS V cuts (partial by default)', () => {
    expect(feed(4)).toEqual(bytes(0x1b, 0x64, 4));
    expect(cut()).toEqual(bytes(0x1d, 0x56, 1));
    expect(cut(false)).toEqual(bytes(0x1d, 0x56, 0));
  });

  it('DLE EOT n asks for real-time status', () => {
    expect(statusRequest(1)).toEqual(bytes(0x10, 0x04, 1));
    expect(statusRequest(4)).toEqual(bytes(0x10, 0x04, 4));
  });

  it('GS ( k: model 2, module size, level M, store (length + 3), print', () => {
    const data = new TextEncoder().encode('https://q.example/t/A1');
    expect(qrCode(data, 6, 'M')).toEqual(
      bytes(
        ...[0x1d, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0x00],
        ...[0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x43, 6],
        ...[0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31],
        ...[0x1d, 0x28, 0x6b, data.length + 3, 0, 0x31, 0x50, 0x30, ...data],
        ...[0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30],
      ),
    );
  });

  it('GS ( k stores data longer than 252 bytes with a two-byte length', () => {
    const data = new Uint8Array(300).fill(0x41);
    const store = qrCode(data, 4).subarray(25, 33);
    expect([...store]).toEqual([0x1d, 0x28, 0x6b, 303 & 0xff, 303 >> 8, 0x31, 0x50, 0x30]);
  });

  it('GS v 0: bytes per row and rows little-endian, then the dots', () => {
    const image = { width: 10, height: 2, data: bytes(0xff, 0xc0, 0x80, 0x40) };
    expect(rasterImage(image)).toEqual(bytes(0x1d, 0x76, 0x30, 0, 2, 0, 2, 0, 0xff, 0xc0, 0x80, 0x40));
    expect(() => rasterImage({ width: 10, height: 2, data: bytes(0xff) })).toThrow(RangeError);
  });
});
