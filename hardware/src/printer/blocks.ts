// A printout as a list of blocks (paragraphs, label/value rows, a QR code, an image, blank feed),
// turned into ESC/POS for one printer model: as text in the first code page that holds every
// character, or — when no page does — with each text block drawn as a raster image.
import { type Canvas, loadCanvas } from './canvas.js';
import { type CodePage, chooseCodePage, encodeText } from './codepages.js';
import {
  type Align,
  align,
  bold,
  characterSize,
  concat,
  cut,
  feed,
  initialize,
  line,
  qrCode,
  rasterImage,
  selectCodePage,
} from './escpos.js';
import type { PrinterProfile } from './profiles.js';
import { qrModules, qrRaster, type RasterImage } from './raster.js';
import { rasterParagraph, rasterRow } from './text-raster.js';

export type Block =
  /** Wrapped to the line; `scale` multiplies width and height (GS !), 1–8. */
  | { kind: 'text'; text: string; align: Align; bold?: boolean; scale?: number }
  | { kind: 'row'; label: string; value: string }
  | { kind: 'qr'; data: string }
  | { kind: 'image'; image: RasterImage }
  | { kind: 'feed'; lines: number };

/** Lines fed after the last block so that it clears the cutter. */
const FEED_BEFORE_CUT = 4;

/**
 * Makes a string safe and printable: control characters could smuggle commands into the stream,
 * and the many Unicode spaces (Intl puts U+202F before "AM") would keep a ticket off every code page.
 */
function printableText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((part) => part.replace(/\p{Cc}/gu, ' ').replace(/\p{Zs}/gu, ' '))
    .join('\n');
}

/** Word wrap to `width` characters; a longer word is split. Keeps explicit line breaks. */
function wrapColumns(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let current: string[] = [];
    for (const word of paragraph.split(' ').filter((w) => w.length > 0)) {
      let chars = [...word];
      const needed = current.length === 0 ? chars.length : current.length + 1 + chars.length;
      if (needed <= width) {
        current = current.length === 0 ? chars : [...current, ' ', ...chars];
        continue;
      }
      if (current.length > 0) lines.push(current.join(''));
      while (chars.length > width) {
        lines.push(chars.slice(0, width).join(''));
        chars = chars.slice(width);
      }
      current = chars;
    }
    lines.push(current.join(''));
  }
  return lines;
}

/** Label left, value right on one line of `width` characters, or the value under the label. */
function rowColumns(label: string, value: string, width: number): string[] {
  const l = [...label].length;
  const v = [...value].length;
  if (l + 1 + v <= width) return [label + ' '.repeat(width - l - v) + value];
  return [...wrapColumns(label, width), ...wrapColumns(value, width).map((s) => s.padStart(width))];
}

/** Dots per QR module: about half the paper width for the whole symbol, 2 to 8 dots a module. */
export function qrModuleDots(data: string, widthDots: number): number {
  return Math.max(2, Math.min(8, Math.floor(widthDots / 2 / qrModules(data).size)));
}

function blockTexts(block: Block): string[] {
  if (block.kind === 'text') return [block.text];
  if (block.kind === 'row') return [block.label, block.value];
  return [];
}

function normalized(block: Block): Block {
  if (block.kind === 'text') return { ...block, text: printableText(block.text) };
  if (block.kind === 'row') return { ...block, label: printableText(block.label), value: printableText(block.value) };
  return block;
}

function image(raster: RasterImage, profile: PrinterProfile): Uint8Array {
  if (raster.width > profile.widthDots) {
    throw new RangeError(`image is ${raster.width} dots wide, ${profile.name} prints ${profile.widthDots}`);
  }
  return concat([align('center'), rasterImage(raster), align('left')]);
}

function textBlock(block: Block & { kind: 'text' }, page: CodePage, profile: PrinterProfile): Uint8Array {
  const scale = block.scale ?? 1;
  const lines = wrapColumns(block.text, Math.max(1, Math.floor(profile.columns / scale)));
  return concat([
    align(block.align),
    ...(block.bold ? [bold(true)] : []),
    ...(scale > 1 ? [characterSize(scale, scale)] : []),
    ...lines.map((l) => line(encodeText(l, page.name))),
    ...(scale > 1 ? [characterSize(1, 1)] : []),
    ...(block.bold ? [bold(false)] : []),
    align('left'),
  ]);
}

function rasterTextBlock(canvas: Canvas, block: Block & { kind: 'text' | 'row' }, profile: PrinterProfile): Uint8Array {
  const raster =
    block.kind === 'row'
      ? rasterRow(canvas, block.label, block.value, profile.widthDots)
      : rasterParagraph(canvas, block.text, profile.widthDots, { align: block.align, bold: block.bold ?? false, scale: block.scale ?? 1 });
  return image(raster, profile);
}

function qrBlock(data: string, profile: PrinterProfile): Uint8Array {
  const moduleDots = qrModuleDots(data, profile.widthDots);
  if (!profile.nativeQr) return image(qrRaster(data, moduleDots), profile);
  return concat([align('center'), qrCode(new TextEncoder().encode(data), moduleDots, 'M'), align('left')]);
}

/** The whole printout: initialize, the blocks, feed, cut. The canvas is loaded only when no code page holds the text. */
export async function encodeBlocks(blocks: readonly Block[], profile: PrinterProfile): Promise<Uint8Array> {
  const printable = blocks.map(normalized);
  const page = chooseCodePage(printable.flatMap(blockTexts), profile.codePages);
  const canvas = page ? null : await loadCanvas();
  const parts: Uint8Array[] = [initialize()];
  if (page) parts.push(selectCodePage(page.escT));
  for (const block of printable) {
    switch (block.kind) {
      case 'text':
        parts.push(page ? textBlock(block, page, profile) : rasterTextBlock(canvas!, block, profile));
        break;
      case 'row':
        parts.push(
          page
            ? concat(rowColumns(block.label, block.value, profile.columns).map((l) => line(encodeText(l, page.name))))
            : rasterTextBlock(canvas!, block, profile),
        );
        break;
      case 'qr':
        parts.push(qrBlock(block.data, profile));
        break;
      case 'image':
        parts.push(image(block.image, profile));
        break;
      case 'feed':
        parts.push(feed(block.lines));
        break;
    }
  }
  parts.push(feed(FEED_BEFORE_CUT), cut(true));
  return concat(parts);
}
