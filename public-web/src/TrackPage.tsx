import { httpApi, type Tracking } from '@vikno/shared';
import { useEffect, useRef, useState } from 'react';
import { alertVisitor, unlockAudio } from './alerts.js';
import { Feedback } from './Feedback.js';
import { formatClock } from './locale.js';
import type { PageProps } from './page.js';
import { usePolling } from './usePolling.js';

const POLL_MS = 3000;
/** "Your turn is close" when this many or fewer are ahead. */
const SOON = 3;

export function TrackPage({ config, locale, token }: PageProps & { token: string }) {
  const polled = usePolling(httpApi.track, { params: { token } }, POLL_MS);
  const data = polled.kind === 'ok' ? polled.data : null;
  const alerted = useRef(new Set<string>());
  const [lastAlert, setLastAlert] = useState<string | null>(null);

  useEffect(() => {
    if (!data) return;
    const key =
      data.status === 'called'
        ? `called-${data.window}`
        : data.status === 'waiting' && data.ahead !== null && data.ahead <= SOON
          ? 'soon'
          : null;
    if (!key || alerted.current.has(key)) return;
    alerted.current.add(key);
    const called = data.status === 'called';
    alertVisitor(
      called ? 'called' : 'soon',
      called
        ? locale.t('track.notification.called', { number: data.number, window: data.window ?? '' })
        : locale.t('track.notification.soon', { number: data.number, count: data.ahead ?? 0 }),
    );
    setLastAlert(key);
  }, [data, locale]);

  if (polled.kind === 'loading') return <p role="status">{locale.t('public.loading')}</p>;
  if (polled.kind === 'offline') return <p role="status">{locale.t('public.offline')}</p>;
  if (polled.kind === 'refused' || !data)
    return (
      <section className="not-found" aria-labelledby="not-found-title">
        <h1 id="not-found-title">{locale.t('track.notFound.title')}</h1>
        <p>{locale.t('track.notFound.text')}</p>
      </section>
    );

  const service = config.services.find((s) => s.id === data.service);
  return (
    <section className="track" aria-labelledby="track-title" data-status={data.status} data-alert={lastAlert ?? undefined}>
      <h1 id="track-title">{locale.t('track.title')}</h1>
      <div className="ticket-card">
        <p className="label">{locale.t('track.number')}</p>
        <p className="ticket-number">{data.number}</p>
        {service && <p className="service-name">{locale.name(service.names)}</p>}
      </div>
      <div aria-live="polite">
        <TicketState data={data} locale={locale} />
      </div>
      {data.status === 'waiting' && <NotifyButton locale={locale} />}
      {data.feedback === 'open' && <Feedback token={token} locale={locale} />}
      {data.feedback === 'given' && (
        <p className="notice ok" role="status">
          {locale.t('feedback.thanks')}
        </p>
      )}
      <p className="updated">
        {polled.offline
          ? locale.t('public.offline')
          : locale.t('track.updated', { time: formatClock(data.at, locale.lang, config.site.timezone) })}
      </p>
    </section>
  );
}

function TicketState({ data, locale }: { data: Tracking; locale: PageProps['locale'] }) {
  const window = data.window ?? '';
  switch (data.status) {
    case 'waiting':
      return (
        <>
          {/* No figures while nobody can call it yet (sent to an operator not at a window): the notice says why. */}
          {data.ahead !== null && (
            <dl className="facts">
              <div data-fact="ahead">
                <dt>{locale.t('track.ahead')}</dt>
                <dd>{data.ahead}</dd>
              </div>
              <div data-fact="wait">
                <dt>{locale.t('track.wait')}</dt>
                <dd>{waitText(data, locale)}</dd>
              </div>
            </dl>
          )}
          {data.transferredTo && (
            <p className="notice transferred" data-to={data.transferredTo.to}>
              {transferText(data.transferredTo, locale)}
            </p>
          )}
          {data.ahead !== null && data.ahead <= SOON && <p className="notice soon">{locale.t('track.soon')}</p>}
        </>
      );
    case 'called':
      return (
        <div className="called" role="alert">
          <p>{locale.t('track.called', { window })}</p>
          <p className="window-number" aria-hidden="true">
            <span>{locale.t('track.calledShort')}</span> {window}
          </p>
        </div>
      );
    case 'serving':
      return <p className="notice">{locale.t('track.serving', { window })}</p>;
    case 'parked':
      return <p className="notice">{locale.t('track.parked', { window })}</p>;
    case 'finished':
      return data.inProcessing ? (
        <p className="notice processing">{locale.t('track.processing')}</p>
      ) : (
        <p className="notice ok">{locale.t('track.finished')}</p>
      );
    case 'no_show':
      return <p className="notice bad">{locale.t('track.noShow')}</p>;
    case 'expired':
      return <p className="notice bad">{locale.t('track.expired')}</p>;
  }
}

/** Where the ticket was sent: its service (named on the card above), a window, or an operator. */
function transferText({ to, window }: NonNullable<Tracking['transferredTo']>, locale: PageProps['locale']): string {
  if (to === 'service') return locale.t('track.transferred.service');
  if (to === 'window') return locale.t('track.transferred.window', { window: window ?? '' });
  return window === null ? locale.t('track.transferred.operatorAway') : locale.t('track.transferred.operator', { window });
}

/** "You are next", a range of minutes when the estimate is uncertain, else about so many minutes. */
function waitText(data: Tracking, locale: PageProps['locale']): string {
  const range = data.estimatedWaitRange;
  if (data.ahead === 0 && !range?.high) return locale.t('track.next');
  if (range && range.low < range.high) return locale.t('track.minutesRange', range);
  return locale.t('track.minutes', { minutes: data.estimatedWaitMinutes ?? 0 });
}

function NotifyButton({ locale }: { locale: PageProps['locale'] }) {
  const [state, setState] = useState<'ask' | 'on' | 'denied'>(() =>
    !('Notification' in window) || Notification.permission === 'default' ? 'ask' : Notification.permission === 'granted' ? 'on' : 'denied',
  );
  if (state !== 'ask') return <p className="hint">{locale.t(state === 'on' ? 'track.notify.on' : 'track.notify.denied')}</p>;
  return (
    <button
      type="button"
      className="secondary"
      onClick={async () => {
        unlockAudio();
        const permission = 'Notification' in window ? await Notification.requestPermission() : 'granted';
        setState(permission === 'denied' ? 'denied' : 'on');
      }}
    >
      {locale.t('track.notify')}
    </button>
  );
}
