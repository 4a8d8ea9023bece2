import type { TicketPrint } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { renderPreview } from './preview.js';
import { PROFILES } from './profiles.js';
import { ticketBytes } from './ticket.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which must come first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const ticket: TicketPrint = {
  language: 'uk',
  centre: 'ЦНАП «Прозорий офіс» Демо',
  service: 'Реєстрація місця проживання',
  number: 'Р-017',
  issuedAt: '12.05.2025, 10:31',
  lines: [{ label: 'Перед вами', value: '2' }],
  trackingUrl: 'https://vikno.example/t/demo/17',
  trackingCaption: 'Стежте за чергою на телефоні',
};

describe('renderPreview', () => {
  it('is a PNG as wide as the paper at the model’s dpi, and longer for a longer ticket', async () => {
    const t20 = PROFILES['epson-tm-t20'];
    const short = pngSize(await renderPreview(await ticketBytes(ticket, t20), t20));
    expect(short.width).toBe(639); // 80 mm at 203 dpi
    const lines = Array.from({ length: 8 }, (_, i) => ({ label: `Рядок ${i + 1}`, value: `${i}` }));
    const long = pngSize(await renderPreview(await ticketBytes({ ...ticket, lines, footer: 'Дякуємо!' }, t20), t20));
    expect(long.width).toBe(639);
    expect(long.height).toBeGreaterThan(short.height);
  });

  it('draws a raster-only ticket on 58 mm paper', async () => {
    const pos58 = PROFILES['pos-58'];
    const size = pngSize(await renderPreview(await ticketBytes(ticket, pos58), pos58));
    expect(size.width).toBe(464); // 58 mm at 203 dpi
    expect(size.height).toBeGreaterThan(500);
  });
});
