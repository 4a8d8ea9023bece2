import type { Locale } from '@vikno/shared/browser';
import { useState } from 'react';
import { OnScreenKeyboard } from './OnScreenKeyboard.js';

/**
 * The code from the booking confirmation, typed or scanned: a barcode/QR scanner acting as a keyboard
 * types into the focused field and ends with Enter.
 */
export function AppointmentScreen({ locale, onCheckIn }: { locale: Locale; onCheckIn: (code: string) => void }) {
  const [code, setCode] = useState('');
  const submit = () => {
    const trimmed = code.trim().toUpperCase();
    if (trimmed) onCheckIn(trimmed);
  };
  return (
    <section className="appointment" aria-labelledby="appointment-title">
      <h2 id="appointment-title">{locale.t('kiosk.appointment.title')}</h2>
      <form
        className="appointment-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <input
          className="code-field"
          aria-label={locale.t('kiosk.appointment.field')}
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
          autoComplete="off"
          spellCheck={false}
          // biome-ignore lint/a11y/noAutofocus: the scanner types wherever the focus is
          autoFocus
          maxLength={32}
        />
        <button type="submit" className="primary" disabled={!code.trim()}>
          {locale.t('kiosk.appointment.checkIn')}
        </button>
      </form>
      <OnScreenKeyboard
        locale={locale}
        initial="latin"
        capitals
        switchable={false}
        onKey={(k) => setCode((c) => (k === ' ' ? c : c + k))}
        onBackspace={() => setCode((c) => c.slice(0, -1))}
        onClear={() => setCode('')}
      />
    </section>
  );
}
