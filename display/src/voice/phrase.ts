// The words of an announcement in each spoken language, for the synthesizer (as text) and for a
// voice pack (as clip names). Tickets are read as their prefix letters and their number without the
// leading zeros: "A-012" is "а дванадцять", as the staff of a Ukrainian centre read it aloud.
import type { SpokenLanguage } from '@vikno/ui/speech';
import { english } from './en.js';
import type { Grammar, Phrase, TicketParts, Word } from './grammar.js';
import { hungarian } from './hu.js';
import { russian } from './ru.js';
import { ukrainian } from './uk.js';

export type { Phrase, Word } from './grammar.js';
export type { SpokenLanguage };

const grammars: Record<SpokenLanguage, Grammar> = { uk: ukrainian, en: english, ru: russian, hu: hungarian };

/** The grammars read numbers up to this; a day's tickets and a centre's windows stay far below. */
const LARGEST = 999_999;

export function isSpoken(lang: string): lang is SpokenLanguage {
  return lang in grammars;
}

/** "A-012" → letters [A], number 12. */
export function ticketParts(ticket: string): TicketParts {
  const digits = /\d+/u.exec(ticket);
  const letters = [...ticket.slice(0, digits?.index)].filter((c) => /\p{Lu}/u.test(c));
  return { letters, number: digits ? readable(Number(digits[0])) : null };
}

/** A cardinal number as words. */
export function numberWords(lang: SpokenLanguage, n: number): Word[] {
  return grammars[lang].number(readable(n));
}

/** "Ticket A twelve, window five" for a call. */
export function callPhrase(lang: SpokenLanguage, ticket: string, window: number): Phrase {
  return grammars[lang].call(ticketParts(ticket), readable(window));
}

/** What the synthesizer reads: clauses separated by commas, so that it pauses between them. */
export function phraseText(phrase: Phrase): string {
  return `${phrase.map((clause) => clause.map((w) => w.say).join(' ')).join(', ')}.`;
}

/** Every voice-pack clip the phrase needs, in order, per clause. */
export function phraseClips(phrase: Phrase): string[][] {
  return phrase.map((clause) => clause.flatMap((w) => w.clips));
}

function readable(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > LARGEST) throw new RangeError(`cannot read ${n} aloud`);
  return n;
}
