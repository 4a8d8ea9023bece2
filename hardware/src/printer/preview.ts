// A PNG of what a printer would print: the paper's width, text in a monospace font sized like font A,
// QR codes drawn from their payload, raster images dot for dot, a dashed line where it cuts.
import type { SKRSContext2D } from '@napi-rs/canvas';
import { loadCanvas, MONO, MONO_ADVANCE } from './canvas.js';
import { decodeEscPos, type PrintedItem } from './decoder.js';
import type { Align } from './escpos.js';
import { FONT_A, type PrinterProfile } from './profiles.js';
import { qrModules, rasterDot } from './raster.js';

const MARGIN_Y = 16;
const CUT_BAND = 24;
const LINE = FONT_A.height + FONT_A.lineSpacing;

function itemHeight(item: PrintedItem): number {
  switch (item.kind) {
    case 'text':
      return LINE * item.height;
    case 'qr':
      return qrModules(item.data).size * item.moduleDots;
    case 'image':
      return item.height;
    case 'feed':
      return LINE * item.lines;
    case 'cut':
      return CUT_BAND;
  }
}

function left(align: Align, width: number, area: number): number {
  if (align === 'center') return Math.floor((area - width) / 2);
  return align === 'right' ? area - width : 0;
}

function drawItem(ctx: SKRSContext2D, item: PrintedItem, x0: number, y: number, profile: PrinterProfile, paperWidth: number): void {
  switch (item.kind) {
    case 'text': {
      const width = [...item.text].length * FONT_A.width * item.width;
      ctx.save();
      ctx.translate(x0 + left(item.align, width, profile.widthDots), y);
      ctx.scale(item.width, item.height);
      ctx.font = `${item.bold ? 'bold ' : ''}${FONT_A.width / MONO_ADVANCE}px ${MONO}`;
      ctx.textBaseline = 'top';
      ctx.fillText(item.text, 0, FONT_A.lineSpacing / 2);
      ctx.restore();
      return;
    }
    case 'qr': {
      const { size, dark } = qrModules(item.data);
      const m = item.moduleDots;
      const x = x0 + left(item.align, size * m, profile.widthDots);
      for (let row = 0; row < size; row++) {
        for (let col = 0; col < size; col++) if (dark(row, col)) ctx.fillRect(x + col * m, y + row * m, m, m);
      }
      return;
    }
    case 'image': {
      if (item.width === 0 || item.height === 0) return;
      const x = x0 + left(item.align, item.width, profile.widthDots);
      const image = { width: item.width, height: item.height, data: item.data };
      const pixels = ctx.createImageData(item.width, item.height);
      pixels.data.fill(255);
      for (let row = 0; row < item.height; row++) {
        for (let col = 0; col < item.width; col++) {
          if (!rasterDot(image, col, row)) continue;
          const at = (row * item.width + col) * 4;
          pixels.data[at] = pixels.data[at + 1] = pixels.data[at + 2] = 0;
        }
      }
      ctx.putImageData(pixels, x, y);
      return;
    }
    case 'cut':
      ctx.save();
      ctx.strokeStyle = '#888';
      ctx.setLineDash([8, 6]);
      ctx.beginPath();
      ctx.moveTo(0, y + CUT_BAND / 2);
      ctx.lineTo(paperWidth, y + CUT_BAND / 2);
      ctx.stroke();
      ctx.restore();
      return;
    case 'feed':
      return;
  }
}

/** The printout as a PNG as wide as the model's paper (at its dpi), as long as the content. */
export async function renderPreview(bytes: Uint8Array, profile: PrinterProfile): Promise<Buffer> {
  const { createCanvas } = await loadCanvas();
  const items = decodeEscPos(bytes, profile);
  const paperWidth = Math.max(profile.widthDots, Math.round((profile.paperMm / 25.4) * profile.dpi));
  const x0 = Math.floor((paperWidth - profile.widthDots) / 2);
  const height = MARGIN_Y * 2 + items.reduce((h, item) => h + itemHeight(item), 0);
  const canvas = createCanvas(paperWidth, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, paperWidth, height);
  ctx.fillStyle = '#000';
  let y = MARGIN_Y;
  for (const item of items) {
    drawItem(ctx, item, x0, y, profile, paperWidth);
    y += itemHeight(item);
  }
  return canvas.toBuffer('image/png');
}
