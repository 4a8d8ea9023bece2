import type { MessageKey } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { type FormEvent, useState } from 'react';
import { Modal } from './Modal.js';

/** The usual reasons, one press each; the text goes to the hub in the terminal's language. */
export const PAUSE_REASONS: readonly MessageKey[] = [
  'counter.pause.break',
  'counter.pause.lunch',
  'counter.pause.paperwork',
  'counter.pause.consultation',
  'counter.pause.technical',
];

interface PauseProps {
  locale: Locale;
  onPause: (reason: string) => void;
  onClose: () => void;
}

export function PauseDialog({ locale, onPause, onClose }: PauseProps) {
  const [other, setOther] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (other.trim()) onPause(other.trim());
  };
  return (
    <Modal title={locale.t('counter.pause.title')} onClose={onClose}>
      <div className="pause-reasons">
        {PAUSE_REASONS.map((key) => (
          <button key={key} type="button" onClick={() => onPause(locale.t(key))}>
            {locale.t(key)}
          </button>
        ))}
      </div>
      <form className="modal-form" onSubmit={submit}>
        <label>
          {locale.t('counter.pause.other')}
          <input value={other} onChange={(e) => setOther(e.target.value)} maxLength={200} />
        </label>
        <div className="modal-buttons">
          <button type="submit" className="primary" disabled={!other.trim()}>
            {locale.t('counter.pause.submit')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {locale.t('counter.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
