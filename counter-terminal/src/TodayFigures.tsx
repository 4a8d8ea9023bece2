import type { OperatorToday } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { minutes } from './time.js';

/** The operator's own day: visits finished and their average length, no-shows, transfers. */
export function TodayFigures({ today, locale }: { today: OperatorToday | null; locale: Locale }) {
  const figures = [
    ['served', locale.t('counter.today.served'), today?.served],
    ['noShows', locale.t('counter.today.noShows'), today?.noShows],
    ['transferred', locale.t('counter.today.transferred'), today?.transferred],
    ['average', locale.t('counter.today.average'), today?.averageServiceMs == null ? '—' : minutes(today.averageServiceMs, locale)],
  ] as const;
  return (
    <section className="today" aria-labelledby="today-title">
      <h3 id="today-title">{locale.t('counter.today.title')}</h3>
      <dl>
        {figures.map(([id, label, value]) => (
          <div key={id} data-figure={id}>
            <dt>{label}</dt>
            <dd>{value ?? '—'}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
