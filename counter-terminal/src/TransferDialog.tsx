import type { CommandArgs, CounterState, PublicConfig, Ticket, TransferOptions, TransferPlacement } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { type FormEvent, useState } from 'react';
import { Modal } from './Modal.js';

type Mode = 'service' | 'counter' | 'operator';

interface TransferProps {
  config: PublicConfig;
  locale: Locale;
  ticket: Ticket;
  /** The counter the ticket is at now: not a target. */
  from: string;
  counters: ReadonlyMap<string, CounterState>;
  /** The hub's `counter.transferOptions`: null until it answers. */
  options: TransferOptions | null;
  onTransfer: (args: CommandArgs<'counter.transfer'>) => void;
  onClose: () => void;
}

/**
 * To a service's line, to one window, or to one operator wherever they sign in (the ticket keeps its
 * service), first in line or by the visitor's arrival time, with a note for the colleague. Says
 * before the operator confirms when the ticket would wait for nobody, or come back to this window.
 */
export function TransferDialog({ config, locale, ticket, from, counters, options, onTransfer, onClose }: TransferProps) {
  const [mode, setMode] = useState<Mode>('service');
  const [service, setService] = useState('');
  const [counter, setCounter] = useState('');
  const [operator, setOperator] = useState('');
  const [chosenPlacement, setPlacement] = useState<TransferPlacement | null>(null);
  const [comment, setComment] = useState('');
  const placement = chosenPlacement ?? options?.placement ?? 'first';
  const target = { service, counter, operator }[mode];
  const warning = warningFor();

  function warningFor(): string | null {
    if (!target) return null;
    if (mode === 'service') {
      const s = options?.services.find((x) => x.service === service);
      if (!s || s.otherWindows > 0) return null;
      return locale.t(s.servedHere ? 'counter.transfer.comesBack' : 'counter.transfer.noWindow');
    }
    if (mode === 'counter') {
      const state = counters.get(counter);
      return state?.status === 'open' ? null : locale.t('counter.transfer.windowClosed');
    }
    const o = options?.operators.find((x) => x.username === operator);
    return o && o.counter === null ? locale.t('counter.transfer.operatorAway', { name: o.name }) : null;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    const note = comment.trim() ? { comment: comment.trim() } : {};
    const to = mode === 'service' ? { service } : mode === 'counter' ? { counter } : { operator };
    // The operator has read the warning: the hub would otherwise refuse a transfer nobody else takes.
    const confirmed = mode === 'service' && warning ? { evenIfNoOtherWindow: true as const } : {};
    onTransfer({ ...to, placement, ...note, ...confirmed });
  };

  const groups = config.serviceGroups
    .map((g) => ({ group: g, services: config.services.filter((s) => s.group === g.id && s.id !== ticket.service) }))
    .filter((g) => g.services.length);
  const modes: Record<Mode, Parameters<Locale['t']>[0]> = {
    service: 'counter.transfer.toService',
    counter: 'counter.transfer.toCounter',
    operator: 'counter.transfer.toOperator',
  };
  return (
    <Modal title={locale.t('counter.transfer.title', { number: ticket.number })} onClose={onClose}>
      <form className="modal-form" onSubmit={submit}>
        <fieldset className="transfer-mode">
          <legend className="visually-hidden">{locale.t('counter.transfer.mode')}</legend>
          {(['service', 'counter', 'operator'] as const).map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {locale.t(modes[m])}
            </label>
          ))}
        </fieldset>
        {mode === 'service' && (
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
        )}
        {mode === 'counter' && (
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
        {mode === 'operator' && (
          <label>
            {locale.t('counter.transfer.operator')}
            <select name="operator" value={operator} onChange={(e) => setOperator(e.target.value)} required>
              <option value="">{locale.t('counter.transfer.chooseOperator')}</option>
              {options?.operators.map((o) => (
                <option key={o.username} value={o.username}>
                  {`${o.name} · ${o.window === null ? locale.t('counter.transfer.signedOut') : locale.t('counter.window', { window: o.window })}`}
                </option>
              ))}
            </select>
          </label>
        )}
        <fieldset className="transfer-placement">
          <legend className="visually-hidden">{locale.t('counter.transfer.placement')}</legend>
          {(['first', 'arrival'] as const).map((p) => (
            <label key={p} className="choice">
              <input type="radio" name="placement" value={p} checked={placement === p} onChange={() => setPlacement(p)} />
              {locale.t(p === 'first' ? 'counter.transfer.first' : 'counter.transfer.arrival')}
            </label>
          ))}
        </fieldset>
        <p className="transfer-keeps">
          {locale.t(placement === 'first' ? 'counter.transfer.keepsFirst' : 'counter.transfer.keepsArrival', { number: ticket.number })}
        </p>
        {warning && (
          <p className="transfer-warning" role="alert">
            {warning}
          </p>
        )}
        <label>
          {locale.t('counter.transfer.comment')}
          <textarea name="comment" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} rows={2} />
        </label>
        <div className="modal-buttons">
          <button type="submit" className="primary" disabled={!target}>
            {locale.t(mode === 'service' && warning ? 'counter.transfer.submitAnyway' : 'counter.transfer.submit')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {locale.t('counter.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
