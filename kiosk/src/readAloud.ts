// "Read aloud" for visitors who cannot see the screen: the first touch on a button says what it is,
// a second touch on the same button chooses it (as phone screen readers do). Keyboard use is not
// gated: someone who tabs to a button has already heard it from their own screen reader.
// The voice is eSpeak NG in a worker, offline: a Linux kiosk's browser has no voices of its own. The
// browser's speechSynthesis speaks only a language eSpeak NG has no voice for here, or when it fails.
import { espeakSynthesizer, hasVoice, type Synthesizer } from '@vikno/ui/speech';
import { useEffect, useRef, useState } from 'react';

const SECOND_TOUCH_MS = 6000;

/** One utterance and who spoke it: the page keeps the latest in `window.__readAloud`. */
export interface Utterance {
  lang: string;
  text: string;
  /** Null while eSpeak NG synthesizes it, and for good when a newer utterance came first. */
  voice: 'espeak-ng' | 'speechSynthesis' | null;
  /** The sound eSpeak NG made of it. */
  buffer: AudioBuffer | null;
  /** Audio-clock seconds when its sound started. */
  startedAt: number | null;
}

declare global {
  interface Window {
    /** What read aloud said, for observing the kiosk; never read by it. */
    __readAloud?: Utterance[];
  }
}

const KEPT = 20;

/** The page's one voice. Each utterance silences the one before: the visitor has moved on. */
class Voice {
  private synthesizer: Synthesizer | null = null;
  private context: AudioContext | null = null;
  private current: { utterance: Utterance; source: AudioBufferSourceNode | null } | null = null;
  private readonly log: Utterance[];

  constructor() {
    window.__readAloud ??= [];
    this.log = window.__readAloud;
  }

  /** The synthesizer and the audio output, made at the first use: an 18 MB wasm to compile. */
  prepare(): { synthesizer: Synthesizer; context: AudioContext } {
    this.synthesizer ??= espeakSynthesizer();
    this.context ??= new AudioContext();
    return { synthesizer: this.synthesizer, context: this.context };
  }

  say(text: string, lang: string): void {
    this.stop();
    const utterance: Utterance = { lang, text, voice: null, buffer: null, startedAt: null };
    this.log.push(utterance);
    this.log.splice(0, this.log.length - KEPT);
    const turn: NonNullable<Voice['current']> = { utterance, source: null };
    this.current = turn;
    if (!hasVoice(lang)) {
      speakWithBrowser(utterance);
      return;
    }
    const { synthesizer, context } = this.prepare();
    // Called from a touch, which lets a context the browser held back start.
    if (context.state === 'suspended') void context.resume();
    synthesizer
      .wav(lang, text)
      .then((wav) => context.decodeAudioData(wav))
      .then((buffer) => {
        if (this.current !== turn) return;
        const source = new AudioBufferSourceNode(context, { buffer });
        source.connect(context.destination);
        source.start();
        turn.source = source;
        Object.assign(utterance, { voice: 'espeak-ng', buffer, startedAt: context.currentTime });
      })
      .catch((error: unknown) => {
        console.warn("vikno: eSpeak NG could not read aloud; the browser's voice speaks", error);
        if (this.current === turn) speakWithBrowser(utterance);
      });
  }

  stop(): void {
    const playing = this.current;
    this.current = null;
    playing?.source?.stop();
    if (playing?.utterance.voice === 'speechSynthesis') globalThis.speechSynthesis?.cancel();
  }
}

function speakWithBrowser(utterance: Utterance): void {
  const synth = globalThis.speechSynthesis;
  if (!synth) return;
  synth.cancel();
  const spoken = new SpeechSynthesisUtterance(utterance.text);
  spoken.lang = utterance.lang;
  spoken.rate = 0.9;
  synth.speak(spoken);
  utterance.voice = 'speechSynthesis';
}

let pageVoice: Voice | undefined;
const voice = (): Voice => (pageVoice ??= new Voice());

function label(button: HTMLElement): string {
  // innerText, not textContent: it leaves out what is hidden on screen, so the voice reads what the visitor sees.
  // biome-ignore lint/performance/useDomNodeTextContent: see above
  return (button.getAttribute('aria-label') ?? button.innerText ?? '').replace(/\s+/g, ' ').trim();
}

/** While on, gates taps inside `root` and returns what was last read, for the on-screen caption. */
export function useReadAloud(root: HTMLElement | null, on: boolean, lang: string): string {
  const [spoken, setSpoken] = useState('');
  const armed = useRef<{ button: Element; at: number } | null>(null);
  useEffect(() => {
    setSpoken('');
    armed.current = null;
    if (!root || !on) return;
    // Turning read aloud on starts the synthesizer, so that the first touch is answered sooner.
    voice().prepare();
    const onClick = (event: MouseEvent) => {
      // A click from the keyboard (Enter, Space) has no pointer position: let it through.
      if (event.detail === 0) return;
      const button = (event.target as Element).closest('button');
      if (!button || button.dataset.readAloud === 'always') return;
      const previous = armed.current;
      if (previous && previous.button === button && Date.now() - previous.at < SECOND_TOUCH_MS) {
        armed.current = null;
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      armed.current = { button, at: Date.now() };
      const text = label(button);
      setSpoken(text);
      voice().say(text, lang);
    };
    root.addEventListener('click', onClick, true);
    return () => {
      root.removeEventListener('click', onClick, true);
      voice().stop();
    };
  }, [root, on, lang]);
  return spoken;
}

/** Reads a screen's message aloud once when it appears (the ticket, an out-of-service notice). */
export function useAnnounce(on: boolean, text: string, lang: string): void {
  useEffect(() => {
    if (on && text) voice().say(text, lang);
  }, [on, text, lang]);
}
