// What the phrase builder of each language provides, and the word type the announcements are made of.

/**
 * One spoken word: the text the synthesizer reads, and the voice-pack clips that say it, in order
 * (a Hungarian number is one written word made of several clips: száz|huszon|három).
 */
export interface Word {
  say: string;
  clips: string[];
}

/** Clauses, read with a pause between them. */
export type Phrase = Word[][];

/** A ticket number as it is read: its prefix letters, then its number without the leading zeros. */
export interface TicketParts {
  letters: string[];
  /** Null when the ticket has no digits. */
  number: number | null;
}

export interface Grammar {
  /** A cardinal number from 0 to 999 999 as it is read after "номер" / "number". */
  number(n: number): Word[];
  /** A ticket's prefix letters (Latin or Cyrillic) by the names this language gives its letters. */
  letters(prefix: readonly string[]): Word[];
  /** "Ticket A twelve, window five" in this language's words and grammar. */
  call(ticket: TicketParts, window: number): Phrase;
}

/** A word said by one clip of the same name. */
export function word(say: string): Word {
  return { say, clips: [say] };
}

/** A prefix letter: its clip is named by the letter as printed, since the name differs per language. */
export function letterWord(letter: string, names: Readonly<Record<string, string>>): Word {
  return { say: names[letter] ?? letter, clips: [`letter-${letter}`] };
}

/** Splits a number into its thousands (0–999) and the rest (0–999). */
export function thousands(n: number): [number, number] {
  return [Math.floor(n / 1000), n % 1000];
}
