import { BUTTON_PAUSE_REASON, type CounterLine, type CounterState, type PublicConfig } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import type { Namer } from './names.js';
import { minutes, stopwatch } from './time.js';

interface CurrentProps {
  state: CounterState;
  line: CounterLine | null;
  config: PublicConfig;
  locale: Locale;
  names: Namer;
  now: number;
}

/** The visitor at the window: number, service, priority, how long they waited and how long this takes. */
export function CurrentTicket({ state, line, config, locale, names, now }: CurrentProps) {
  const t = state.ticket;
  if (!t) return <Idle state={state} line={line} locale={locale} names={names} />;
  const time = new Intl.DateTimeFormat(locale.lang, { hour: '2-digit', minute: '2-digit', timeZone: config.site.timezone });
  const called = t.status === 'called';
  const since = (called ? t.calledAt : t.startedAt) ?? now;
  return (
    <section className={`current current-${t.status}`} aria-labelledby="current-number">
      <div aria-live="polite" aria-atomic="true">
        <p className="current-state">{locale.t(called ? 'counter.current.called' : 'counter.current.serving')}</p>
        <p id="current-number" className="current-number">
          {t.number}
        </p>
        <p className="current-service">{names.service(t.service)}</p>
      </div>
      {(t.priority || t.appointmentAt !== null || t.transfers > 0) && (
        <ul className="tags">
          {t.priority && <li className="tag tag-priority">{names.priority(t.priority)}</li>}
          {t.appointmentAt !== null && (
            <li className="tag">{locale.t('counter.tag.appointment', { time: time.format(t.appointmentAt) })}</li>
          )}
          {t.transfers > 0 && <li className="tag">{locale.t('counter.tag.transferred')}</li>}
        </ul>
      )}
      {t.comment && <p className="current-comment">{locale.t('counter.current.comment', { comment: t.comment })}</p>}
      <dl className="current-times">
        <div>
          <dt>{locale.t('counter.current.waited')}</dt>
          <dd>{minutes((t.calledAt ?? now) - t.queuedAt, locale)}</dd>
        </div>
        <div>
          <dt>{locale.t(called ? 'counter.current.calledFor' : 'counter.current.servingFor')}</dt>
          <dd className="current-clock">{stopwatch(now - since)}</dd>
        </div>
        {t.recalls > 0 && (
          <div>
            <dt>{locale.t('counter.current.recalls')}</dt>
            <dd>{t.recalls}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function Idle({ state, line, locale, names }: Pick<CurrentProps, 'state' | 'line' | 'locale' | 'names'>) {
  const next = line?.waiting.find((t) => t.id === line.next);
  let title: string;
  if (state.status === 'paused')
    title = locale.t('counter.current.paused', {
      reason: state.pauseReason === BUTTON_PAUSE_REASON ? locale.t('counter.pause.callButton') : (state.pauseReason ?? ''),
    });
  else if (state.status === 'closed') title = locale.t('counter.current.closed');
  else title = locale.t('counter.current.none');
  return (
    <section className={`current current-idle current-${state.status}`} aria-live="polite">
      <p className="current-title">{title}</p>
      {line &&
        (next ? (
          <p className="current-next">{locale.t('counter.current.next', { number: next.number, service: names.service(next.service) })}</p>
        ) : (
          <p className="current-next">{locale.t('counter.line.nobody')}</p>
        ))}
    </section>
  );
}
