import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A worker thread of this folder runs compiled JavaScript: under the tests, which run the store from
 * its TypeScript source, that is the build of the same file (`npm test` builds first).
 */
export function compiledWorker(name: string): URL {
  const here = new URL(`./${name}.js`, import.meta.url);
  return existsSync(fileURLToPath(here)) ? here : new URL(`../../dist/store/${name}.js`, import.meta.url);
}
