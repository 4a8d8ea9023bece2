// A centre's integrity alerts, open and cleared. A region-wide supervisor clears an open one with a
// note saying why (required): the note, their name and the time stay in the history, and clearing a
// chain break lets the centre's record go on from the row it names.
import { type AlertRecord, ApiError, callApi, centralApi, type MessageKey } from '@vikno/shared';
import { type FormEvent, useId, useState } from 'react';
import { clock, date } from './format.js';
import type { Locale } from './locale.js';

const KINDS = ['chain_broken', 'row_changed', 'cursor_backwards'];

export function alertText(locale: Locale, a: { kind: string; seq: number | null; detail: string }): string {
  return KINDS.includes(a.kind)
    ? locale.t(`central.integrity.${a.kind}` as MessageKey, { seq: a.seq ?? '?' })
    : locale.t('central.integrity.other', { detail: a.detail });
}

export function AlertHistory(props: {
  locale: Locale;
  site: string;
  timezone: string;
  alerts: readonly AlertRecord[];
  canClear: boolean;
  onCleared: () => void;
}) {
  const { locale, alerts, timezone } = props;
  const when = (at: number) => `${clock(locale, at, timezone)} (${date(locale, at, timezone)})`;
  if (alerts.length === 0) return <p className="muted">{locale.t('central.alerts.historyNone')}</p>;
  return (
    <ul className="alert-history">
      {alerts.map((a) => (
        <li key={a.id} className={a.cleared ? 'cleared' : 'open'} data-alert={a.id}>
          <p className="alert-title">
            <span className={`badge ${a.cleared ? 'ok' : 'bad'}`}>
              {a.cleared ? locale.t('central.alerts.cleared') : locale.t('central.alerts.open')}
            </span>{' '}
            <strong>{alertText(locale, a)}</strong>
          </p>
          <p className="muted">
            {locale.t('central.alerts.raised', { when: when(a.raisedAt) })} — {a.detail}
          </p>
          {a.cleared ? (
            <p>
              {locale.t('central.alerts.clearedBy', { name: a.cleared.byName ?? a.cleared.by, when: when(a.cleared.at) })}
              {a.cleared.note ? <q className="note">{a.cleared.note}</q> : null}
            </p>
          ) : props.canClear ? (
            <ClearForm locale={locale} site={props.site} alert={a} onCleared={props.onCleared} />
          ) : (
            <p className="muted">{locale.t('central.alerts.regionClears')}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

function ClearForm({ locale, site, alert, onCleared }: { locale: Locale; site: string; alert: AlertRecord; onCleared: () => void }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noteId = useId();
  const hintId = useId();
  if (!open)
    return (
      <button type="button" className="clear-alert" onClick={() => setOpen(true)}>
        {locale.t('central.alerts.clear')}
      </button>
    );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return setError(locale.t('central.alerts.noteNeeded'));
    setBusy(true);
    setError(null);
    try {
      await callApi(centralApi.clearAlert, { params: { site, id: String(alert.id) }, body: { note } });
      onCleared();
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 409
          ? locale.t('central.alerts.clearedMeanwhile')
          : locale.t('central.failed', { error: String(err) }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="clear-form" onSubmit={submit} noValidate>
      <label htmlFor={noteId}>{locale.t('central.alerts.note')}</label>
      <p id={hintId} className="muted">
        {locale.t(alert.kind === 'row_changed' ? 'central.alerts.noteHint' : 'central.alerts.noteHintHeld')}
      </p>
      <textarea
        id={noteId}
        value={note}
        rows={3}
        required
        aria-required="true"
        aria-describedby={hintId}
        aria-invalid={error !== null && !note.trim()}
        onChange={(e) => {
          setNote(e.target.value);
          setError(null);
        }}
      />
      {error && (
        <p role="alert" className="central-error">
          {error}
        </p>
      )}
      <div className="clear-actions">
        <button type="submit" disabled={busy}>
          {locale.t('central.alerts.confirmClear')}
        </button>
        <button type="button" onClick={() => setOpen(false)} disabled={busy}>
          {locale.t('central.alerts.cancel')}
        </button>
      </div>
    </form>
  );
}
