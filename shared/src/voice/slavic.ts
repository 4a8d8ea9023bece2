// Ukrainian and Russian cardinals share one structure: hundreds, tens and units as separate words,
// and "thousand" takes the feminine one/two and three forms (тисяча, тисячі, тисяч).
import { thousands, type Word, word } from './grammar.js';

export interface SlavicNumerals {
  /** 0 to 19. */
  units: readonly string[];
  /** Index 2 to 9: twenty to ninety. */
  tens: readonly string[];
  /** Index 1 to 9: one hundred to nine hundred. */
  hundreds: readonly string[];
  /** One and two before the feminine "thousand". */
  feminine: readonly [string, string];
  /** "Thousand" after 1 (21, 31…), after 2–4 (22–24…), and after the rest (5–20, 25…). */
  thousand: readonly [string, string, string];
}

export function slavicNumber(n: number, words: SlavicNumerals): Word[] {
  if (n === 0) return [word(at(words.units, 0))];
  const [high, low] = thousands(n);
  const out: string[] = [];
  if (high > 0) {
    // "тисяча", not "одна тисяча", when the thousands are exactly one.
    if (high > 1) out.push(...below1000(high, words, true));
    out.push(thousandForm(high, words));
  }
  if (low > 0) out.push(...below1000(low, words, false));
  return out.map(word);
}

function below1000(n: number, words: SlavicNumerals, feminine: boolean): string[] {
  const out: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) out.push(at(words.hundreds, hundreds));
  if (rest >= 20) {
    out.push(at(words.tens, Math.floor(rest / 10)));
    if (rest % 10 > 0) out.push(unit(rest % 10, words, feminine));
  } else if (rest > 0) out.push(unit(rest, words, feminine));
  return out;
}

function unit(n: number, words: SlavicNumerals, feminine: boolean): string {
  if (feminine && n === 1) return words.feminine[0];
  if (feminine && n === 2) return words.feminine[1];
  return at(words.units, n);
}

function thousandForm(n: number, words: SlavicNumerals): string {
  const lastTwo = n % 100;
  const last = n % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return words.thousand[2];
  if (last === 1) return words.thousand[0];
  if (last >= 2 && last <= 4) return words.thousand[1];
  return words.thousand[2];
}

function at(list: readonly string[], i: number): string {
  const value = list[i];
  if (value === undefined) throw new RangeError(`no numeral ${i}`);
  return value;
}
