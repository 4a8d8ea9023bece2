// What differs between printer models: how wide they print, and which code pages they have under
// which ESC t number (the numbers are the vendor's, not a standard). See hardware/README.md.
import type { CodePage } from './codepages.js';

export interface PrinterProfile {
  id: string;
  name: string;
  /** Paper roll width; the preview draws this much paper around the printable area. */
  paperMm: number;
  dpi: number;
  /** Printable width in dots; raster images are at most this wide. */
  widthDots: number;
  /** Characters per line in font A at normal size. */
  columns: number;
  /** In order of preference: a ticket uses the first page that encodes all its text. */
  codePages: readonly CodePage[];
  /** Has GS ( k QR codes; otherwise the QR code is sent as a raster image. */
  nativeQr: boolean;
}

/** Font A is 12 × 24 dots on every model here; a text line takes its height plus this spacing. */
export const FONT_A = { width: 12, height: 24, lineSpacing: 6 } as const;

const EPSON_PAGES: readonly CodePage[] = [
  { name: 'PC437', escT: 0 },
  { name: 'WPC1252', escT: 16 },
  { name: 'PC866', escT: 17 },
  { name: 'WPC1251', escT: 46 },
  { name: 'PC852', escT: 18 },
  { name: 'WPC1250', escT: 45 },
];

export const PROFILES = {
  'epson-tm-t20': {
    id: 'epson-tm-t20',
    name: 'Epson TM-T20 (80 mm, 203 dpi)',
    paperMm: 80,
    dpi: 203,
    widthDots: 576,
    columns: 48,
    codePages: EPSON_PAGES,
    nativeQr: true,
  },
  'epson-tm-t88': {
    id: 'epson-tm-t88',
    name: 'Epson TM-T88V/VI (80 mm, 180 dpi)',
    paperMm: 80,
    dpi: 180,
    widthDots: 512,
    columns: 42,
    codePages: EPSON_PAGES,
    nativeQr: true,
  },
  'pos-58': {
    id: 'pos-58',
    name: 'Generic 58 mm "POS-58" (Chinese clones)',
    paperMm: 58,
    dpi: 203,
    widthDots: 384,
    columns: 32,
    codePages: [
      { name: 'PC437', escT: 0 },
      { name: 'PC866', escT: 17 },
    ],
    nativeQr: false,
  },
} as const satisfies Record<string, PrinterProfile>;

export type ProfileId = keyof typeof PROFILES;
export const PROFILE_IDS = Object.keys(PROFILES) as [ProfileId, ...ProfileId[]];

export function printerProfile(id: ProfileId): PrinterProfile {
  return PROFILES[id];
}
