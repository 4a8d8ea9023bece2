// What we draw ourselves rather than the printer (raster text, logos, previews) is drawn with
// @napi-rs/canvas, loaded on first use: it is a native module, and most importers of this package
// (the counter terminal's button pad, the hub's LED boards, a printer whose code pages cover the
// ticket) never draw. A machine where it cannot load still prints text tickets.
//
// Fonts: @napi-rs/canvas finds system fonts on its own, but which family it picks for a missing one
// differs by machine, so DejaVu (Debian: fonts-dejavu-core — Latin, Cyrillic, Greek) is registered by
// name when present.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type Canvas = typeof import('@napi-rs/canvas');

const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';
const DEJAVU_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf'];

/** CSS font families, with generic fallbacks for machines without DejaVu. */
export const SANS = '"DejaVu Sans", sans-serif';
export const MONO = '"DejaVu Sans Mono", monospace';
/** DejaVu Sans Mono's advance width per pixel of font size. */
export const MONO_ADVANCE = 0.602;

let loading: Promise<Canvas> | undefined;

/** @napi-rs/canvas with the fonts registered; rejects with the reason when it cannot be loaded (and tries again next time). */
export function loadCanvas(): Promise<Canvas> {
  loading ??= import('@napi-rs/canvas').then(
    (canvas) => {
      for (const file of DEJAVU_FILES) {
        const path = join(DEJAVU_DIR, file);
        if (existsSync(path)) canvas.GlobalFonts.registerFromPath(path);
      }
      return canvas;
    },
    (error: Error) => {
      loading = undefined;
      throw new Error(`@napi-rs/canvas could not be loaded: ${error.message}`);
    },
  );
  return loading;
}
