// Every word the hall display's announcements and the kiosk's read aloud say in Ukrainian and
// Russian, read by eSpeak NG (the WebAssembly build the apps run) in phoneme mode, must carry its
// stress on the syllable the dictionary gives (stress-dictionary.ts): numbers 0–999 and the
// thousands, the fixed words of a call, the names of the letters, and the kiosk's messages.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { catalogs, type MessageKey } from '@vikno/shared';
import { callPhrase, numberWords, phraseText, type SpokenLanguage } from '@vikno/shared/voice';
import ESpeakNG from 'espeak-ng';
import { describe, expect, it } from 'vitest';
import { espeakArguments } from './espeak-args.js';
import { spokenText } from './pronounce.js';
import { DICTIONARY, type StressedLanguage, stressedSyllable } from './stress-dictionary.js';

const wasm = WebAssembly.compile(readFileSync(createRequire(import.meta.url).resolve('espeak-ng/dist/espeak-ng.wasm')));

/** What eSpeak NG would say, as IPA: one line per clause. */
async function phonemes(lang: SpokenLanguage, text: string): Promise<string[]> {
  const module = await wasm;
  const lines: string[] = [];
  await ESpeakNG({
    arguments: espeakArguments(lang, text, { phonemes: 'ipa' }),
    print: (line) => lines.push(...line.split('\n')),
    instantiateWasm(imports, receive) {
      void WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module));
      return {};
    },
  });
  return lines.map((l) => l.trim()).filter(Boolean);
}

const LETTERS = {
  uk: 'АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ru: 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯABCDEFGHIJKLMNOPQRSTUVWXYZ',
};

/** What ticket.issue can answer a kiosk with (hub/src/service/commands.ts), and a lost answer. */
const REFUSALS = [
  'bad_request',
  'forbidden',
  'unknown_service',
  'unknown_priority',
  'unknown_appointment',
  'appointment_used',
  'internal',
  'timeout',
];

/** The kiosk's messages and refusals; Russian only where translated. */
function kioskMessages(lang: StressedLanguage): string[] {
  const catalog = catalogs[lang]!;
  const english = catalogs.en!;
  const keys = (Object.keys(catalog) as MessageKey[]).filter(
    (k) =>
      // The booking QR's alternative text is for a screen reader; the kiosk never says it.
      (k.startsWith('kiosk.') && k !== 'kiosk.book.qr') ||
      ['queue.estimate', 'queue.waitingCount', 'language.choose', 'language.native'].includes(k) ||
      REFUSALS.some((code) => k === `error.${code}`),
  );
  return keys
    .map((k) => catalog[k])
    .filter((text) => lang === 'uk' || !Object.values(english).includes(text))
    .map((text) =>
      text
        .replace(/\{number\}/g, 'R-090')
        .replace(/\{(count|minutes)\}/g, '40')
        .replace(/\{\w+\}/g, ''),
    );
}

/** What is said, item by item: each a line of its own for eSpeak (its clause punctuation taken out). */
function items(lang: StressedLanguage): string[] {
  const numbers = Array.from({ length: 1000 }, (_, n) => numberWords(lang, n));
  const thousands = [1000, 1001, 2000, 5000, 21_000, 22_000].map((n) => numberWords(lang, n));
  const calls = [...LETTERS[lang]].map((letter) => phraseText(callPhrase(lang, `${letter}-1`, 1)));
  return [...numbers, ...thousands].map((words) => words.map((w) => w.say).join(' ')).concat(calls, kioskMessages(lang));
}

const VOWEL: Record<StressedLanguage, RegExp> = { uk: /[аеєиіїоуюя]/u, ru: /[аеёиоуыэюя]/u };
const IPA_VOWEL = /[aɑɐʌəɛeiɪɨyoɔɵuʊæ]/u;

const syllables = (word: string, vowel: RegExp) => [...word].filter((c) => vowel.test(c)).length;

/**
 * The syllable (0-based) eSpeak stresses in one word's IPA: its primary stress, else the secondary
 * one it leaves a word with inside a phrase («чем мы мˌожем помочь»); null when it stresses none.
 */
function spokenStress(ipa: string): number | null {
  const at = ipa.includes('ˈ') ? ipa.indexOf('ˈ') : ipa.indexOf('ˌ');
  return at < 0 ? null : syllables(ipa.slice(0, at), IPA_VOWEL);
}

describe.each(['uk', 'ru'] as const)('stress in %s', (lang) => {
  it('puts the stress of every word where the dictionary has it', { timeout: 120_000 }, async () => {
    // Each item one clause, so that eSpeak prints it as one line: its clause punctuation taken out.
    const said = items(lang).map((item) =>
      spokenText(lang, item)
        .replace(/[^\p{L}\sʼ-]+/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    // eSpeak's command line lives on its 64 kB stack: a few hundred items a run.
    const lines: string[] = [];
    for (let i = 0; i < said.length; i += 200)
      lines.push(
        ...(await phonemes(
          lang,
          said
            .slice(i, i + 200)
            .map((s) => `${s}.`)
            .join('\n'),
        )),
      );
    expect(lines).toHaveLength(said.length);
    const wrong: string[] = [];
    const unknown = new Set<string>();
    for (const [i, item] of said.entries()) {
      const words = item.toLowerCase().split(' ');
      // A word said in another language is marked (en)…(uk).
      const ipa = (lines[i] ?? '').replace(/\(\w+\)/g, '').split(/\s+/);
      if (words.length !== ipa.length) {
        wrong.push(`«${item}» said as other words: ${lines[i]}`);
        continue;
      }
      for (const [w, word] of words.entries()) {
        if (syllables(word, VOWEL[lang]) < 2) continue;
        const entry = DICTIONARY[lang].get(word);
        if (entry === undefined) unknown.add(word);
        else if (spokenStress(ipa[w] ?? '') !== stressedSyllable(entry, VOWEL[lang])) wrong.push(`${entry} said ${ipa[w]} in «${item}»`);
      }
    }
    expect([...unknown], 'words the dictionary table lacks').toEqual([]);
    expect(wrong).toEqual([]);
  });
});
