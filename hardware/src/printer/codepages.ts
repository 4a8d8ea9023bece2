// Character code tables the printers have, as iconv-lite encodings. A page fits a ticket when every
// string survives encode → decode unchanged: iconv-lite writes '?' for what a page lacks, and a
// ticket with "?" in place of "і" is worse than one printed as an image.
import iconv from 'iconv-lite';

export const CODE_PAGES = {
  PC437: 'cp437',
  PC866: 'cp866',
  PC852: 'cp852',
  WPC1250: 'windows-1250',
  WPC1251: 'windows-1251',
  WPC1252: 'windows-1252',
} as const;
export type CodePageName = keyof typeof CODE_PAGES;

/** A page as one printer model numbers it for ESC t. */
export interface CodePage {
  name: CodePageName;
  escT: number;
}

export function encodeText(text: string, page: CodePageName): Uint8Array {
  return iconv.encode(text, CODE_PAGES[page]);
}

export function decodeText(bytes: Uint8Array, page: CodePageName): string {
  return iconv.decode(Buffer.from(bytes), CODE_PAGES[page]);
}

export function canEncode(text: string, page: CodePageName): boolean {
  return decodeText(encodeText(text, page), page) === text;
}

/** The first of the model's pages that encodes every string, or null when none does. */
export function chooseCodePage(texts: readonly string[], pages: readonly CodePage[]): CodePage | null {
  const all = texts.join('\n');
  return pages.find((page) => canEncode(all, page.name)) ?? null;
}
