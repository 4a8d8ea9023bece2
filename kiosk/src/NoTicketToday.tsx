// The hub refused a ticket by the opening hours (hub/src/engine/opening.ts): the centre is closed
// (when tickets are issued again), or the service has no more tickets today (its last ticket, or its
// windows' time is used up). Either way the visitor is offered a visit booked for another day: a QR
// code of the booking page where the service can be booked online, else the staff.
import type { ErrorParams, MessageKey, PublicConfig } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useAnnounce } from './readAloud.js';

interface Props {
  config: PublicConfig;
  locale: Locale;
  /** `service_closed`; else `day_full`. */
  closed: boolean;
  /** The refusal's facts: `service`, `bookable`, and `opens`, `ticketsFrom`, `weekday`, `opensToday` or `reason`, `lastTicketAt`. */
  params: ErrorParams;
  readAloud: boolean;
  onDone: () => void;
}

/** The public booking page, with the service chosen: the hub's public address, else the one this page came from. */
export function bookingUrl(config: PublicConfig, service: string, origin = window.location.origin): string {
  return `${(config.publicUrl ?? origin).replace(/\/+$/, '')}/book?service=${encodeURIComponent(service)}`;
}

export function NoTicketToday({ config, locale, closed, params, readAloud, onDone }: Props) {
  const text = (key: string) => (typeof params[key] === 'string' ? (params[key] as string) : null);
  const serviceId = text('service') ?? '';
  const service = config.services.find((s) => s.id === serviceId);
  const url = params.bookable === true ? bookingUrl(config, serviceId) : null;
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (url) void QRCode.toDataURL(url, { margin: 2, width: 360, errorCorrectionLevel: 'M' }).then(setQr);
  }, [url]);

  const title = locale.t(closed ? 'kiosk.closed.title' : 'kiosk.full.title');
  const details: string[] = [];
  const opens = text('opens');
  const ticketsFrom = text('ticketsFrom');
  const weekday = text('weekday');
  if (closed && opens) {
    details.push(
      params.opensToday === true || !weekday
        ? locale.t('kiosk.closed.opens', { time: opens })
        : locale.t('kiosk.closed.opensOn', { weekday: locale.t(`weekday.${weekday}` as MessageKey), time: opens }),
    );
    if (ticketsFrom && ticketsFrom !== opens) details.push(locale.t('kiosk.closed.ticketsFrom', { time: ticketsFrom }));
  }
  if (!closed) {
    const last = text('lastTicketAt');
    details.push(
      params.reason === 'capacity' || !last ? locale.t('kiosk.full.capacity') : locale.t('kiosk.full.lastTicket', { time: last }),
    );
  }
  const offer = url ? locale.t('kiosk.book.scan', { url }) : locale.t('kiosk.book.staff');
  useAnnounce(readAloud, [title, ...details, locale.t('kiosk.book.title'), offer].join(' '), locale.lang);

  return (
    <section className="no-ticket" aria-labelledby="no-ticket-title" data-refusal={closed ? 'service_closed' : 'day_full'}>
      <div className="no-ticket-card" role="alert">
        <h2 id="no-ticket-title">{title}</h2>
        {service && <p className="no-ticket-service">{locale.name(service.names)}</p>}
        {details.map((d) => (
          <p key={d} className="no-ticket-detail">
            {d}
          </p>
        ))}
      </div>
      <div className="book-offer">
        <h3>{locale.t('kiosk.book.title')}</h3>
        {url && qr && <img className="book-qr" src={qr} alt={locale.t('kiosk.book.qr')} />}
        <p className="book-how">{offer}</p>
      </div>
      <button type="button" className="primary" data-read-aloud="always" onClick={onDone}>
        {locale.t('kiosk.ticket.done')}
      </button>
    </section>
  );
}
