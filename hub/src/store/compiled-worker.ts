import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A worker thread (`folder/name` under hub/src) runs compiled JavaScript: under the tests, which run
 * the hub from its TypeScript source, that is the build of the same file (`npm test` builds first).
 */
export function compiledWorker(name: string, folder: 'store' | 'planner' | 'bench' = 'store'): URL {
  const here = new URL(`../${folder}/${name}.js`, import.meta.url);
  return existsSync(fileURLToPath(here)) ? here : new URL(`../../dist/${folder}/${name}.js`, import.meta.url);
}
