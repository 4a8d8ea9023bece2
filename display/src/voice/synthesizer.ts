// The page's side of the eSpeak NG worker: text in, WAV bytes out.
import type { SynthReply, SynthRequest } from './espeak.worker.js';
import type { SpokenLanguage } from './phrase.js';

export interface Synthesizer {
  /** The phrase as a WAV file. */
  wav(lang: SpokenLanguage, text: string): Promise<ArrayBuffer>;
  close(): void;
}

export function espeakSynthesizer(): Synthesizer {
  const worker = new Worker(new URL('./espeak.worker.ts', import.meta.url), { type: 'module', name: 'espeak-ng' });
  const pending = new Map<number, { resolve: (wav: ArrayBuffer) => void; reject: (error: Error) => void }>();
  let next = 0;
  worker.onmessage = (event: MessageEvent<SynthReply>) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ('wav' in reply) waiting?.resolve(reply.wav);
    else waiting?.reject(new Error(reply.error));
  };
  worker.onerror = (event) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`speech synthesizer failed: ${event.message}`));
    pending.clear();
  };
  return {
    wav(lang, text) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, lang, text } satisfies SynthRequest);
      });
    },
    close: () => worker.terminate(),
  };
}
