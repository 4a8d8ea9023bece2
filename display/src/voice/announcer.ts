// The announcement queue: each call becomes chime + the phrase in each language, played as one
// sound, strictly one after another: each is scheduled on the audio clock to start where the one
// before it ends, so none overlaps or cuts another, with no gap for the page to wake up in. The next
// is prepared while the current one plays.
import type { Call } from '@vikno/shared';
import { callPhrase, type SpokenLanguage } from '@vikno/shared/voice';
import { chime, join, type Piece } from './audio.js';
import { isQuiet } from './quiet-hours.js';
import type { Speech, SpokenPart } from './speech.js';

export interface AnnouncerSettings {
  /** Spoken in this order. */
  languages: readonly SpokenLanguage[];
  /** 0 to 1. */
  volume: number;
  chime: boolean;
  quietHours: readonly (readonly [string, string])[];
  timeZone: string;
}

/** One announcement and how it was played: the page keeps the latest in `window.__announcements`. */
export interface AnnouncementRecord {
  ticket: string;
  window: number;
  recall: number;
  /** Audio-clock seconds when playback starts (once scheduled) and when it ended; null before, or when nothing plays. */
  startedAt: number | null;
  endedAt: number | null;
  /** Seconds of audio played. */
  duration: number;
  /** Why nothing was played. */
  skipped: 'quiet-hours' | 'sound-blocked' | null;
  chime: boolean;
  parts: SpokenPart[];
}

const AFTER_CHIME = 0.3;
const BETWEEN_LANGUAGES = 0.8;
const KEPT = 50;

export class Announcer {
  private queue: Promise<void> = Promise.resolve();
  private readonly output: GainNode;
  private readonly chime: AudioBuffer;
  /** Audio-clock seconds when the last scheduled announcement ends. */
  private free = 0;
  private closed = false;

  constructor(
    private readonly context: AudioContext,
    private readonly speech: Pick<Speech, 'speak'>,
    private readonly settings: AnnouncerSettings,
    private readonly log: AnnouncementRecord[],
  ) {
    this.output = new GainNode(context, { gain: settings.volume });
    this.output.connect(context.destination);
    this.chime = chime(context.sampleRate);
  }

  announce(call: Call): void {
    const record: AnnouncementRecord = {
      ticket: call.number,
      window: call.window,
      recall: call.recall,
      startedAt: null,
      endedAt: null,
      duration: 0,
      skipped: null,
      chime: this.settings.chime,
      parts: [],
    };
    this.log.push(record);
    this.log.splice(0, this.log.length - KEPT);
    if (isQuiet(new Date(), this.settings.timeZone, this.settings.quietHours)) {
      record.skipped = 'quiet-hours';
      return;
    }
    // Synthesis starts now, so that it overlaps the announcements still playing.
    const parts = Promise.all(this.settings.languages.map((lang) => this.part(lang, call)));
    this.queue = this.queue
      .then(async () => {
        record.parts = (await parts).filter((p) => p !== null);
        if (!this.closed) await this.play(record, this.assemble(record));
      })
      .catch((error: unknown) => console.error(`vikno: could not announce ${call.number}`, error));
  }

  close(): void {
    this.closed = true;
  }

  private async part(lang: SpokenLanguage, call: Call): Promise<SpokenPart | null> {
    try {
      return await this.speech.speak(lang, callPhrase(lang, call.number, call.window));
    } catch (error) {
      console.error(`vikno: could not say ${call.number} in ${lang}`, error);
      return null;
    }
  }

  private assemble(record: AnnouncementRecord): AudioBuffer | null {
    const pieces: Piece[] = record.chime ? [this.chime, AFTER_CHIME] : [];
    for (const [i, part] of record.parts.entries()) pieces.push(...(i > 0 ? [BETWEEN_LANGUAGES] : []), part.buffer);
    return pieces.length ? join(pieces, this.context.sampleRate) : null;
  }

  private async play(record: AnnouncementRecord, buffer: AudioBuffer | null): Promise<void> {
    if (!buffer) return;
    if (this.context.state !== 'running') await settled(this.context.resume(), 1000);
    if (this.context.state !== 'running') {
      record.skipped = 'sound-blocked';
      return;
    }
    const source = new AudioBufferSourceNode(this.context, { buffer });
    source.connect(this.output);
    source.onended = () => {
      record.endedAt = this.context.currentTime;
      source.disconnect();
    };
    const at = Math.max(this.context.currentTime, this.free);
    source.start(at);
    this.free = at + buffer.duration;
    record.startedAt = at;
    record.duration = buffer.duration;
  }
}

/** Waits for `promise`, but no longer than `ms`. */
async function settled(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([promise.then(() => undefined), timeout]);
  clearTimeout(timer);
}
