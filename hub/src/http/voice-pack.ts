// The centre's voice pack (`announcements.voicePack`): recorded clips that the hall displays join
// into announcements instead of synthesizing them. `GET /voice-pack/` lists the clips per language,
// `GET /voice-pack/<language>/<file>` is one clip. The folder layout is in display/README.md.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import type { Config } from '@vikno/shared';
import { json } from './respond.js';

export const VOICE_PACK_PATH = '/voice-pack/';

const AUDIO: Record<string, string> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.flac': 'audio/flac',
};
const LANGUAGE = /^[a-z]{2,3}$/;

/** `path` starts with `/voice-pack/` and is still percent-encoded. */
export function serveVoicePack(config: Config, path: string, res: ServerResponse): void {
  const folder = config.announcements.voicePack;
  if (!folder) return json(res, 404, { error: 'this centre has no voice pack' });
  const root = resolve(folder);
  const rest = path.slice(VOICE_PACK_PATH.length);
  if (rest === '') return json(res, 200, listing(root));
  const [lang, file, ...more] = rest.split('/').map((part) => safeDecode(part));
  if (!lang || !LANGUAGE.test(lang) || !file || more.length || /[\\/]/.test(file) || file.startsWith('.'))
    return json(res, 404, { error: 'no such clip' });
  const type = AUDIO[extname(file).toLowerCase()];
  const clip = join(root, lang, file);
  if (!type || !existsSync(clip) || !statSync(clip).isFile()) return json(res, 404, { error: 'no such clip' });
  // Clips may be re-recorded while the hub runs: the displays check each time they start.
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
  createReadStream(clip).pipe(res);
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

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}
