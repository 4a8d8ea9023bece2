import type { CounterLine, LineTicket, QueueSummary } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { useHiddenBelow } from '@vikno/ui';
import { useState } from 'react';
import type { Namer } from './names.js';
import { minutes } from './time.js';

interface LineProps {
  line: CounterLine | null;
  /** The retained summaries of the services this counter serves. */
  queues: readonly QueueSummary[];
  locale: Locale;
  names: Namer;
  now: number;
  targetMs: number;
  /** Calling is possible now (no current ticket, counter open, connected). */
  canCall: boolean;
  onCall: (ticket: LineTicket) => void;
  onUnpark: (ticket: LineTicket) => void;
}

/**
 * Who waits for this counter: counts and the oldest wait per service (past the centre's target in
 * warning colours), then every ticket it may call, then the tickets parked here.
 */
export function LinePanel({ line, queues, locale, names, now, targetMs, canCall, onCall, onUnpark }: LineProps) {
  const busy = queues.filter((q) => q.waiting > 0).sort((a, b) => (a.oldestQueuedAt ?? 0) - (b.oldestQueuedAt ?? 0));
  const total = queues.reduce((n, q) => n + q.waiting, 0);
  const overdue = (queuedAt: number) => now - queuedAt > targetMs;
  const [list, setList] = useState<HTMLElement | null>(null);
  const below = useHiddenBelow(list, line?.waiting);
  return (
    <section className="panel line" aria-labelledby="line-title">
      <h2 id="line-title">
        {locale.t('counter.line.title')} <span className="line-total">{total}</span>
      </h2>
      {busy.length === 0 ? (
        <p className="line-nobody">{locale.t('counter.line.nobody')}</p>
      ) : (
        <ul className="service-counts" aria-label={locale.t('counter.line.byService')}>
          {busy.map((q) => {
            const late = q.oldestQueuedAt !== null && overdue(q.oldestQueuedAt);
            return (
              <li key={q.service} data-service={q.service} className={late ? 'overdue' : undefined}>
                <span className="count-prefix">{names.prefix(q.service)}</span>
                <span className="count-name" title={names.service(q.service)}>
                  {names.service(q.service)}
                </span>
                <span className="count-waiting">{q.waiting}</span>
                <span className="count-oldest">
                  {q.oldestQueuedAt !== null && minutes(now - q.oldestQueuedAt, locale)}
                  {late && <span className="visually-hidden"> {locale.t('counter.line.overTarget')}</span>}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {line && line.waiting.length > 0 && (
        <ol className="tickets" aria-label={locale.t('counter.line.tickets')} ref={setList}>
          {line.waiting.map((t) => (
            <li
              key={t.id}
              data-ticket={t.number}
              className={[t.id === line.next && 'next', overdue(t.queuedAt) && 'overdue'].filter(Boolean).join(' ')}
            >
              <span className="ticket-number">{t.number}</span>
              <span className="ticket-tags">
                {t.id === line.next && <span className="tag tag-next">{locale.t('counter.line.next')}</span>}
                {t.priority && <span className="tag tag-priority">{names.priority(t.priority)}</span>}
                {t.targetCounter && <span className="tag">{locale.t('counter.line.forYou')}</span>}
                {t.targetOperator && <span className="tag">{locale.t('counter.line.forYouPersonally')}</span>}
                {t.sentBy && <span className="tag">{locale.t('counter.line.sentFrom', { window: names.window(t.sentBy) })}</span>}
              </span>
              <span className="ticket-service">
                <span className="ticket-service-name" title={names.service(t.service)}>
                  {names.service(t.service)}
                </span>
                {t.comment && <span className="ticket-comment">{t.comment}</span>}
              </span>
              <span className="ticket-wait">{minutes(now - t.queuedAt, locale)}</span>
              <button
                type="button"
                disabled={!canCall}
                onClick={() => onCall(t)}
                aria-label={locale.t('counter.line.callTicket', { number: t.number })}
              >
                {locale.t('counter.line.call')}
              </button>
            </li>
          ))}
        </ol>
      )}
      {below > 0 && <p className="line-more">↓ {locale.t('counter.line.more', { count: below })}</p>}
      {line && line.parked.length > 0 && (
        <section className="parked" aria-labelledby="parked-title">
          <h3 id="parked-title">{locale.t('counter.parked.title')}</h3>
          <ul>
            {line.parked.map((t) => (
              <li key={t.id} data-ticket={t.number}>
                <span className="ticket-number">{t.number}</span>
                <span className="ticket-service">{names.service(t.service)}</span>
                <button
                  type="button"
                  disabled={!canCall}
                  onClick={() => onUnpark(t)}
                  aria-label={locale.t('counter.parked.returnTicket', { number: t.number })}
                >
                  {locale.t('counter.parked.return')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
