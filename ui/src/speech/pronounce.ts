// What eSpeak NG is given to read. Its dictionaries read numbers and many words with the stress on
// the wrong syllable («та́лон», «со́рок» as «соро́к»), so before it reads a text: ticket numbers
// and numbers become the words the announcements use, and the words of LEXICON become phonemes
// stressed right.
import { LARGEST_SPOKEN, numberWords, type SpokenLanguage, ticketWords, type Word } from '@vikno/shared/voice';
import { LEXICON } from './lexicon.js';

/** "R-001", "П-123": a ticket number as printed (prefix letters, hyphen, digits). */
const TICKET = /(?<![\p{L}\d-])\p{Lu}{1,3}-\d+(?![\p{L}\d])/gu;
/** A whole number standing alone: not part of a time (10:30), a decimal or a ticket. */
const NUMBER = /(?<![\p{L}\d:.,-])\d+(?![\p{L}\d]|[:.,]\d)/gu;
/** The other ending of a word written for both genders, «записаний(-а)»: not read out. */
const OTHER_ENDING = /\(-\p{L}+\)/gu;
/** A word, apostrophes inside it included. */
const WORD = /\p{L}+(?:['’ʼ]\p{L}+)*/gu;

/** eSpeak reads «зв'язку» as letters with the ASCII or the typographic apostrophe, and right with U+02BC. */
function apostrophes(text: string): string {
  return text.replace(/(?<=\p{L})['’](?=\p{L})/gu, 'ʼ');
}

const said = (words: readonly Word[]) => words.map((w) => w.say).join(' ');

/** The text as the words to be said: tickets and numbers spelled out, apostrophes eSpeak reads. */
export function spokenText(lang: SpokenLanguage, text: string): string {
  const words = text
    .replace(OTHER_ENDING, '')
    .replace(TICKET, (ticket) => said(ticketWords(lang, ticket)))
    .replace(NUMBER, (digits) => (Number(digits) <= LARGEST_SPOKEN ? said(numberWords(lang, Number(digits))) : digits));
  return lang === 'uk' ? apostrophes(words) : words;
}

const lexicons = new Map(
  Object.entries(LEXICON).map(([lang, words]) => [
    lang,
    new Map(Object.entries(words).map(([word, phonemes]) => [apostrophes(word), phonemes])),
  ]),
);

/** The spoken text with the words eSpeak stresses wrongly as `[[phonemes]]`, which it reads as given. */
export function espeakText(lang: SpokenLanguage, text: string): string {
  const spoken = spokenText(lang, text);
  const lexicon = lexicons.get(lang);
  if (!lexicon) return spoken;
  return spoken.replace(WORD, (word) => {
    const phonemes = lexicon.get(word.toLowerCase());
    return phonemes ? `[[${phonemes}]]` : word;
  });
}
