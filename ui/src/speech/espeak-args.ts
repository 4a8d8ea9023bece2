// The eSpeak NG command line for one phrase: shared by the worker and the test that runs it in Node.
import type { SpokenLanguage } from '@vikno/shared/voice';
import { espeakText } from './pronounce.js';

export type { SpokenLanguage };

/** eSpeak NG's voice for each spoken language. */
const VOICES: Record<SpokenLanguage, string> = { uk: 'uk', en: 'en', ru: 'ru', hu: 'hu' };

/** Words a minute: slower than eSpeak's 175, for a hall with echo and for visitors who listen closely. */
const SPEED = '145';

export function hasVoice(lang: string): lang is SpokenLanguage {
  return Object.hasOwn(VOICES, lang);
}

/** Speaks `text` into the WAV file at `wavPath`; with `phonemes`, prints what it would say instead. */
export function espeakArguments(lang: SpokenLanguage, text: string, output: { wavPath: string } | { phonemes: 'ipa' }): string[] {
  const to = 'wavPath' in output ? ['-w', output.wavPath] : ['-q', '--ipa'];
  // "--": a text that starts with "-" is read, not taken for an option.
  return ['-v', VOICES[lang], '-s', SPEED, ...to, '--', espeakText(lang, text)];
}
