// The first screen of a device that has no credentials yet (or whose credentials the hub stopped
// accepting): the pairing code the admin page shows, typed on a physical keyboard or on the big keys
// here (a kiosk or a display has no keyboard), sent to the hub, which answers with the device's own
// id and secret. The keys are the code's alphabet only, so nothing mistypeable is offered.
import { ApiError, type Paired } from '@vikno/shared';
import { type Locale, pair, pairingFromAddress } from '@vikno/shared/browser';
import { type FormEvent, useEffect, useId, useState } from 'react';

/** As in the hub (hub/src/security/pairing.ts): no 0/O, 1/I/L. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 8;

type Problem = 'unknown' | 'tooMany' | 'offline' | null;

interface PairingProps {
  locale: Locale;
  /** The hub refused the credentials this device had: it was revoked or replaced. */
  revoked: boolean;
  onPaired: (paired: Paired, caFingerprint: string | undefined) => void;
}

export function PairingForm({ locale, revoked, onPaired }: PairingProps) {
  const [fromQr] = useState(() => pairingFromAddress());
  const [code, setCode] = useState(fromQr?.code ?? '');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const inputId = useId();
  const type = (next: string) => {
    setProblem(null);
    setCode(
      next
        .toUpperCase()
        .replace(/[^0-9A-Z]/g, '')
        .slice(0, LENGTH),
    );
  };
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (sending || code.length === 0) return;
    setSending(true);
    try {
      onPaired(await pair(code), fromQr?.caFingerprint);
    } catch (error) {
      setProblem(error instanceof ApiError ? (error.status === 429 ? 'tooMany' : 'unknown') : 'offline');
      setSending(false);
    }
  };
  // A QR opened the page with the code in it: pair without a tap.
  useEffect(() => {
    if (fromQr) void submit();
  }, []);
  const shown = code.length > 4 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
  return (
    <form className="pairing" onSubmit={submit} aria-busy={sending}>
      <h2>{locale.t('device.pair.title')}</h2>
      {revoked && !problem && (
        <p role="alert" className="pairing-problem">
          {locale.t('device.pair.revoked')}
        </p>
      )}
      {problem && (
        <p role="alert" className="pairing-problem">
          {locale.t(`device.pair.${problem}`)}
        </p>
      )}
      <label htmlFor={inputId}>{locale.t('device.pair.code')}</label>
      <input
        id={inputId}
        className="pairing-code"
        value={shown}
        onChange={(e) => type(e.target.value)}
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={LENGTH + 1}
        // biome-ignore lint/a11y/noAutofocus: the only thing to do on this screen
        autoFocus
      />
      <p className="pairing-hint">{locale.t('device.pair.hint')}</p>
      <fieldset className="pairing-keys">
        <legend>{locale.t('device.pair.keys')}</legend>
        {[...ALPHABET].map((c) => (
          <button key={c} type="button" onClick={() => type(code + c)} disabled={code.length >= LENGTH}>
            {c}
          </button>
        ))}
        <button type="button" className="pairing-erase" onClick={() => type(code.slice(0, -1))} aria-label={locale.t('device.pair.erase')}>
          ⌫
        </button>
        <button type="button" className="pairing-erase" onClick={() => type('')} aria-label={locale.t('device.pair.clear')}>
          ✕
        </button>
      </fieldset>
      <button type="submit" className="pairing-submit" disabled={sending || code.length < LENGTH}>
        {locale.t(sending ? 'device.pair.sending' : 'device.pair.submit')}
      </button>
    </form>
  );
}
