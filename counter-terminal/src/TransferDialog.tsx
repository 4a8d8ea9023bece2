import type { CommandArgs, CounterState, PublicConfig, Ticket } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { type FormEvent, useState } from 'react';
import { Modal } from './Modal.js';

interface TransferProps {
  config: PublicConfig;
  locale: Locale;
  ticket: Ticket;
  /** The counter the ticket is at now: not a target. */
  from: string;
  counters: ReadonlyMap<string, CounterState>;
  onTransfer: (args: CommandArgs<'counter.transfer'>) => void;
  onClose: () => void;
}

/** To another service's line, or to one counter (the ticket keeps its service), with a note for the colleague. */
export function TransferDialog({ config, locale, ticket, from, counters, onTransfer, onClose }: TransferProps) {
  const [mode, setMode] = useState<'service' | 'counter'>('service');
  const [service, setService] = useState('');
  const [counter, setCounter] = useState('');
  const [comment, setComment] = useState('');
  const target = mode === 'service' ? service : counter;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    const note = comment.trim() ? { comment: comment.trim() } : {};
    onTransfer(mode === 'service' ? { service, ...note } : { counter, ...note });
  };

  const groups = config.serviceGroups
    .map((g) => ({ group: g, services: config.services.filter((s) => s.group === g.id && s.id !== ticket.service) }))
    .filter((g) => g.services.length);
  return (
    <Modal title={locale.t('counter.transfer.title', { number: ticket.number })} onClose={onClose}>
      <form className="modal-form" onSubmit={submit}>
        <fieldset className="transfer-mode">
          <legend className="visually-hidden">{locale.t('counter.transfer.mode')}</legend>
          {(['service', 'counter'] as const).map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {locale.t(m === 'service' ? 'counter.transfer.toService' : 'counter.transfer.toCounter')}
            </label>
          ))}
        </fieldset>
        {mode === 'service' ? (
          <label>
            {locale.t('counter.transfer.service')}
            <select name="service" value={service} onChange={(e) => setService(e.target.value)} required>
              <option value="">{locale.t('counter.transfer.chooseService')}</option>
              {groups.map(({ group, services }) => (
                <optgroup key={group.id} label={locale.name(group.names)}>
                  {services.map((s) => (
                    <option key={s.id} value={s.id}>
                      {locale.name(s.names)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
        ) : (
          <label>
            {locale.t('counter.transfer.counter')}
            <select name="counter" value={counter} onChange={(e) => setCounter(e.target.value)} required>
              <option value="">{locale.t('counter.transfer.chooseCounter')}</option>
              {config.counters
                .filter((c) => c.id !== from)
                .map((c) => {
                  const state = counters.get(c.id);
                  const who = state?.operator?.name ?? locale.t('counterStatus.closed');
                  return (
                    <option key={c.id} value={c.id}>
                      {`${locale.t('counter.window', { window: c.window })} · ${who}`}
                    </option>
                  );
                })}
            </select>
          </label>
        )}
        <p className="transfer-keeps">{locale.t('counter.transfer.keeps', { number: ticket.number })}</p>
        <label>
          {locale.t('counter.transfer.comment')}
          <textarea name="comment" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} rows={2} />
        </label>
        <div className="modal-buttons">
          <button type="submit" className="primary" disabled={!target}>
            {locale.t('counter.transfer.submit')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {locale.t('counter.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
