// One-bit images as GS v 0 sends them: a logo, a QR code on a printer without native QR, and text
// in a script the printer has no code page for.
import QRCode from 'qrcode';
import { loadCanvas } from './canvas.js';

/** 1 bit per dot, rows of ceil(width / 8) bytes, most significant bit leftmost, 1 = black. */
export interface RasterImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export function rasterBytesPerRow(width: number): number {
  return Math.ceil(width / 8);
}

export function rasterDot(image: RasterImage, x: number, y: number): boolean {
  const b = image.data[y * rasterBytesPerRow(image.width) + (x >> 3)] ?? 0;
  return (b & (0x80 >> (x & 7))) !== 0;
}

/** Thresholds RGBA pixels (as canvas getImageData gives them): dark and opaque enough → black. */
export function rasterFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): RasterImage {
  const bytesPerRow = rasterBytesPerRow(width);
  const data = new Uint8Array(bytesPerRow * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const alpha = (rgba[i + 3] ?? 0) / 255;
      const luma = 0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0);
      // Composite over white paper, then threshold at mid-grey.
      if (255 - alpha * (255 - luma) < 128) data[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height, data };
}

/** The QR symbol's module matrix (error level M), shared by the native command and the raster fallback. */
export function qrModules(text: string): { size: number; dark(row: number, col: number): boolean } {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  return { size: modules.size, dark: (row, col) => Boolean(modules.get(row, col)) };
}

/** A QR code drawn as a raster image, `moduleDots` per module, without a quiet zone (the feed around it is white). */
export function qrRaster(text: string, moduleDots: number): RasterImage {
  const { size, dark } = qrModules(text);
  const width = size * moduleDots;
  const bytesPerRow = rasterBytesPerRow(width);
  const data = new Uint8Array(bytesPerRow * width);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      if (dark(Math.floor(y / moduleDots), Math.floor(x / moduleDots))) data[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height: width, data };
}

/** Turns an image file (PNG, JPEG …) into a raster no wider than `maxWidth` dots, e.g. a centre's logo. */
export async function imageToRaster(source: Buffer | Uint8Array, maxWidth: number): Promise<RasterImage> {
  const { createCanvas, loadImage } = await loadCanvas();
  const image = await loadImage(Buffer.from(source));
  const scale = Math.min(1, maxWidth / image.width);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0, width, height);
  return rasterFromRgba(ctx.getImageData(0, 0, width, height).data, width, height);
}
