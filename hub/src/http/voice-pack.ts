// The centre's voice pack (`announcements.voicePack`): recorded clips that the hall displays join
// into announcements instead of synthesizing them. `GET /voice-pack/` lists the clips per language,
// `GET /voice-pack/<language>/<file>` is one clip. The folder layout is in display/README.md.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { httpApi, routeOf } from '@vikno/shared';
import type { HttpApp, HttpDeps } from './deps.js';
import { HttpError } from './errors.js';

const AUDIO: Record<string, string> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.flac': 'audio/flac',
};
const LANGUAGE = /^[a-z]{2,3}$/;

/** Read per request: an admin may point the config at another folder. */
export function voicePack(app: HttpApp, deps: Pick<HttpDeps, 'config'>): void {
  const folder = (): string => {
    const pack = deps.config.announcements.voicePack;
    if (!pack) throw new HttpError(404, 'this centre has no voice pack');
    return resolve(pack);
  };
  app.route({ ...routeOf(httpApi.voicePack), handler: async () => listing(folder()) });
  app.get<{ Params: { lang: string; file: string } }>(`${httpApi.voicePack.url}:lang/:file`, (request, reply) => {
    const root = folder();
    const { lang, file } = request.params;
    const type = AUDIO[extname(file).toLowerCase()];
    const clip = join(root, lang, file);
    if (!LANGUAGE.test(lang) || file.startsWith('.') || /[\\/]/.test(file) || !type || !existsSync(clip) || !statSync(clip).isFile())
      throw new HttpError(404, 'no such clip');
    // Clips may be re-recorded while the hub runs: the displays check each time they start (no-cache).
    return reply.type(type).sendFile(`${lang}/${file}`, root, { contentType: false });
  });
}

/** `{ "uk": ["талон.wav", …], "en": […] }`: every audio file in each language folder. */
function listing(root: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!existsSync(root)) return out;
  for (const lang of readdirSync(root)) {
    const dir = join(root, lang);
    if (!LANGUAGE.test(lang) || !statSync(dir).isDirectory()) continue;
    out[lang] = readdirSync(dir)
      .filter((f) => !f.startsWith('.') && extname(f).toLowerCase() in AUDIO)
      .sort();
  }
  return out;
}
