// The announcement queue: each call becomes chime + the phrase in each language, strictly one after
// another: each is scheduled on the audio clock to start where the one before it ends, so none
// overlaps or cuts another, with no gap for the page to wake up in. The next is prepared while the
// current one plays. The chime sounds as soon as the call's turn comes, without waiting for the
// synthesizer: the hall hears at once that a call came, and the words follow as they are ready.
import type { Call } from '@vikno/shared';
import { callPhrase, type SpokenLanguage } from '@vikno/shared/voice';
import { CHIME_SECONDS, chime } from './audio.js';
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
  /**
   * When the chime and the first word are heard: `performance.timeOrigin`-based milliseconds (the
   * audio clock mapped through the output's timestamp), comparable with other pages' and processes'
   * wall time. Also marked on the page's timeline as `vikno:chime` and `vikno:first-word`.
   */
  chimeHeardAt: number | null;
  firstWordHeardAt: number | null;
  /** Why nothing was played. */
  skipped: 'quiet-hours' | 'sound-blocked' | null;
  chime: boolean;
  parts: SpokenPart[];
}

/** The first word starts this long after the chime's first note (the second note has faded by then). */
const FIRST_WORD_AFTER_CHIME = CHIME_SECONDS + 0.05;
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
      chimeHeardAt: null,
      firstWordHeardAt: null,
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
    const parts = this.settings.languages.map((lang) => this.part(lang, call));
    this.queue = this.queue
      .then(() => (this.closed ? undefined : this.play(record, parts)))
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

  /**
   * Schedules the chime at once, then each language's phrase as soon as it is synthesized, in order,
   * none before the one before it ends. The whole announcement is logged as scheduled (`startedAt`)
   * once its last part is.
   */
  private async play(record: AnnouncementRecord, parts: readonly Promise<SpokenPart | null>[]): Promise<void> {
    if (this.context.state !== 'running') await settled(this.context.resume(), 1000);
    if (this.context.state !== 'running') {
      record.skipped = 'sound-blocked';
      record.parts = (await Promise.all(parts)).filter((p) => p !== null);
      return;
    }
    const start = Math.max(this.context.currentTime, this.free);
    let next = start;
    let end = start;
    let last: AudioBufferSourceNode | null = null;
    if (record.chime) {
      last = this.schedule(this.chime, start);
      end = start + this.chime.duration;
      next = start + FIRST_WORD_AFTER_CHIME;
      record.chimeHeardAt = this.heardAt(start, 'vikno:chime', record);
    }
    for (const pending of parts) {
      const part = await pending;
      if (!part || this.closed) continue;
      record.parts.push(part);
      const at = Math.max(next, this.context.currentTime);
      last = this.schedule(part.buffer, at);
      end = at + part.buffer.duration;
      next = end + BETWEEN_LANGUAGES;
      record.firstWordHeardAt ??= this.heardAt(at, 'vikno:first-word', record);
    }
    if (!last) return;
    last.addEventListener('ended', () => {
      record.endedAt = this.context.currentTime;
    });
    this.free = end;
    record.startedAt = start;
    record.duration = end - start;
  }

  private schedule(buffer: AudioBuffer, at: number): AudioBufferSourceNode {
    const source = new AudioBufferSourceNode(this.context, { buffer });
    source.connect(this.output);
    source.addEventListener('ended', () => source.disconnect());
    source.start(at);
    return source;
  }

  /**
   * The wall time at which audio-clock second `at` comes out of the speakers, marked on the page's
   * timeline: the output's timestamp pairs an audio-clock time with the performance time it is heard
   * at; before the output has reported one, the clock now plus the output's latencies.
   */
  private heardAt(at: number, mark: string, record: AnnouncementRecord): number {
    const stamp = this.context.getOutputTimestamp();
    const performanceMs =
      stamp.contextTime && stamp.performanceTime
        ? stamp.performanceTime + (at - stamp.contextTime) * 1000
        : performance.now() + (at - this.context.currentTime + this.context.baseLatency + (this.context.outputLatency || 0)) * 1000;
    performance.mark(mark, { startTime: performanceMs, detail: { ticket: record.ticket, recall: record.recall } });
    return performance.timeOrigin + performanceMs;
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
