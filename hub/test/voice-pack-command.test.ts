// `vikno-hub voice-pack`: recordings of different levels and formats made into a pack at one
// loudness, with the words the centre's calls need and lack named. Runs the built command line.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { callVocabulary } from '@vikno/shared/voice';
import { describe, expect, it } from 'vitest';
import { speechLevel, TARGET_DBFS } from '../src/voice-pack/build.js';
import { readWav } from '../src/voice-pack/wav.js';
import { demoConfig, demoConfigInput, runCli, tempDir, writeConfig } from './harness.js';

/** A "word": half a second of a tone at `amplitude`, between silences, as a recording would have it. */
function word(frequency: number, amplitude: number, rate: number): Float32Array {
  const out = new Float32Array(Math.round(rate * 0.8));
  for (let i = Math.round(rate * 0.15); i < Math.round(rate * 0.65); i++)
    out[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / rate);
  return out;
}

/** A WAV file of `samples` in one of the formats recorders save: 16-bit mono, 24-bit stereo, 32-bit float. */
function wav(samples: Float32Array, rate: number, format: 'int16' | 'int24-stereo' | 'float32'): Buffer {
  const [code, bits, channels] = format === 'int16' ? [1, 16, 1] : format === 'int24-stereo' ? [1, 24, 2] : [3, 32, 1];
  const width = bits / 8;
  const data = Buffer.alloc(samples.length * width * channels);
  for (const [i, s] of samples.entries())
    for (let c = 0; c < channels; c++) {
      const at = (i * channels + c) * width;
      if (format === 'float32') data.writeFloatLE(s, at);
      else if (format === 'int16') data.writeInt16LE(Math.round(s * 32767), at);
      else data.writeIntLE(Math.round(s * 8388607), at, 3);
    }
  const head = Buffer.alloc(44);
  head.write('RIFF', 0);
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVEfmt ', 8);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(code, 20);
  head.writeUInt16LE(channels, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * width * channels, 28);
  head.writeUInt16LE(width * channels, 32);
  head.writeUInt16LE(bits, 34);
  head.write('data', 36);
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

describe('vikno-hub voice-pack', () => {
  const input = demoConfigInput();
  const configFile = writeConfig({ ...input, announcements: { ...input.announcements, languages: ['uk'] } });
  const config = demoConfig();
  const needed = [
    ...callVocabulary(
      'uk',
      config.services.map((s) => s.prefix),
      config.counters.map((c) => c.window),
    ),
  ];
  const formats = ['int16', 'int24-stereo', 'float32'] as const;

  /** The recordings: every needed word but `lacking`, at levels from whisper to near clipping. */
  function record(lacking: readonly string[]): string {
    const from = tempDir('vikno-recordings-');
    mkdirSync(join(from, 'uk'));
    for (const [i, clip] of needed.entries()) {
      if (lacking.includes(clip)) continue;
      const rate = i % 2 ? 44100 : 22050;
      writeFileSync(
        join(from, 'uk', `${clip}.wav`),
        wav(word(200 + 10 * i, [0.02, 0.3, 0.95][i % 3] ?? 0.3, rate), rate, formats[i % 3] ?? 'int16'),
      );
    }
    writeFileSync(join(from, 'uk', 'привіт.wav'), wav(word(440, 0.5, 22050), 22050, 'int16'));
    writeFileSync(join(from, 'uk', 'зламаний.wav'), Buffer.from('RIFF....WAVEjunk'));
    writeFileSync(join(from, 'uk', 'notes.txt'), 'who recorded what');
    return from;
  }

  it('brings every recording to one loudness and names the words the calls need and lack', { timeout: 180_000 }, async () => {
    const from = record(['сорок', 'letter-R']);
    const out = join(tempDir('vikno-pack-'), 'voice-pack');
    const run = await runCli(['voice-pack', '--from', from, '--out', out, '--config', configFile]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('missing (2): letter-R, сорок');
    expect(run.stdout).toContain('not said by any call of this centre: привіт');
    expect(run.stdout).toContain('skipped notes.txt: not a .wav recording');
    expect(run.stdout).toContain('skipped зламаний.wav: no audio data');
    expect(run.stdout).toContain('the pack is incomplete: 2 words are missing');
    const written = readdirSync(join(out, 'uk')).sort();
    expect(written).toEqual([...needed.filter((c) => c !== 'сорок' && c !== 'letter-R'), 'привіт'].map((c) => `${c}.wav`).sort());
    // Recorded from −37 dBFS to −4 dBFS (speech RMS), each is now at the target.
    for (const file of written) {
      const pcm = readWav(readFileSync(join(out, 'uk', file)));
      expect(speechLevel(pcm), file).toBeCloseTo(TARGET_DBFS, 0);
    }
    // The same recordings give the same pack.
    const digests = () =>
      written.map((f) =>
        createHash('sha256')
          .update(readFileSync(join(out, 'uk', f)))
          .digest('hex'),
      );
    const first = digests();
    expect((await runCli(['voice-pack', '--from', from, '--out', out, '--config', configFile])).code).toBe(1);
    expect(digests()).toEqual(first);
  });

  it('says when the pack is complete', { timeout: 90_000 }, async () => {
    const out = join(tempDir('vikno-pack-'), 'voice-pack');
    const run = await runCli(['voice-pack', '--from', record([]), '--out', out, '--config', configFile]);
    expect(run.stdout).toContain('the pack is complete');
    expect(run.code).toBe(0);
  });

  it('refuses a pack inside the recordings, and a folder that is not there', { timeout: 90_000 }, async () => {
    const from = record([]);
    const inside = await runCli(['voice-pack', '--from', from, '--out', join(from, 'pack'), '--config', configFile]);
    expect(inside.code).toBe(1);
    expect(inside.stdout + inside.stderr).toContain('must be outside the recordings');
    const none = await runCli(['voice-pack', '--from', join(from, 'nowhere'), '--out', tempDir(), '--config', configFile]);
    expect(none.stdout + none.stderr).toContain('is not a folder of recordings');
  });
});
