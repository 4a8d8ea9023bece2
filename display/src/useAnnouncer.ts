import type { Call, PublicConfig } from '@vikno/shared';
import { useEffect, useState } from 'react';
import { type AnnouncementRecord, Announcer } from './voice/announcer.js';
import { isSpoken } from './voice/phrase.js';
import { Speech } from './voice/speech.js';
import { espeakSynthesizer } from './voice/synthesizer.js';
import { VoicePack } from './voice/voice-pack.js';

declare global {
  interface Window {
    /** The latest announcements and how they played: for observing the display, never read by it. */
    __announcements?: AnnouncementRecord[];
  }
}

export interface Announcements {
  announce: (call: Call) => void;
  /** The browser holds the sound back until someone touches the page (autoplay policy). */
  soundBlocked: boolean;
}

/** The display's announcer for as long as the board shows, set up from the centre's config. */
export function useAnnouncer(config: PublicConfig): Announcements {
  const [state, setState] = useState<Announcements>({ announce: () => undefined, soundBlocked: false });
  useEffect(() => {
    const settings = config.announcements;
    const context = new AudioContext({ latencyHint: 'playback' });
    const synthesizer = espeakSynthesizer();
    const speech = new Speech(context, synthesizer, settings.voicePack ? VoicePack.load() : Promise.resolve(null));
    window.__announcements ??= [];
    const announcer = new Announcer(
      context,
      speech,
      {
        languages: settings.languages.length ? settings.languages : config.site.languages.filter(isSpoken),
        volume: settings.volume,
        chime: settings.chime,
        quietHours: settings.quietHours,
        timeZone: config.site.timezone,
      },
      window.__announcements,
    );
    const announce = (call: Call) => announcer.announce(call);
    const report = () => setState({ announce, soundBlocked: context.state === 'suspended' });
    // A browser that blocks autoplay lets the sound start at the first touch or key press.
    const unblock = () => void context.resume();
    context.addEventListener('statechange', report);
    window.addEventListener('pointerdown', unblock);
    window.addEventListener('keydown', unblock);
    setState({ announce, soundBlocked: false });
    // A context the browser lets play is running within a moment; one still waiting is held back.
    const check = setTimeout(report, 1500);
    return () => {
      clearTimeout(check);
      announcer.close();
      synthesizer.close();
      context.removeEventListener('statechange', report);
      window.removeEventListener('pointerdown', unblock);
      window.removeEventListener('keydown', unblock);
      void context.close();
    };
  }, [config]);
  return state;
}
