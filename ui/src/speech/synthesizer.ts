// The page's side of the eSpeak NG worker: text in, WAV bytes out.
import type { SpokenLanguage } from './espeak-args.js';

export interface Synthesizer {
  /** The phrase as a WAV file. */
  wav(lang: SpokenLanguage, text: string): Promise<ArrayBuffer>;
  close(): void;
}

/** The messages between the page and the worker (espeak.worker.ts). */
export interface SynthRequest {
  id: number;
  lang: SpokenLanguage;
  text: string;
}
export type SynthReply = { id: number; wav: ArrayBuffer } | { id: number; error: string };

export function espeakSynthesizer(): Synthesizer {
  const worker = new Worker(new URL('./espeak.worker.ts', import.meta.url), { type: 'module', name: 'espeak-ng' });
  const pending = new Map<number, { resolve: (wav: ArrayBuffer) => void; reject: (error: Error) => void }>();
  let next = 0;
  // A worker that failed (its script did not load, or it crashed) answers nothing more: later phrases
  // are refused at once rather than left waiting forever, so that a caller can fall back.
  let failed: Error | null = null;
  worker.onmessage = (event: MessageEvent<SynthReply>) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ('wav' in reply) waiting?.resolve(reply.wav);
    else waiting?.reject(new Error(reply.error));
  };
  worker.onerror = (event) => {
    failed = new Error(`speech synthesizer failed: ${event.message}`);
    for (const waiting of pending.values()) waiting.reject(failed);
    pending.clear();
  };
  return {
    wav(lang, text) {
      if (failed) return Promise.reject(failed);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, lang, text } satisfies SynthRequest);
      });
    },
    close: () => worker.terminate(),
  };
}
