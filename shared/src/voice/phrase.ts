// The words of an announcement in each spoken language, for the synthesizer (as text) and for a
// voice pack (as clip names). Tickets are read as their prefix letters and their number without the
// leading zeros: "A-012" is "а дванадцять", as the staff of a Ukrainian centre read it aloud.
import type { spokenLanguages } from '../config.js';
import { english } from './en.js';
import type { Grammar, Phrase, TicketParts, Word } from './grammar.js';
import { hungarian } from './hu.js';
import { russian } from './ru.js';
import { ukrainian } from './uk.js';

export type { Phrase, Word } from './grammar.js';

/** The languages announcements and read aloud can be spoken in. */
export type SpokenLanguage = (typeof spokenLanguages)[number];

const grammars: Record<SpokenLanguage, Grammar> = { uk: ukrainian, en: english, ru: russian, hu: hungarian };

/** The grammars read numbers up to this; a day's tickets and a centre's windows stay far below. */
export const LARGEST_SPOKEN = 999_999;

export function isSpoken(lang: string): lang is SpokenLanguage {
  return Object.hasOwn(grammars, lang);
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

/** A ticket number as words: its prefix letters by their names, then its number. */
export function ticketWords(lang: SpokenLanguage, ticket: string): Word[] {
  const { letters, number } = ticketParts(ticket);
  const grammar = grammars[lang];
  return [...grammar.letters(letters), ...(number === null ? [] : grammar.number(number))];
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

/** Tickets are numbered from 1 to this per prefix and day (the hub pads them to three digits). */
const DAILY_TICKETS = 999;

/**
 * Every voice-pack clip the calls of a centre can need: tickets of each prefix numbered 1–999,
 * at each window. A ticket above 999 also needs the words for thousands; lacking them, the
 * synthesizer says that call.
 */
export function callVocabulary(lang: SpokenLanguage, prefixes: readonly string[], windows: readonly number[]): Set<string> {
  const clips = new Set<string>();
  const add = (ticket: string, window: number) => {
    for (const clip of phraseClips(callPhrase(lang, ticket, window)).flat()) clips.add(clip);
  };
  const [firstPrefix, firstWindow] = [prefixes[0], windows[0]];
  if (firstPrefix === undefined || firstWindow === undefined) return clips;
  for (const prefix of prefixes) for (let n = 1; n <= DAILY_TICKETS; n++) add(`${prefix}-${n}`, firstWindow);
  for (const window of windows) add(`${firstPrefix}-1`, window);
  return clips;
}

function readable(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > LARGEST_SPOKEN) throw new RangeError(`cannot read ${n} aloud`);
  return n;
}
