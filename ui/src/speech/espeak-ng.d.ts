// The npm package `espeak-ng` (eSpeak NG compiled to WebAssembly with Emscripten) ships no types:
// the part of its Emscripten module the apps use.
declare module 'espeak-ng' {
  interface ESpeakOptions {
    /** The `espeak-ng` command line; main() runs once, while the module starts. */
    arguments: string[];
    print?: (text: string) => void;
    printErr?: (text: string) => void;
    /** Emscripten's hook to instantiate the WebAssembly module ourselves (once compiled, reused). */
    instantiateWasm?: (
      imports: WebAssembly.Imports,
      receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
    ) => Record<string, never>;
  }
  interface ESpeakModule {
    FS: { readFile(path: string): Uint8Array };
  }
  export default function ESpeakNG(options: ESpeakOptions): Promise<ESpeakModule>;
}

// Vite's `?url` import of the wasm file (vite/client declares every `*?url`; the ui workspace does not
// load Vite's types).
declare module 'espeak-ng/dist/espeak-ng.wasm?url' {
  const url: string;
  export default url;
}
