import type { Call, PublicConfig } from '@vikno/shared';
import { isSpoken } from '@vikno/shared/voice';
import { espeakSynthesizer } from '@vikno/ui/speech';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type AnnouncementRecord, Announcer } from './voice/announcer.js';
import { Speech } from './voice/speech.js';
import { VoicePack } from './voice/voice-pack.js';

declare global {
  interface Window {
    /** The latest announcements and how they played: for observing the display, never read by it. */
    __announcements?: AnnouncementRecord[];
  }
}

export interface Announcements {
  /** The same function for the life of the board, so that subscriptions need not be renewed. */
  announce: (call: Call) => void;
  /** The browser holds the sound back until someone touches the page (autoplay policy). */
  soundBlocked: boolean;
}

/** The display's announcer for as long as the board shows, set up from the centre's config. */
export function useAnnouncer(config: PublicConfig): Announcements {
  const current = useRef<Announcer | null>(null);
  const [soundBlocked, setSoundBlocked] = useState(false);
  useEffect(() => {
    const settings = config.announcements;
    const context = new AudioContext({ latencyHint: 'playback' });
    const synthesizer = espeakSynthesizer();
    const languages = settings.languages.length ? settings.languages : config.site.languages.filter(isSpoken);
    // The worker compiles eSpeak and loads each voice on its first phrase, a second or more: done now,
    // so that the first call's words follow its chime as soon as later calls' do.
    for (const lang of languages) synthesizer.wav(lang, '1').catch(() => undefined);
    const speech = new Speech(context, synthesizer, settings.voicePack ? VoicePack.load() : Promise.resolve(null));
    window.__announcements ??= [];
    const announcer = new Announcer(
      context,
      speech,
      {
        languages,
        volume: settings.volume,
        chime: settings.chime,
        quietHours: settings.quietHours,
        timeZone: config.site.timezone,
      },
      window.__announcements,
    );
    current.current = announcer;
    const report = () => setSoundBlocked(context.state === 'suspended');
    // A browser that blocks autoplay lets the sound start at the first touch or key press.
    const unblock = () => void context.resume();
    context.addEventListener('statechange', report);
    window.addEventListener('pointerdown', unblock);
    window.addEventListener('keydown', unblock);
    // A context the browser lets play is running within a moment; one still waiting is held back.
    const check = setTimeout(report, 1500);
    return () => {
      clearTimeout(check);
      current.current = null;
      announcer.close();
      synthesizer.close();
      context.removeEventListener('statechange', report);
      window.removeEventListener('pointerdown', unblock);
      window.removeEventListener('keydown', unblock);
      void context.close();
    };
  }, [config]);
  const announce = useCallback((call: Call) => current.current?.announce(call), []);
  return { announce, soundBlocked };
}
