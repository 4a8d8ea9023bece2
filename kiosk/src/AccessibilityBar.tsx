import type { Locale } from '@vikno/shared/browser';
import type { ReactNode } from 'react';

export interface Access {
  largeText: boolean;
  contrast: boolean;
  readAloud: boolean;
}
export const NO_ACCESS_AIDS: Access = { largeText: false, contrast: false, readAloud: false };

/** Always on screen: large text, high contrast, reading aloud. Each is a toggle that says its state. */
export function AccessibilityBar({ locale, access, onChange }: { locale: Locale; access: Access; onChange: (next: Access) => void }) {
  const toggle = (key: keyof Access, labelKey: Parameters<Locale['t']>[0], icon: ReactNode) => (
    <button
      type="button"
      className="a11y-toggle"
      aria-pressed={access[key]}
      data-read-aloud="always"
      data-toggle={key}
      onClick={() => onChange({ ...access, [key]: !access[key] })}
    >
      <span aria-hidden="true">{icon}</span> {locale.t(labelKey)}
    </button>
  );
  return (
    <nav className="a11y-bar" aria-label={locale.t('kiosk.a11y.tools')}>
      {toggle('largeText', 'kiosk.a11y.largeText', 'A+')}
      {toggle('contrast', 'kiosk.a11y.contrast', '◐')}
      {toggle('readAloud', 'kiosk.a11y.voice', <SpeakerIcon />)}
    </nav>
  );
}

function SpeakerIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />
      <path d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
