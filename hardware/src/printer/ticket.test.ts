import { createCanvas } from '@napi-rs/canvas';
import type { TicketPrint } from '@vikno/shared';
import { describe, expect, it } from 'vitest';
import { qrModuleDots } from './blocks.js';
import { decodeEscPos, EscPosDecodeError, type PrintedItem } from './decoder.js';
import { PROFILES } from './profiles.js';
import { imageToRaster, qrRaster } from './raster.js';
import { numberScale, ticketBytes } from './ticket.js';

const t20 = PROFILES['epson-tm-t20'];
const pos58 = PROFILES['pos-58'];

const ukrainian: TicketPrint = {
  language: 'uk',
  centre: 'ЦНАП «Прозорий офіс» Демо',
  service: 'Витяг про ґрунтову ділянку з Державного земельного кадастру',
  number: 'З-042',
  issuedAt: '12.05.2025, 10:31',
  lines: [
    { label: 'Перед вами', value: '3' },
    { label: 'Очікуваний час', value: 'близько 15 хв' },
  ],
  trackingUrl: 'https://vikno.example/t/demo/3f9a',
  trackingCaption: 'Стежте за своєю чергою на телефоні',
  footer: 'Дякуємо! Зберігайте талон до кінця обслуговування.',
};

type Text = PrintedItem & { kind: 'text' };
const texts = (items: PrintedItem[]) => items.filter((i): i is Text => i.kind === 'text');
const images = (items: PrintedItem[]) => items.filter((i) => i.kind === 'image');
const hasSequence = (bytes: Uint8Array, seq: number[]) => Buffer.from(bytes).includes(Buffer.from(seq));

describe('ticketBytes on an Epson TM-T20', () => {
  it('prints a Ukrainian ticket in WPC1251 (ESC t 46) and decodes back to the same words', async () => {
    const ticket = ukrainian;
    const bytes = await ticketBytes(ticket, t20);
    expect(hasSequence(bytes, [0x1b, 0x74, 46])).toBe(true);
    const items = decodeEscPos(bytes, t20);
    const lines = texts(items);
    expect(lines.every((l) => l.codePage === 'WPC1251')).toBe(true);
    expect(lines.some((l) => l.text.includes('?'))).toBe(false);

    const serviceLines = lines.filter((l) => !l.bold && l.align === 'center').slice(0, 2);
    expect(serviceLines.map((l) => l.text).join(' ')).toBe(ticket.service);
    expect(lines[0]).toMatchObject({ text: ticket.centre, bold: true, align: 'center' });
    expect(lines.find((l) => l.text === 'З-042')).toMatchObject({ width: 4, height: 4, bold: true, align: 'center' });
    const ahead = lines.find((l) => l.text.startsWith('Перед вами'))!;
    expect(ahead.text).toBe(`Перед вами${' '.repeat(48 - 'Перед вами'.length - 1)}3`);
    expect(lines.some((l) => l.text === 'Стежте за своєю чергою на телефоні')).toBe(true);

    const qr = items.filter((i) => i.kind === 'qr');
    expect(qr).toEqual([
      { kind: 'qr', data: ticket.trackingUrl, moduleDots: qrModuleDots(ticket.trackingUrl!, 576), errorLevel: 'M', align: 'center' },
    ]);
    expect(items.at(-1)).toEqual({ kind: 'cut', partial: true });
    expect(images(items)).toEqual([]);
  });

  it('a character outside every page (≈) sends the Ukrainian ticket to raster rather than print "?"', async () => {
    const ticket = { ...ukrainian, lines: [{ label: 'Очікуваний час', value: '≈ 15 хв' }] };
    const items = decodeEscPos(await ticketBytes(ticket, t20), t20);
    expect(texts(items)).toEqual([]);
    expect(images(items).length).toBeGreaterThan(5);
  });

  it('round-trips Hungarian ő/ű through WPC1250 (ESC t 45), or PC852 (ESC t 18) when that has every character', async () => {
    const hungarian: TicketPrint = {
      language: 'hu',
      centre: 'Kormányablak – Győr',
      service: 'Lakcímkártya és személyazonosító igazolvány ügyintézés, űrlapok',
      number: 'B-007',
      issuedAt: '2025. 05. 12. 10:31',
      lines: [{ label: 'Ön előtt', value: '2 ügyfél' }],
      trackingUrl: null,
      footer: 'Köszönjük türelmét, a sorszámot őrizze meg!',
    };
    // The en dash is in WPC1250 but not in PC852, which comes first in the Epson profile.
    const bytes = await ticketBytes(hungarian, t20);
    expect(hasSequence(bytes, [0x1b, 0x74, 45])).toBe(true);
    const lines = texts(decodeEscPos(bytes, t20));
    expect(lines.every((l) => l.codePage === 'WPC1250')).toBe(true);
    const all = lines.map((l) => l.text).join('\n');
    for (const s of [hungarian.centre, 'Ön előtt', 'a sorszámot őrizze meg!', 'űrlapok']) expect(all).toContain(s);

    const plain = await ticketBytes({ ...hungarian, centre: 'Kormányablak, Győr' }, t20);
    expect(hasSequence(plain, [0x1b, 0x74, 18])).toBe(true);
    const plainLines = texts(decodeEscPos(plain, t20));
    expect(plainLines.every((l) => l.codePage === 'PC852')).toBe(true);
    expect(plainLines[0]?.text).toBe('Kormányablak, Győr');
  });

  it('an English ticket stays on PC437, even with the narrow no-break space Intl puts before "PM"', async () => {
    const bytes = await ticketBytes(
      {
        language: 'en',
        centre: 'Demo Centre',
        service: 'Passports',
        number: 'P-1',
        issuedAt: '5/12/2025, 1:31\u202fPM',
        lines: [],
        trackingUrl: null,
      },
      t20,
    );
    expect(hasSequence(bytes, [0x1b, 0x74, 0])).toBe(true);
    expect(texts(decodeEscPos(bytes, t20)).map((l) => l.text)).toContain('5/12/2025, 1:31 PM');
  });

  it('control characters in a string cannot inject commands', async () => {
    const bytes = await ticketBytes({ ...ukrainian, centre: 'Demo\x1b@\x1dV\x00 centre', lines: [], trackingCaption: '', footer: '' }, t20);
    const items = decodeEscPos(bytes, t20);
    expect(texts(items)[0]?.text).toBe('Demo @ V centre');
    expect(items.filter((i) => i.kind === 'cut')).toHaveLength(1);
  });

  it('puts a logo first, centred', async () => {
    const canvas = createCanvas(200, 60);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, 100, 60);
    const logo = await imageToRaster(canvas.toBuffer('image/png'), t20.widthDots);
    expect(logo).toMatchObject({ width: 200, height: 60 });
    // Left half black, right half white: the first row is 12.5 bytes of 0xff then zeros.
    expect([...logo.data.subarray(0, 14)]).toEqual([...Array(12).fill(0xff), 0xf0, 0]);
    const items = decodeEscPos(await ticketBytes({ ...ukrainian, trackingUrl: null }, t20, { logo }), t20);
    expect(items[0]).toMatchObject({ kind: 'image', width: 200, height: 60, align: 'center', data: logo.data });
  });
});

describe('ticketBytes on a generic POS-58 (only PC437 and PC866)', () => {
  it('falls back to raster for Ukrainian: no text and no "?", images within 384 dots, QR as an image', async () => {
    const bytes = await ticketBytes(ukrainian, pos58);
    const items = decodeEscPos(bytes, pos58);
    expect(texts(items)).toEqual([]);
    expect(items.some((i) => i.kind === 'qr')).toBe(false);
    const pictures = images(items);
    // centre, service, number, date, 2 rows, QR, caption, footer
    expect(pictures).toHaveLength(9);
    for (const p of pictures) {
      expect(p.width).toBeLessThanOrEqual(384);
      expect(p.data.some((b) => b !== 0)).toBe(true);
    }
    const qr = qrRaster(ukrainian.trackingUrl!, qrModuleDots(ukrainian.trackingUrl!, 384));
    expect(pictures.some((p) => Buffer.from(p.data).equals(Buffer.from(qr.data)))).toBe(true);
    const [, , number, date] = pictures;
    expect(number!.height).toBeGreaterThan(3 * date!.height);
  });

  it('keeps a long number on one line in raster, smaller instead of broken', async () => {
    const pictures = images(decodeEscPos(await ticketBytes({ ...ukrainian, number: 'ҐЇ-12345' }, pos58), pos58));
    const [, , number, date] = pictures;
    // Scale 4 (32 columns / 8 characters) is one line of 4 × 24 px at 1.25 line height, or less.
    expect(number!.height).toBeLessThanOrEqual(120);
    expect(number!.height).toBeGreaterThan(date!.height);
  });

  it('prints Russian as text in its PC866, ESC t 17', async () => {
    const russian: TicketPrint = {
      language: 'ru',
      centre: 'Центр услуг',
      service: 'Паспорт',
      number: 'П-5',
      issuedAt: '12.05.2025',
      lines: [],
      trackingUrl: null,
    };
    const bytes = await ticketBytes(russian, pos58);
    expect(hasSequence(bytes, [0x1b, 0x74, 17])).toBe(true);
    expect(texts(decodeEscPos(bytes, pos58)).map((l) => l.text)).toEqual(['Центр услуг', 'Паспорт', 'П-5', '12.05.2025']);
  });
});

describe('numberScale', () => {
  it('is 4 when the number fits four times wider, smaller for long numbers', () => {
    expect(numberScale('A-042', 48)).toBe(4);
    expect(numberScale('A-042', 32)).toBe(4);
    expect(numberScale('LONGNUMBER123456', 32)).toBe(2);
    expect(numberScale('LONGNUMBER123456', 12)).toBe(1);
  });
});

describe('decodeEscPos', () => {
  it('rejects commands it does not know, and a command cut short', () => {
    expect(() => decodeEscPos(Uint8Array.of(0x1b, 0x99, 0), t20)).toThrow(EscPosDecodeError);
    expect(() => decodeEscPos(Uint8Array.of(0x1d, 0x76, 0x30, 0, 1, 0, 2, 0, 0xff), t20)).toThrow(/incomplete/);
    expect(() => decodeEscPos(Uint8Array.of(0x1b, 0x74, 46), pos58)).toThrow(/no code page ESC t 46/);
  });
});
