// PCM WAV files in and out, as the voice-pack builder needs them: any channel count, 16-, 24- or
// 32-bit integer or 32-bit float samples in; mono 16-bit out.

export interface Pcm {
  sampleRate: number;
  /** Mono, -1 to 1: the channels averaged. */
  samples: Float32Array;
}

export class WavError extends Error {}

/** Reads a RIFF/WAVE file of PCM (format 1) or IEEE float (format 3) samples. */
export function readWav(bytes: Uint8Array): Pcm {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new WavError('not a WAV file');
  let format: { code: number; channels: number; sampleRate: number; bits: number } | null = null;
  for (let at = 12; at + 8 <= bytes.byteLength; ) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      let code = view.getUint16(body, true);
      // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
      if (code === 0xfffe && size >= 26) code = view.getUint16(body + 24, true);
      format = {
        code,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!format) throw new WavError('the data comes before the format');
      return { sampleRate: format.sampleRate, samples: decode(view, body, Math.min(size, bytes.byteLength - body), format) };
    }
    at = body + size + (size % 2);
  }
  throw new WavError('no audio data');
}

function decode(view: DataView, from: number, length: number, f: { code: number; channels: number; bits: number }): Float32Array {
  const width = f.bits / 8;
  const read: ((at: number) => number) | undefined =
    f.code === 1 && f.bits === 16
      ? (at) => view.getInt16(at, true) / 32768
      : f.code === 1 && f.bits === 24
        ? (at) => (view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608
        : f.code === 1 && f.bits === 32
          ? (at) => view.getInt32(at, true) / 2147483648
          : f.code === 3 && f.bits === 32
            ? (at) => view.getFloat32(at, true)
            : undefined;
  if (!read || f.channels < 1)
    throw new WavError(`unsupported samples (format ${f.code}, ${f.bits} bits, ${f.channels} channels): save as 16-bit PCM`);
  const frames = Math.floor(length / (width * f.channels));
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < f.channels; c++) sum += read(from + (i * f.channels + c) * width);
    out[i] = sum / f.channels;
  }
  return out;
}

/** A mono 16-bit PCM WAV file. */
export function writeWav({ sampleRate, samples }: Pcm): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const tag = (at: number, text: string) =>
    bytes.set(
      [...text].map((c) => c.charCodeAt(0)),
      at,
    );
  tag(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  tag(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  for (const [i, s] of samples.entries()) view.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, s)) * 32767), true);
  return bytes;
}
