// Text drawn into a raster image, for tickets in a script none of the printer's code pages has
// (Ukrainian on a printer with only PC866, for instance). Lines are wrapped by measured width.
import type { SKRSContext2D } from '@napi-rs/canvas';
import { type Canvas, SANS } from './canvas.js';
import type { Align } from './escpos.js';
import { FONT_A } from './profiles.js';
import { type RasterImage, rasterFromRgba } from './raster.js';

const LINE_HEIGHT = 1.25;

/** One printed line: one or more pieces of text, each aligned on its own (a label left, its value right). */
type DrawnLine = { text: string; align: Align }[];

function context(canvas: Canvas): SKRSContext2D {
  return canvas.createCanvas(1, 1).getContext('2d');
}

function fontFor(scale: number, bold: boolean): { css: string; px: number } {
  const px = Math.floor(FONT_A.height * scale);
  return { css: `${bold ? 'bold ' : ''}${px}px ${SANS}`, px };
}

/** Greedy word wrap by measured width; a word wider than the line is broken between characters. */
function wrapMeasured(ctx: SKRSContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let current = '';
    for (const word of paragraph.split(' ').filter((w) => w.length > 0)) {
      const candidate = current ? `${current} ${word}` : word;
      if (ctx.measureText(candidate).width <= width) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = '';
      for (const ch of word) {
        if (current && ctx.measureText(current + ch).width > width) {
          lines.push(current);
          current = '';
        }
        current += ch;
      }
    }
    lines.push(current);
  }
  return lines;
}

function draw(canvas: Canvas, lines: readonly DrawnLine[], width: number, font: { css: string; px: number }): RasterImage {
  const lineHeight = Math.round(font.px * LINE_HEIGHT);
  const height = Math.max(1, lines.length * lineHeight);
  const ctx = canvas.createCanvas(width, height).getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.font = font.css;
  ctx.textBaseline = 'middle';
  lines.forEach((pieces, i) => {
    for (const piece of pieces) {
      ctx.textAlign = piece.align;
      const x = piece.align === 'left' ? 0 : piece.align === 'center' ? width / 2 : width;
      ctx.fillText(piece.text, x, i * lineHeight + lineHeight / 2);
    }
  });
  return rasterFromRgba(ctx.getImageData(0, 0, width, height).data, width, height);
}

/**
 * A wrapped paragraph, `scale` times the height of font A. Enlarged text (the ticket number) is made
 * smaller rather than broken when it is wider than the paper: proportional glyphs are wider than the
 * printer's columns the scale was chosen for.
 */
export function rasterParagraph(
  canvas: Canvas,
  text: string,
  width: number,
  options: { align: Align; bold: boolean; scale: number },
): RasterImage {
  const ctx = context(canvas);
  let font = fontFor(options.scale, options.bold);
  ctx.font = font.css;
  const natural = ctx.measureText(text).width;
  if (options.scale > 1 && !text.includes('\n') && natural > width) {
    font = fontFor(Math.max(1, (options.scale * width) / natural), options.bold);
    ctx.font = font.css;
  }
  const lines = wrapMeasured(ctx, text, width).map((t): DrawnLine => [{ text: t, align: options.align }]);
  return draw(canvas, lines, width, font);
}

/** A label on the left and its value on the right; when both do not fit one line, the value goes under. */
export function rasterRow(canvas: Canvas, label: string, value: string, width: number): RasterImage {
  const ctx = context(canvas);
  const font = fontFor(1, false);
  ctx.font = font.css;
  const gap = ctx.measureText('  ').width;
  if (ctx.measureText(label).width + gap + ctx.measureText(value).width <= width) {
    const line: DrawnLine = [
      { text: label, align: 'left' },
      { text: value, align: 'right' },
    ];
    return draw(canvas, [line], width, font);
  }
  const lines = [
    ...wrapMeasured(ctx, label, width).map((t): DrawnLine => [{ text: t, align: 'left' }]),
    ...wrapMeasured(ctx, value, width).map((t): DrawnLine => [{ text: t, align: 'right' }]),
  ];
  return draw(canvas, lines, width, font);
}
