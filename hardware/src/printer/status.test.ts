import { describe, expect, it } from 'vitest';
import { PROFILES } from './profiles.js';
import { parseStatus } from './status.js';
import { type PaperLevel, VirtualPrinterDevice } from './virtual-printer.js';

describe('parseStatus (DLE EOT 1, 2, 4 replies)', () => {
  it('reads an idle printer with paper: 0x12 everywhere (only the fixed bits 1 and 4)', () => {
    expect(parseStatus({ printer: 0x12, offlineCause: 0x12, paper: 0x12 })).toEqual({
      online: true,
      coverOpen: false,
      paperNearEnd: false,
      paperOut: false,
      problem: null,
    });
  });

  it('ignores the drawer-kick pin (bit 2 of DLE EOT 1)', () => {
    expect(parseStatus({ printer: 0x16, offlineCause: 0x12, paper: 0x12 }).online).toBe(true);
  });

  it('reads paper near its end (bits 2+3 of DLE EOT 4) as still online', () => {
    expect(parseStatus({ printer: 0x12, offlineCause: 0x12, paper: 0x1e })).toMatchObject({
      online: true,
      paperNearEnd: true,
      paperOut: false,
      problem: null,
    });
  });

  it('reads paper out (bits 5+6 of DLE EOT 4, bit 5 of DLE EOT 2) with the printer offline', () => {
    expect(parseStatus({ printer: 0x1a, offlineCause: 0x32, paper: 0x7e })).toEqual({
      online: false,
      coverOpen: false,
      paperNearEnd: true,
      paperOut: true,
      problem: null,
    });
    // Clones that set only one bit of a pair still count.
    expect(parseStatus({ printer: 0x1a, offlineCause: 0x12, paper: 0x32 }).paperOut).toBe(true);
  });

  it('reads the cover open (bit 2 of DLE EOT 2)', () => {
    expect(parseStatus({ printer: 0x1a, offlineCause: 0x16, paper: 0x12 })).toMatchObject({
      online: false,
      coverOpen: true,
      paperOut: false,
      problem: null,
    });
  });

  it('explains an error (bit 6 of DLE EOT 2) and an offline state with no known cause', () => {
    expect(parseStatus({ printer: 0x1a, offlineCause: 0x52, paper: 0x12 }).problem).toMatch(/reports an error/);
    expect(parseStatus({ printer: 0x1a, offlineCause: 0x12, paper: 0x12 }).problem).toMatch(/offline/);
  });

  it('rejects a byte without the fixed bits (stray data, not a status)', () => {
    expect(parseStatus({ printer: 0x41, offlineCause: 0x12, paper: 0x12 })).toMatchObject({
      online: false,
      problem: 'unexpected printer status byte 0x41',
    });
  });
});

describe('VirtualPrinterDevice status replies', () => {
  const cases: { paper: PaperLevel; coverOpen: boolean }[] = [];
  for (const paper of ['ok', 'near-end', 'out'] as const) for (const coverOpen of [false, true]) cases.push({ paper, coverOpen });

  it.each(cases)('paper $paper, cover open $coverOpen: the bytes it answers parse back to that state', ({ paper, coverOpen }) => {
    const device = new VirtualPrinterDevice(PROFILES['epson-tm-t20']);
    device.setPaper(paper);
    device.setCoverOpen(coverOpen);
    const parsed = parseStatus({ printer: device.statusReply(1), offlineCause: device.statusReply(2), paper: device.statusReply(4) });
    expect(parsed).toEqual({
      online: paper !== 'out' && !coverOpen,
      coverOpen,
      paperNearEnd: paper !== 'ok',
      paperOut: paper === 'out',
      problem: null,
    });
  });
});
