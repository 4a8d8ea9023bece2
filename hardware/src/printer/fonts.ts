// Fonts for text drawn by us rather than by the printer (raster fallback, previews). @napi-rs/canvas
// finds system fonts on its own, but which family it picks for a missing one differs by machine, so
// DejaVu (Debian: fonts-dejavu-core — Latin, Cyrillic, Greek) is registered by name when present.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';
const DEJAVU_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf'];

/** CSS font families, with generic fallbacks for machines without DejaVu. */
export const SANS = '"DejaVu Sans", sans-serif';
export const MONO = '"DejaVu Sans Mono", monospace';
/** DejaVu Sans Mono's advance width per pixel of font size. */
export const MONO_ADVANCE = 0.602;

let registered = false;

export function registerFonts(): void {
  if (registered) return;
  registered = true;
  for (const file of DEJAVU_FILES) {
    const path = join(DEJAVU_DIR, file);
    if (existsSync(path)) GlobalFonts.registerFromPath(path);
  }
}
