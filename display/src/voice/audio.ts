// Audio buffers for announcements: the chime, silence trimmed off clips, and a voice pack's clips
// joined into one mono buffer so that a phrase plays as a single sound.

/** A piece of an announcement: audio, or a pause in seconds. */
export type Piece = AudioBuffer | number;

/** Joins audio and pauses into one mono buffer at `sampleRate` (the buffers already have it). */
export function join(pieces: readonly Piece[], sampleRate: number): AudioBuffer {
  const lengths = pieces.map((p) => (typeof p === 'number' ? Math.round(p * sampleRate) : p.length));
  const total = lengths.reduce((a, b) => a + b, 0);
  const out = new AudioBuffer({ length: Math.max(1, total), sampleRate, numberOfChannels: 1 });
  const data = out.getChannelData(0);
  let at = 0;
  pieces.forEach((piece, i) => {
    if (typeof piece !== 'number') data.set(mono(piece), at);
    at += lengths[i] ?? 0;
  });
  return out;
}

/**
 * The buffer without the silence before and after the sound: recordings and the synthesizer both
 * leave some, and joined clips would otherwise be read with gaps between the words.
 */
export function trimSilence(buffer: AudioBuffer): AudioBuffer {
  const data = mono(buffer);
  let peak = 0;
  for (const s of data) peak = Math.max(peak, Math.abs(s));
  const threshold = peak * 0.03;
  let start = data.findIndex((s) => Math.abs(s) > threshold);
  if (start < 0) return buffer;
  let end = data.length;
  while (end > start && Math.abs(data[end - 1] ?? 0) <= threshold) end--;
  // Keep a little of the fade on each side: a hard cut clicks.
  const margin = Math.round(buffer.sampleRate * 0.02);
  start = Math.max(0, start - margin);
  end = Math.min(data.length, end + margin);
  const out = new AudioBuffer({ length: end - start, sampleRate: buffer.sampleRate, numberOfChannels: 1 });
  out.getChannelData(0).set(data.subarray(start, end));
  return out;
}

/** Between the chime's two notes. */
const NOTE = 0.5;
/** The chime's length: the second note rings on, then fades out, before the first word. */
export const CHIME_SECONDS = 1.25;
const FADE_OUT = 0.2;

/** A two-note "ding-dong" (E5 then C5, bell-like partials decaying), made here so it needs no file. */
export function chime(sampleRate: number): AudioBuffer {
  const notes = [659.25, 523.25];
  const out = new AudioBuffer({ length: Math.round(sampleRate * CHIME_SECONDS), sampleRate, numberOfChannels: 1 });
  const data = out.getChannelData(0);
  const fadeFrom = data.length - Math.round(FADE_OUT * sampleRate);
  notes.forEach((freq, n) => {
    const from = Math.round(n * NOTE * sampleRate);
    for (let i = from; i < data.length; i++) {
      const t = (i - from) / sampleRate;
      const attack = Math.min(1, t / 0.005);
      const release = i < fadeFrom ? 1 : (data.length - i) / (data.length - fadeFrom);
      const tone = Math.sin(2 * Math.PI * freq * t) + 0.4 * Math.sin(4 * Math.PI * freq * t) + 0.15 * Math.sin(6 * Math.PI * freq * t);
      data[i] = (data[i] ?? 0) + 0.32 * attack * release * Math.exp(-t * 3) * tone;
    }
  });
  return out;
}

function mono(buffer: AudioBuffer): Float32Array {
  if (buffer.numberOfChannels === 1) return buffer.getChannelData(0);
  const out = new Float32Array(buffer.length);
  for (let c = 0; c < buffer.numberOfChannels; c++) {
    const channel = buffer.getChannelData(c);
    for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) + (channel[i] ?? 0) / buffer.numberOfChannels;
  }
  return out;
}
