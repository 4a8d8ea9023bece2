// `vikno-hub voice-pack --from DIR --out DIR`: a centre's recorded words made into the voice pack its
// hall displays speak from (display/README.md, "Voice packs"). Each recording is checked and brought to
// one loudness, so that a call joined from words recorded on different days sounds even; the report
// names every word the centre's calls need that is missing, and the recordings no call uses.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import type { Config } from '@vikno/shared';
import { callVocabulary, isSpoken, type SpokenLanguage } from '@vikno/shared/voice';
import { type Pcm, readWav, WavError, writeWav } from './wav.js';

/** The level every word is brought to: the RMS of its speech (dBFS), as broadcast speech sits. */
export const TARGET_DBFS = -20;
/** No word's peak goes above this (dBFS), whatever the gain: a clipped word crackles. */
const PEAK_DBFS = -1;
/** Stretches quieter than this (dBFS) are silence around the word, left out of its level. */
const GATE_DBFS = -45;
/** The loudness is measured over windows this long (seconds). */
const WINDOW = 0.02;

const dB = (ratio: number) => 20 * Math.log10(ratio);
const ratio = (db: number) => 10 ** (db / 20);

/** The speech level of a recording (dBFS): the RMS of its windows above the gate; null when silent. */
export function speechLevel({ sampleRate, samples }: Pcm): number | null {
  const size = Math.max(1, Math.round(sampleRate * WINDOW));
  let energy = 0;
  let counted = 0;
  for (let from = 0; from < samples.length; from += size) {
    const window = samples.subarray(from, from + size);
    let sum = 0;
    for (const s of window) sum += s * s;
    if (dB(Math.sqrt(sum / window.length)) < GATE_DBFS) continue;
    energy += sum;
    counted += window.length;
  }
  return counted ? dB(Math.sqrt(energy / counted)) : null;
}

/** The recording at TARGET_DBFS, or as close as its peak allows. */
export function normalise(pcm: Pcm): { pcm: Pcm; gainDb: number } {
  const level = speechLevel(pcm);
  if (level === null) return { pcm, gainDb: 0 };
  let peak = 0;
  for (const s of pcm.samples) peak = Math.max(peak, Math.abs(s));
  const gainDb = Math.min(TARGET_DBFS - level, PEAK_DBFS - dB(peak));
  const gain = ratio(gainDb);
  return { pcm: { sampleRate: pcm.sampleRate, samples: pcm.samples.map((s) => s * gain) }, gainDb };
}

/** A clip's name as the display compares it: NFC, one apostrophe (display/src/voice/voice-pack.ts). */
function clipName(file: string): string {
  return file
    .replace(/\.[^.]+$/, '')
    .normalize('NFC')
    .replace(/[’ʼ`]/g, "'");
}

export interface LanguageReport {
  lang: SpokenLanguage;
  /** Clips written to the pack, with the gain each got (dB). */
  written: { clip: string; gainDb: number }[];
  /** Words the centre's calls need that have no recording. */
  missing: string[];
  /** Recordings no call of the centre says (kept: a later prefix or window may). */
  unused: string[];
  /** Files that are not recordings the builder can read, and why. */
  refused: { file: string; reason: string }[];
}

/** The languages the centre's displays announce in. */
export function announcedLanguages(config: Config): SpokenLanguage[] {
  const named = config.announcements.languages.length ? config.announcements.languages : config.site.languages;
  return named.filter(isSpoken);
}

/**
 * Reads `from/<lang>/<word>.wav` for each language the centre announces in and writes the pack to
 * `out/<lang>/<word>.wav`. Running it again with the same recordings writes the same pack.
 */
export function buildVoicePack(from: string, out: string, config: Config): LanguageReport[] {
  const source = resolve(from);
  const target = resolve(out);
  if (!existsSync(source) || !statSync(source).isDirectory()) throw new Error(`${from} is not a folder of recordings`);
  if (target === source || !relative(source, target).startsWith('..'))
    throw new Error(`the pack (${out}) must be outside the recordings (${from})`);
  const prefixes = config.services.map((s) => s.prefix);
  const windows = config.counters.map((c) => c.window);
  return announcedLanguages(config).map((lang) => {
    const needed = callVocabulary(lang, prefixes, windows);
    const report: LanguageReport = { lang, written: [], missing: [], unused: [], refused: [] };
    const folder = join(source, lang);
    const files = existsSync(folder)
      ? readdirSync(folder)
          .filter((f) => !f.startsWith('.'))
          .sort()
      : [];
    const recorded = new Set<string>();
    for (const file of files) {
      if (extname(file).toLowerCase() !== '.wav') {
        report.refused.push({ file, reason: 'not a .wav recording' });
        continue;
      }
      let pcm: Pcm;
      try {
        pcm = readWav(readFileSync(join(folder, file)));
      } catch (error) {
        if (!(error instanceof WavError)) throw error;
        report.refused.push({ file, reason: error.message });
        continue;
      }
      const clip = clipName(file);
      const { pcm: even, gainDb } = normalise(pcm);
      mkdirSync(join(target, lang), { recursive: true });
      writeFileSync(join(target, lang, `${clip}.wav`), writeWav(even));
      report.written.push({ clip, gainDb });
      recorded.add(clip);
      if (!needed.has(clip)) report.unused.push(clip);
    }
    report.missing = [...needed].filter((clip) => !recorded.has(clip));
    return report;
  });
}

/** The report as the command prints it. */
export function describeReports(reports: readonly LanguageReport[], out: string): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.lang}: ${r.written.length} recordings written to ${join(out, r.lang)}, brought to ${TARGET_DBFS} dBFS`);
    if (r.missing.length) lines.push(`  missing (${r.missing.length}): ${r.missing.join(', ')}`);
    if (r.unused.length) lines.push(`  not said by any call of this centre: ${r.unused.join(', ')}`);
    for (const { file, reason } of r.refused) lines.push(`  skipped ${file}: ${reason}`);
  }
  const missing = reports.reduce((n, r) => n + r.missing.length, 0);
  lines.push(
    missing
      ? `the pack is incomplete: ${missing} words are missing, and a display synthesizes every call that needs one`
      : 'the pack is complete: every call of this centre can be said from it',
  );
  return lines.join('\n');
}
