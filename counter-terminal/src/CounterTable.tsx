import { type CounterState, topics } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { type Session, useRetained } from '@vikno/ui';

/** Every counter's state as the hub last published it, by window number. Operator actions come later. */
export function CounterTable({ config, client, locale }: Session) {
  const states = useRetained(client, topics.counter(config.site.id, '+'), 'counter');
  const counters = [...states.values()].sort((a, b) => a.window - b.window);
  return (
    <section className="counters" aria-labelledby="counters-title">
      <h2 id="counters-title">{locale.t('counters.title')}</h2>
      {counters.length === 0 ? (
        <p>{locale.t('counters.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{locale.t('counters.window')}</th>
              <th scope="col">{locale.t('counters.status')}</th>
              <th scope="col">{locale.t('counters.operator')}</th>
              <th scope="col">{locale.t('counters.ticket')}</th>
            </tr>
          </thead>
          <tbody>
            {counters.map((counter) => (
              <CounterRow key={counter.counter} counter={counter} locale={locale} />
            ))}
          </tbody>
        </table>
      )}
      <p className="pending">{locale.t('foundation.pending')}</p>
    </section>
  );
}

function CounterRow({ counter, locale }: { counter: CounterState; locale: Locale }) {
  return (
    <tr data-counter={counter.counter}>
      <th scope="row">{counter.window}</th>
      <td className={`status status-${counter.status}`}>{locale.t(`counterStatus.${counter.status}`)}</td>
      <td>{counter.operator?.name ?? '—'}</td>
      <td className="ticket">{counter.ticket?.number ?? '—'}</td>
    </tr>
  );
}
