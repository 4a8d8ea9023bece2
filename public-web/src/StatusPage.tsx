import { type CentreStatus, httpApi, type WaitRange } from '@vikno/shared';
import { formatClock } from './locale.js';
import type { PageProps } from './page.js';
import { usePolling } from './usePolling.js';

const POLL_MS = 10_000;

/** What a centre puts on its website: is it open, how long the queues are, the opening hours. */
export function StatusPage({ config, locale }: PageProps) {
  const polled = usePolling(httpApi.publicStatus, {}, POLL_MS);
  if (polled.kind === 'loading') return <p role="status">{locale.t('public.loading')}</p>;
  if (polled.kind !== 'ok') return <p role="status">{locale.t('public.offline')}</p>;
  const s = polled.data;
  const today = s.hours[(new Date(`${s.day}T00:00:00Z`).getUTCDay() + 6) % 7]?.day;
  // "No queue" only when a ticket taken now would be called at once.
  const minutes = (m: number, range: WaitRange) =>
    range.high === 0
      ? locale.t('status.noWait')
      : range.low < range.high
        ? locale.t('status.minutesRange', range)
        : locale.t('status.minutes', { minutes: m });
  return (
    <section className="status" aria-labelledby="status-title">
      <h1 id="status-title">{locale.t('status.title')}</h1>
      <div className="status-summary">
        <p className={s.openNow ? 'badge ok' : 'badge bad'} data-open={s.openNow}>
          {locale.t(s.openNow ? 'status.openNow' : 'status.closedNow')}
        </p>
        {s.closesAt && (
          <p className="badge" data-closes={s.closesAt}>
            {locale.t('status.closesAt', { time: s.closesAt })}
          </p>
        )}
        <p className="badge" data-counters={s.openCounters}>
          {locale.t('status.counters', { count: s.openCounters })}
        </p>
      </div>
      {!s.openNow && <Opening status={s} locale={locale} />}
      <ul className="groups">
        {s.groups.map((g) => {
          const group = config.serviceGroups.find((x) => x.id === g.id);
          return (
            <li key={g.id} data-group={g.id}>
              <details>
                <summary>
                  <span className="group-name">{group ? locale.name(group.names) : g.id}</span>
                  <span className="group-figures">
                    <span className="waiting" data-waiting={g.waiting}>
                      <span className="visually-hidden">{locale.t('status.waiting')}: </span>
                      {g.waiting}
                    </span>
                    <span className="wait">{minutes(g.estimatedWaitMinutes, g.estimatedWaitRange)}</span>
                  </span>
                </summary>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{locale.t('queue.services')}</th>
                      <th scope="col">{locale.t('status.waiting')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {g.services.map((q) => {
                      const service = config.services.find((x) => x.id === q.id);
                      return (
                        <tr key={q.id} data-service={q.id}>
                          <th scope="row">
                            {service ? locale.name(service.names) : q.id}
                            {q.tickets === 'full' ? (
                              <span className="last-ticket full" data-tickets="full">
                                {locale.t('status.full')}
                              </span>
                            ) : (
                              q.tickets === 'open' &&
                              q.lastTicketAt && (
                                <span className="last-ticket" data-tickets="open">
                                  {locale.t('status.lastTicket', { time: q.lastTicketAt })}
                                </span>
                              )
                            )}
                          </th>
                          <td data-waiting={q.waiting}>
                            <span className="count">{q.waiting}</span>
                            <span className="wait">{minutes(q.estimatedWaitMinutes, q.estimatedWaitRange)}</span>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </details>
            </li>
          );
        })}
      </ul>
      <h2>{locale.t('status.hours')}</h2>
      <dl className="hours">
        {s.hours.map((h) => (
          <div key={h.day} className={h.day === today ? 'today' : undefined} aria-current={h.day === today ? 'date' : undefined}>
            <dt>{locale.t(`weekday.${h.day}`)}</dt>
            <dd>{h.intervals.length ? h.intervals.map(([a, b]) => `${a}–${b}`).join(', ') : locale.t('status.closedDay')}</dd>
          </div>
        ))}
      </dl>
      <p className="updated">
        {polled.offline
          ? locale.t('public.offline')
          : locale.t('status.updated', { time: formatClock(s.at, locale.lang, config.site.timezone) })}
      </p>
    </section>
  );
}

/** When a closed centre opens next and its kiosks start issuing: the same hours the kiosks keep to. */
function Opening({ status, locale }: { status: CentreStatus; locale: PageProps['locale'] }) {
  const next = status.next;
  if (!next) return null;
  const opens =
    next.day === status.day
      ? locale.t('status.opensAt', { time: next.opens })
      : locale.t('status.opensOn', { weekday: locale.t(`weekday.${next.weekday}`), time: next.opens });
  return (
    <p className="opening" data-opens={next.opens} data-tickets-from={next.ticketsFrom}>
      {opens}
      {next.ticketsFrom !== next.opens && `, ${locale.t('status.ticketsFrom', { time: next.ticketsFrom })}`}
      {status.ticketsNow && <span className="tickets-now">{locale.t('status.ticketsNow')}</span>}
    </p>
  );
}
