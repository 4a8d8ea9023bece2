// A phrase as audio: joined from the voice pack's clips where the pack covers it, else synthesized.
import { type Phrase, phraseClips, phraseText, type SpokenLanguage } from '@vikno/shared/voice';
import type { Synthesizer } from '@vikno/ui/speech';
import { join, type Piece, trimSilence } from './audio.js';
import type { VoicePack } from './voice-pack.js';

export interface SpokenPart {
  lang: SpokenLanguage;
  source: 'pack' | 'synth';
  text: string;
  buffer: AudioBuffer;
}

/** Between two recorded words, and between two clauses (the comma the synthesizer pauses at). */
const WORD_GAP = 0.06;
const CLAUSE_GAP = 0.35;

export class Speech {
  private readonly clips = new Map<string, Promise<AudioBuffer>>();

  constructor(
    private readonly context: BaseAudioContext,
    private readonly synthesizer: Synthesizer,
    private readonly pack: Promise<VoicePack | null>,
  ) {}

  async speak(lang: SpokenLanguage, phrase: Phrase): Promise<SpokenPart> {
    const text = phraseText(phrase);
    const recorded = await this.fromPack(lang, phrase).catch((error: unknown) => {
      console.warn(`vikno: a ${lang} voice-pack clip could not be played; the synthesizer speaks`, error);
      return null;
    });
    if (recorded) return { lang, source: 'pack', text, buffer: recorded };
    const wav = await this.synthesizer.wav(lang, text);
    return { lang, source: 'synth', text, buffer: trimSilence(await this.context.decodeAudioData(wav)) };
  }

  private async fromPack(lang: SpokenLanguage, phrase: Phrase): Promise<AudioBuffer | null> {
    const pack = await this.pack;
    if (!pack) return null;
    const missing = phraseClips(phrase)
      .flat()
      .filter((clip) => !pack.url(lang, clip));
    if (missing.length) {
      console.info(`vikno: the ${lang} voice pack lacks ${missing.join(', ')}; the synthesizer speaks this phrase`);
      return null;
    }
    // The parts of one word (Hungarian száz|huszon|három) follow each other without a pause.
    const pieces: Piece[] = [];
    for (const [c, clause] of phrase.entries()) {
      if (c > 0) pieces.push(CLAUSE_GAP);
      for (const [w, word] of clause.entries()) {
        if (w > 0) pieces.push(WORD_GAP);
        for (const clip of word.clips) pieces.push(await this.clip(pack.url(lang, clip) ?? ''));
      }
    }
    return join(pieces, this.context.sampleRate);
  }

  private clip(url: string): Promise<AudioBuffer> {
    let clip = this.clips.get(url);
    if (!clip) {
      clip = fetch(url)
        .then((res) => {
          if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
          return res.arrayBuffer();
        })
        .then((bytes) => this.context.decodeAudioData(bytes))
        .then(trimSilence);
      // A failed download is tried again next time rather than remembered.
      clip.catch(() => this.clips.delete(url));
      this.clips.set(url, clip);
    }
    return clip;
  }
}
