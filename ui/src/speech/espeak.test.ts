// eSpeak NG (the same WebAssembly build the apps run in their worker) speaking a sentence in every
// language it has a voice for here: each voice exists and reads our text as sound, not silence.
import ESpeakNG from 'espeak-ng';
import { describe, expect, it } from 'vitest';
import { espeakArguments, hasVoice, type SpokenLanguage } from './espeak-args.js';

/** A call as the hall display says it, and a kiosk button. */
const SENTENCES: Record<SpokenLanguage, string> = {
  uk: 'Талон а дванадцять, вікно номер дванадцять. Консультації.',
  en: 'Ticket a twelve, window twelve. Consultations.',
  ru: 'Талон а двенадцать, окно номер двенадцать. Консультации.',
  hu: 'A tizenkettes sorszám, tizenkettes ablak. Tanácsadás.',
};

/** The 16-bit samples of a PCM WAV file, and its sample rate. */
function pcm(wav: Uint8Array): { samples: Int16Array; rate: number } {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const rate = view.getUint32(24, true);
  for (let at = 12; at + 8 <= wav.byteLength; ) {
    const id = String.fromCharCode(...wav.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    if (id === 'data') return { samples: new Int16Array(wav.slice(at + 8, at + 8 + size).buffer), rate };
    at += 8 + size;
  }
  throw new Error('no data chunk');
}

describe.each(Object.keys(SENTENCES).filter(hasVoice))('eSpeak NG in %s', (lang) => {
  it('says a sentence as seconds of speech', async () => {
    const espeak = await ESpeakNG({ arguments: espeakArguments(lang, SENTENCES[lang], { wavPath: '/said.wav' }), print: () => undefined });
    const { samples, rate } = pcm(espeak.FS.readFile('/said.wav'));
    expect(samples.length / rate).toBeGreaterThan(2);
    let sum = 0;
    for (const s of samples) sum += (s / 32768) ** 2;
    expect(Math.sqrt(sum / samples.length)).toBeGreaterThan(0.02);
  });
});

describe('hasVoice', () => {
  it('names the languages with a voice, and no others', () => {
    expect(['uk', 'en', 'ru', 'hu', 'de', 'pl', 'toString'].filter(hasVoice)).toEqual(['uk', 'en', 'ru', 'hu']);
  });
});
