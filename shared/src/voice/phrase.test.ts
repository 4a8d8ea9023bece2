import { describe, expect, it } from 'vitest';
import { callPhrase, callVocabulary, isSpoken, numberWords, phraseClips, phraseText, type SpokenLanguage, ticketParts } from './phrase.js';

const say = (lang: SpokenLanguage, n: number) =>
  numberWords(lang, n)
    .map((w) => w.say)
    .join(' ');
const clipsOf = (lang: SpokenLanguage, n: number) => numberWords(lang, n).flatMap((w) => w.clips);
const upTo999 = Array.from({ length: 1000 }, (_, n) => n);
const languages: SpokenLanguage[] = ['uk', 'en', 'ru', 'hu'];

describe('ticket numbers', () => {
  it('reads the prefix letters and the number without its leading zeros', () => {
    expect(ticketParts('A-012')).toEqual({ letters: ['A'], number: 12 });
    expect(ticketParts('RD-100')).toEqual({ letters: ['R', 'D'], number: 100 });
    expect(ticketParts('П-000')).toEqual({ letters: ['П'], number: 0 });
    expect(ticketParts('IE-1234')).toEqual({ letters: ['I', 'E'], number: 1234 });
    expect(ticketParts('Q')).toEqual({ letters: ['Q'], number: null });
  });

  it('refuses numbers no grammar reads', () => {
    expect(() => numberWords('uk', 1_000_000)).toThrow(RangeError);
    expect(() => numberWords('en', -1)).toThrow(RangeError);
    expect(() => callPhrase('uk', 'A-1000000', 1)).toThrow(RangeError);
  });
});

describe.each(languages)('%s numbers 0–999', (lang) => {
  it('gives every number its own words', () => {
    const texts = upTo999.map((n) => say(lang, n));
    expect(new Set(texts).size).toBe(1000);
    for (const text of texts) expect(text).toMatch(/^\S/);
  });

  it('needs a small vocabulary of clips, so that a voice pack can record them all', () => {
    const vocabulary = new Set(upTo999.flatMap((n) => clipsOf(lang, n)));
    // 20 units, 8 tens, 9 hundreds at most, plus "hundred"/"and" or Hungarian's joining forms.
    expect(vocabulary.size).toBeLessThanOrEqual(40);
  });
});

describe('Ukrainian', () => {
  it('reads numbers in the nominative case', () => {
    expect(say('uk', 0)).toBe('нуль');
    expect(say('uk', 1)).toBe('один');
    expect(say('uk', 5)).toBe("п'ять");
    expect(say('uk', 11)).toBe('одинадцять');
    expect(say('uk', 12)).toBe('дванадцять');
    expect(say('uk', 19)).toBe("дев'ятнадцять");
    expect(say('uk', 20)).toBe('двадцять');
    expect(say('uk', 21)).toBe('двадцять один');
    expect(say('uk', 40)).toBe('сорок');
    expect(say('uk', 99)).toBe("дев'яносто дев'ять");
    expect(say('uk', 100)).toBe('сто');
    expect(say('uk', 101)).toBe('сто один');
    expect(say('uk', 123)).toBe('сто двадцять три');
    expect(say('uk', 200)).toBe('двісті');
    expect(say('uk', 345)).toBe("триста сорок п'ять");
    expect(say('uk', 590)).toBe("п'ятсот дев'яносто");
    expect(say('uk', 999)).toBe("дев'ятсот дев'яносто дев'ять");
  });

  it('agrees "тисяча" with its number', () => {
    expect(say('uk', 1000)).toBe('тисяча');
    expect(say('uk', 1001)).toBe('тисяча один');
    expect(say('uk', 2000)).toBe('дві тисячі');
    expect(say('uk', 4012)).toBe('чотири тисячі дванадцять');
    expect(say('uk', 5000)).toBe("п'ять тисяч");
    expect(say('uk', 11000)).toBe('одинадцять тисяч');
    expect(say('uk', 21000)).toBe('двадцять одна тисяча');
    expect(say('uk', 22000)).toBe('двадцять дві тисячі');
  });

  it('names the prefix letters, Cyrillic and Latin', () => {
    expect(phraseText(callPhrase('uk', 'А-012', 5))).toBe("талон а дванадцять, вікно номер п'ять.");
    expect(phraseText(callPhrase('uk', 'П-123', 1))).toBe('талон пе сто двадцять три, вікно номер один.');
    expect(phraseText(callPhrase('uk', 'RD-007', 12))).toBe('талон ер де сім, вікно номер дванадцять.');
    expect(phraseText(callPhrase('uk', 'Й-010', 3))).toBe('талон йот десять, вікно номер три.');
  });

  it('names the clips of a voice pack by their words, and letters by the letter as printed', () => {
    expect(phraseClips(callPhrase('uk', 'А-123', 5))).toEqual([
      ['талон', 'letter-А', 'сто', 'двадцять', 'три'],
      ['вікно', 'номер', "п'ять"],
    ]);
  });
});

describe('English', () => {
  it('reads British numbers', () => {
    expect(say('en', 0)).toBe('zero');
    expect(say('en', 13)).toBe('thirteen');
    expect(say('en', 20)).toBe('twenty');
    expect(say('en', 42)).toBe('forty-two');
    expect(say('en', 100)).toBe('one hundred');
    expect(say('en', 105)).toBe('one hundred and five');
    expect(say('en', 123)).toBe('one hundred and twenty-three');
    expect(say('en', 999)).toBe('nine hundred and ninety-nine');
    expect(say('en', 1005)).toBe('one thousand and five');
    expect(say('en', 2345)).toBe('two thousand three hundred and forty-five');
  });

  it('records "twenty-three" as two clips', () => {
    expect(clipsOf('en', 23)).toEqual(['twenty', 'three']);
  });

  it('says letter names, not the article', () => {
    expect(phraseText(callPhrase('en', 'A-012', 5))).toBe('ticket eigh twelve, window five.');
    expect(phraseText(callPhrase('en', 'RD-100', 10))).toBe('ticket ar dee one hundred, window ten.');
    expect(phraseClips(callPhrase('en', 'A-012', 5))).toEqual([
      ['ticket', 'letter-A', 'twelve'],
      ['window', 'five'],
    ]);
  });
});

describe('Russian', () => {
  it('reads numbers and agrees "тысяча"', () => {
    expect(say('ru', 0)).toBe('ноль');
    expect(say('ru', 12)).toBe('двенадцать');
    expect(say('ru', 123)).toBe('сто двадцать три');
    expect(say('ru', 200)).toBe('двести');
    expect(say('ru', 999)).toBe('девятьсот девяносто девять');
    expect(say('ru', 1000)).toBe('тысяча');
    expect(say('ru', 2000)).toBe('две тысячи');
    expect(say('ru', 21000)).toBe('двадцать одна тысяча');
  });

  it('announces a call', () => {
    expect(phraseText(callPhrase('ru', 'А-012', 5))).toBe('талон а двенадцать, окно номер пять.');
    expect(phraseText(callPhrase('ru', 'R-001', 2))).toBe('талон эр один, окно номер два.');
  });
});

describe('Hungarian', () => {
  it('writes a number as one word', () => {
    expect(say('hu', 0)).toBe('nulla');
    expect(say('hu', 2)).toBe('kettő');
    expect(say('hu', 10)).toBe('tíz');
    expect(say('hu', 12)).toBe('tizenkettő');
    expect(say('hu', 20)).toBe('húsz');
    expect(say('hu', 22)).toBe('huszonkettő');
    expect(say('hu', 31)).toBe('harmincegy');
    expect(say('hu', 100)).toBe('száz');
    expect(say('hu', 123)).toBe('százhuszonhárom');
    expect(say('hu', 200)).toBe('kétszáz');
    expect(say('hu', 999)).toBe('kilencszázkilencvenkilenc');
    expect(say('hu', 1000)).toBe('ezer');
    expect(say('hu', 1999)).toBe('ezerkilencszázkilencvenkilenc');
    expect(say('hu', 2000)).toBe('kétezer');
    expect(say('hu', 2001)).toBe('kétezer-egy');
    expect(say('hu', 22000)).toBe('huszonkétezer');
  });

  it('records a number as its parts', () => {
    expect(clipsOf('hu', 123)).toEqual(['száz', 'huszon', 'három']);
    expect(clipsOf('hu', 2001)).toEqual(['két', 'ezer', 'egy']);
  });

  it('says the two- and three-letter letters of the alphabet as one letter each', () => {
    expect(phraseText(callPhrase('hu', 'SZ-012', 5))).toBe('esz tizenkettes sorszám, ötös ablak.');
    expect(phraseText(callPhrase('hu', 'CSA-001', 1))).toBe('csé a egyes sorszám, egyes ablak.');
    expect(phraseText(callPhrase('hu', 'DZS-002', 1))).toBe('dzsé kettes sorszám, egyes ablak.');
    expect(phraseText(callPhrase('hu', 'GY-003', 1))).toBe('gyé hármas sorszám, egyes ablak.');
    expect(phraseText(callPhrase('hu', 'NYZ-004', 1))).toBe('eny zé négyes sorszám, egyes ablak.');
    expect(phraseText(callPhrase('hu', 'ZS-005', 1))).toBe('zsé ötös sorszám, egyes ablak.');
    expect(phraseText(callPhrase('hu', 'LY-006', 1))).toBe('ellipszilon hatos sorszám, egyes ablak.');
    expect(phraseText(callPhrase('hu', 'TY-007', 1))).toBe('tyé hetes sorszám, egyes ablak.');
    expect(phraseText(callPhrase('hu', 'DZ-008', 1))).toBe('dzé nyolcas sorszám, egyes ablak.');
    expect(phraseText(callPhrase('hu', 'SC-009', 1))).toBe('es cé kilences sorszám, egyes ablak.');
    expect(phraseClips(callPhrase('hu', 'SZ-001', 2))[0]).toEqual(['letter-SZ', 'egyes', 'sorszám']);
    // The same prefix in another language is two letters.
    expect(phraseText(callPhrase('uk', 'SZ-012', 5))).toBe("талон ес зет дванадцять, вікно номер п'ять.");
  });

  it('makes the ticket and window numbers adjectives', () => {
    expect(phraseText(callPhrase('hu', 'A-012', 5))).toBe('a tizenkettes sorszám, ötös ablak.');
    expect(phraseText(callPhrase('hu', 'SB-100', 3))).toBe('es bé százas sorszám, hármas ablak.');
    expect(phraseText(callPhrase('hu', 'Ж-020', 10))).toBe('zsé húszas sorszám, tízes ablak.');
    expect(phraseClips(callPhrase('hu', 'A-123', 2))).toEqual([
      ['letter-A', 'száz', 'huszon', 'hármas', 'sorszám'],
      ['kettes', 'ablak'],
    ]);
  });
});

describe('a centre’s vocabulary', () => {
  it('lists every clip the calls of its prefixes and windows need, and only those', () => {
    const uk = callVocabulary('uk', ['A', 'П'], [1, 12]);
    for (const clip of ['талон', 'вікно', 'номер', 'letter-A', 'letter-П', 'сорок', "дев'яносто", "дев'ятсот", 'дванадцять'])
      expect(uk).toContain(clip);
    expect(uk).not.toContain('нуль');
    expect(uk).not.toContain('тисяча');
    expect(uk).not.toContain('letter-B');
    // 3 fixed words, 2 letters, 19 units, 8 tens, 9 hundreds.
    expect(uk.size).toBe(41);
    const hu = callVocabulary('hu', ['SZ'], [3]);
    expect(hu).toContain('letter-SZ');
    expect(hu).toContain('hármas');
    expect(hu).not.toContain('letter-S');
    expect(callVocabulary('en', [], [1]).size).toBe(0);
  });

  it('speaks only the languages it has grammars for', () => {
    expect(['uk', 'en', 'ru', 'hu', 'de', 'toString'].filter(isSpoken)).toEqual(['uk', 'en', 'ru', 'hu']);
  });
});
