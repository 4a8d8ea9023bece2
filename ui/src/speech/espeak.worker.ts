// eSpeak NG in a worker: one run of the 18 MB WebAssembly synthesizer takes a few hundred
// milliseconds of CPU, which would stall the page's animations and touches on its own thread.
// The module is compiled once; each phrase gets a fresh instance (the build runs main() once).
import ESpeakNG from 'espeak-ng';
import wasmUrl from 'espeak-ng/dist/espeak-ng.wasm?url';
import { espeakArguments } from './espeak-args.js';
import type { SynthReply, SynthRequest } from './synthesizer.js';

let compiled: Promise<WebAssembly.Module> | undefined;
let queue: Promise<unknown> = Promise.resolve();

function wasm(): Promise<WebAssembly.Module> {
  compiled ??= fetch(wasmUrl)
    .then((res) => {
      if (!res.ok) throw new Error(`${wasmUrl}: HTTP ${res.status}`);
      return res.arrayBuffer();
    })
    .then((bytes) => WebAssembly.compile(bytes))
    .catch((error: unknown) => {
      // Tried again at the next phrase: the hub may have been restarting.
      compiled = undefined;
      throw error;
    });
  return compiled;
}

async function synthesize({ lang, text }: SynthRequest): Promise<ArrayBuffer> {
  const module = await wasm();
  const espeak = await ESpeakNG({
    arguments: espeakArguments(lang, text, { wavPath: '/phrase.wav' }),
    print: () => undefined,
    printErr: (line) => console.warn('espeak-ng:', line),
    instantiateWasm(imports, receive) {
      void WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module));
      return {};
    },
  });
  const wav = espeak.FS.readFile('/phrase.wav');
  return wav.buffer.slice(wav.byteOffset, wav.byteOffset + wav.byteLength) as ArrayBuffer;
}

// Compiling starts with the worker, so the first phrase is spoken without that wait.
wasm().catch(() => undefined);

// One phrase at a time: each instance holds 32 MB until it is collected.
self.onmessage = (event: MessageEvent<SynthRequest>) => {
  const request = event.data;
  queue = queue.then(() =>
    synthesize(request).then(
      (wav) => self.postMessage({ id: request.id, wav } satisfies SynthReply, { transfer: [wav] }),
      (error: unknown) => self.postMessage({ id: request.id, error: String(error) } satisfies SynthReply),
    ),
  );
};
