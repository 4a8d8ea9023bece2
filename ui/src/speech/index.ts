// Offline speech for the browser apps: eSpeak NG in a Web Worker. A subpath of its own
// (@vikno/ui/speech), so that an app which never speaks does not bundle the worker and its 18 MB wasm.
export { hasVoice, type SpokenLanguage } from './espeak-args.js';
export { espeakSynthesizer, type Synthesizer } from './synthesizer.js';
