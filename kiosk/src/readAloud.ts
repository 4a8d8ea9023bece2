// "Read aloud" for visitors who cannot see the screen: the first touch on a button says what it is,
// a second touch on the same button chooses it (as phone screen readers do). Keyboard use is not
// gated: someone who tabs to a button has already heard it from their own screen reader.
import { useEffect, useRef, useState } from 'react';

const SECOND_TOUCH_MS = 6000;

function label(button: HTMLElement): string {
  return (button.getAttribute('aria-label') ?? button.innerText ?? '').replace(/\s+/g, ' ').trim();
}

function speak(text: string, lang: string): void {
  const synth = globalThis.speechSynthesis;
  if (!synth) return;
  synth.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  utterance.rate = 0.9;
  synth.speak(utterance);
}

/** While on, gates taps inside `root` and returns what was last read, for the on-screen caption. */
export function useReadAloud(root: HTMLElement | null, on: boolean, lang: string): string {
  const [spoken, setSpoken] = useState('');
  const armed = useRef<{ button: Element; at: number } | null>(null);
  useEffect(() => {
    setSpoken('');
    armed.current = null;
    if (!root || !on) return;
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
      speak(text, lang);
    };
    root.addEventListener('click', onClick, true);
    return () => root.removeEventListener('click', onClick, true);
  }, [root, on, lang]);
  return spoken;
}

/** Reads a screen's message aloud once when it appears (the ticket, an out-of-service notice). */
export function useAnnounce(on: boolean, text: string, lang: string): void {
  useEffect(() => {
    if (on && text) speak(text, lang);
  }, [on, text, lang]);
}
