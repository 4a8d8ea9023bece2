// Hungarian: "er tizenkettes sorszám, ötös ablak" ("the number-12 ticket R, window number 5"). A
// number is one written word (százhuszonhárom), so its clips are its parts: száz|huszon|három; and
// the -s form that makes it an adjective ("tizenkettes") changes only its last part.
import { type Grammar, letterWord, thousands, type Word, word } from './grammar.js';

const units = ['nulla', 'egy', 'kettő', 'három', 'négy', 'öt', 'hat', 'hét', 'nyolc', 'kilenc'];
/** Index 3 to 9; ten and twenty have their own forms before a unit (tizen-, huszon-). */
const tens = ['', '', '', 'harminc', 'negyven', 'ötven', 'hatvan', 'hetven', 'nyolcvan', 'kilencven'];

/** The -s form of each possible last part: "ötös ablak", "százas", "ezres". */
const adjective: Record<string, string> = {
  nulla: 'nullás',
  egy: 'egyes',
  kettő: 'kettes',
  három: 'hármas',
  négy: 'négyes',
  öt: 'ötös',
  hat: 'hatos',
  hét: 'hetes',
  nyolc: 'nyolcas',
  kilenc: 'kilences',
  tíz: 'tízes',
  húsz: 'húszas',
  harminc: 'harmincas',
  negyven: 'negyvenes',
  ötven: 'ötvenes',
  hatvan: 'hatvanas',
  hetven: 'hetvenes',
  nyolcvan: 'nyolcvanas',
  kilencven: 'kilencvenes',
  száz: 'százas',
  ezer: 'ezres',
};

/**
 * Hungarian letter names (the alphabet of A magyar helyesírás szabályai, 12th ed., § 2), the
 * two- and three-letter letters included; Cyrillic letters by their Ukrainian names in Hungarian
 * spelling.
 */
const letters: Record<string, string> = {
  A: 'a',
  Á: 'á',
  CS: 'csé',
  DZ: 'dzé',
  DZS: 'dzsé',
  É: 'é',
  GY: 'gyé',
  Í: 'í',
  LY: 'ellipszilon',
  NY: 'eny',
  Ó: 'ó',
  Ö: 'ö',
  Ő: 'ő',
  SZ: 'esz',
  TY: 'tyé',
  Ú: 'ú',
  Ü: 'ü',
  Ű: 'ű',
  ZS: 'zsé',
  B: 'bé',
  C: 'cé',
  D: 'dé',
  E: 'e',
  F: 'ef',
  G: 'gé',
  H: 'há',
  I: 'i',
  J: 'jé',
  K: 'ká',
  L: 'el',
  M: 'em',
  N: 'en',
  O: 'o',
  P: 'pé',
  Q: 'kú',
  R: 'er',
  S: 'es',
  T: 'té',
  U: 'u',
  V: 'vé',
  W: 'dupla vé',
  X: 'iksz',
  Y: 'ipszilon',
  Z: 'zé',
  А: 'a',
  Б: 'bé',
  В: 'vé',
  Г: 'hé',
  Ґ: 'gé',
  Д: 'dé',
  Е: 'e',
  Є: 'je',
  Ж: 'zsé',
  З: 'zé',
  И: 'i',
  І: 'i',
  Ї: 'ji',
  Й: 'jot',
  К: 'ká',
  Л: 'el',
  М: 'em',
  Н: 'en',
  О: 'o',
  П: 'pé',
  Р: 'er',
  С: 'esz',
  Т: 'té',
  У: 'u',
  Ф: 'ef',
  Х: 'há',
  Ц: 'cé',
  Ч: 'csé',
  Ш: 'sá',
  Щ: 'scsá',
  Ь: 'lágyjel',
  Ю: 'ju',
  Я: 'ja',
};

/** The letters of the alphabet a prefix spells, longest first: "SZ" is the one letter esz, "DZS" dzsé. */
const MULTIPLE = /^(DZS|CS|DZ|GY|LY|NY|SZ|TY|ZS)/;

function alphabetLetters(prefix: readonly string[]): string[] {
  const out: string[] = [];
  for (let rest = prefix.join(''); rest; ) {
    const letter = MULTIPLE.exec(rest)?.[1] ?? [...rest][0] ?? '';
    out.push(letter);
    rest = rest.slice(letter.length);
  }
  return out;
}

/** The parts of a number, and where the hyphen goes (above 2000: kétezer-egy). */
function parts(n: number): { parts: string[]; hyphenAt: number | null } {
  if (n === 0) return { parts: ['nulla'], hyphenAt: null };
  const [high, low] = thousands(n);
  const out: string[] = [];
  if (high > 0) out.push(...times(high === 1 ? [] : below1000(high), 'ezer'));
  const hyphenAt = n > 2000 && high > 0 && low > 0 ? out.length : null;
  out.push(...below1000(low));
  return { parts: out, hyphenAt };
}

function below1000(n: number): string[] {
  const hundreds = Math.floor(n / 100);
  const ten = Math.floor((n % 100) / 10);
  const unit = n % 10;
  const out = hundreds > 0 ? times(hundreds === 1 ? [] : [units[hundreds] ?? ''], 'száz') : [];
  const unitPart = unit > 0 ? [units[unit] ?? ''] : [];
  if (ten === 1) out.push(...(unit > 0 ? ['tizen', ...unitPart] : ['tíz']));
  else if (ten === 2) out.push(...(unit > 0 ? ['huszon', ...unitPart] : ['húsz']));
  else out.push(...(ten > 0 ? [tens[ten] ?? ''] : []), ...unitPart);
  return out;
}

/** "Two" before a multiplier is "két": kétszáz, huszonkétezer. */
function times(multiplied: string[], multiplier: string): string[] {
  const last = multiplied.length - 1;
  return [...multiplied.map((p, i) => (i === last && p === 'kettő' ? 'két' : p)), multiplier];
}

function numberWord(n: number, asAdjective: boolean): Word {
  const { parts: clips, hyphenAt } = parts(n);
  const last = clips.length - 1;
  if (asAdjective) clips[last] = adjective[clips[last] ?? ''] ?? clips[last] ?? '';
  const say = clips.map((p, i) => (i === hyphenAt ? `-${p}` : p)).join('');
  return { say, clips };
}

export const hungarian: Grammar = {
  number: (n) => [numberWord(n, false)],
  letters: (prefix) => alphabetLetters(prefix).map((l) => letterWord(l, letters)),
  call(ticket, window) {
    const number = ticket.number === null ? [] : [numberWord(ticket.number, true)];
    return [
      [...this.letters(ticket.letters), ...number, word('sorszám')],
      [numberWord(window, true), word('ablak')],
    ];
  },
};
