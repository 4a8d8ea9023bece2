// eSpeak NG (the same WebAssembly build the display runs in its worker) speaking a call in every
// language the display can announce: each voice exists and reads our text as sound, not silence.
import ESpeakNG from 'espeak-ng';
import { describe, expect, it } from 'vitest';
import { espeakArguments } from './espeak-args.js';
import { callPhrase, phraseText, type SpokenLanguage } from './phrase.js';

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

describe.each<SpokenLanguage>(['uk', 'en', 'ru', 'hu'])('eSpeak NG in %s', (lang) => {
  it('says a call as a second or more of speech', async () => {
    const text = phraseText(callPhrase(lang, 'RD-123', 12));
    const espeak = await ESpeakNG({ arguments: espeakArguments(lang, text, '/call.wav'), print: () => undefined });
    const { samples, rate } = pcm(espeak.FS.readFile('/call.wav'));
    expect(samples.length / rate).toBeGreaterThan(1.5);
    let sum = 0;
    for (const s of samples) sum += (s / 32768) ** 2;
    expect(Math.sqrt(sum / samples.length)).toBeGreaterThan(0.02);
  });
});
