// A centre's recorded voice, as the hub lists it at /voice-pack/: per language, clip name → file.
// A phrase is spoken from the pack only when the pack has every clip it needs: a sentence half in
// a recorded voice and half synthesized is harder to follow than either.
import type { SpokenLanguage } from '@vikno/shared/voice';

const BASE = '/voice-pack/';

/** Recorders type apostrophes and letters in several ways; a clip name is compared in one form. */
function clipName(name: string): string {
  return name.normalize('NFC').replace(/[’ʼ`]/g, "'");
}

export class VoicePack {
  private constructor(private readonly files: ReadonlyMap<string, ReadonlyMap<string, string>>) {}

  /** The hub's listing; null when it has no pack or cannot be read (the synthesizer speaks). */
  static async load(): Promise<VoicePack | null> {
    try {
      const res = await fetch(BASE, { cache: 'no-store' });
      if (!res.ok) return null;
      const listing = (await res.json()) as Record<string, unknown>;
      const files = new Map<string, Map<string, string>>();
      for (const [lang, names] of Object.entries(listing)) {
        if (!Array.isArray(names)) continue;
        const clips = new Map<string, string>();
        for (const file of names)
          if (typeof file === 'string') clips.set(clipName(file.replace(/\.[^.]+$/, '')), `${BASE}${lang}/${encodeURIComponent(file)}`);
        files.set(lang, clips);
      }
      return new VoicePack(files);
    } catch (error) {
      console.warn('vikno: the voice pack could not be read; the synthesizer speaks', error);
      return null;
    }
  }

  /** The URL of one clip, if the pack has it. */
  url(lang: SpokenLanguage, clip: string): string | undefined {
    return this.files.get(lang)?.get(clipName(clip));
  }
}
