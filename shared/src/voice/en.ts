// English: "Ticket R twelve, window five." British numbers: "one hundred and twenty-three".
import { type Grammar, letterWord, thousands, type Word, word } from './grammar.js';

const units = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/**
 * Letter names spelled so that the synthesizer says them as names (it reads a lone "A" as the
 * article); Cyrillic letters by their Ukrainian names, as a visitor hears them from the staff.
 */
const letters: Record<string, string> = {
  A: 'eigh',
  B: 'bee',
  C: 'see',
  D: 'dee',
  E: 'ee',
  F: 'ef',
  G: 'gee',
  H: 'aitch',
  I: 'eye',
  J: 'jay',
  K: 'kay',
  L: 'el',
  M: 'em',
  N: 'en',
  O: 'oh',
  P: 'pee',
  Q: 'cue',
  R: 'ar',
  S: 'ess',
  T: 'tee',
  U: 'you',
  V: 'vee',
  W: 'double-you',
  X: 'ex',
  Y: 'why',
  Z: 'zed',
  А: 'ah',
  Б: 'beh',
  В: 'veh',
  Г: 'heh',
  Ґ: 'gheh',
  Д: 'deh',
  Е: 'eh',
  Є: 'yeh',
  Ж: 'zheh',
  З: 'zeh',
  И: 'yih',
  І: 'ee',
  Ї: 'yee',
  Й: 'yot',
  К: 'kah',
  Л: 'el',
  М: 'em',
  Н: 'en',
  О: 'oh',
  П: 'peh',
  Р: 'er',
  С: 'ess',
  Т: 'teh',
  У: 'oo',
  Ф: 'ef',
  Х: 'khah',
  Ц: 'tseh',
  Ч: 'cheh',
  Ш: 'shah',
  Щ: 'ishcha',
  Ь: 'soft sign',
  Ю: 'yoo',
  Я: 'yah',
};

function number(n: number): Word[] {
  if (n === 0) return [word('zero')];
  const [high, low] = thousands(n);
  const out: Word[] = [];
  if (high > 0) out.push(...below1000(high), word('thousand'));
  if (low > 0) {
    if (high > 0 && low < 100) out.push(word('and'));
    out.push(...below1000(low));
  }
  return out;
}

function below1000(n: number): Word[] {
  const out: Word[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) out.push(word(units[hundreds] ?? ''), word('hundred'));
  if (hundreds > 0 && rest > 0) out.push(word('and'));
  if (rest >= 20) {
    const ten = tens[Math.floor(rest / 10)] ?? '';
    const unit = units[rest % 10] ?? '';
    out.push(rest % 10 === 0 ? word(ten) : { say: `${ten}-${unit}`, clips: [ten, unit] });
  } else if (rest > 0) out.push(word(units[rest] ?? ''));
  return out;
}

export const english: Grammar = {
  number,
  letters: (prefix) => prefix.map((l) => letterWord(l, letters)),
  call(ticket, window) {
    const digits = ticket.number === null ? [] : number(ticket.number);
    return [
      [word('ticket'), ...this.letters(ticket.letters), ...digits],
      [word('window'), ...number(window)],
    ];
  },
};
