// What the visitor sees after choosing: progress while the hub answers, the ticket, or why not.
import type { PrinterStatus, PublicConfig } from '@vikno/shared';
import { errorMessage, translate } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import type { IssueOutcome } from './issue.js';
import { printerProblemKey } from './issue.js';
import { waitText } from './printer.js';
import { useAnnounce } from './readAloud.js';

export function Issuing({ locale, slow }: { locale: Locale; slow: boolean }) {
  return (
    <section className="issuing" aria-live="polite" aria-busy="true">
      <div className="spinner" aria-hidden="true" />
      <h2>{locale.t('kiosk.issuing')}</h2>
      {slow && <p className="slow">{locale.t('kiosk.slow')}</p>}
    </section>
  );
}

interface TicketProps {
  config: PublicConfig;
  locale: Locale;
  outcome: Extract<IssueOutcome, { kind: 'issued' }>;
  readAloud: boolean;
  onDone: () => void;
}

export function TicketShown({ config, locale, outcome, readAloud, onDone }: TicketProps) {
  const { issued, print } = outcome;
  const service = config.services.find((s) => s.id === issued.ticket.service);
  const wait = waitText(issued, locale);
  const serviceName = service ? locale.name(service.names) : issued.ticket.service;
  const category = config.priorityCategories.find((p) => p.id === issued.ticket.priority);
  const priority = category ? ` ${locale.t('kiosk.ticket.priority')}: ${locale.name(category.names)}.` : '';
  useAnnounce(
    readAloud,
    print.ok
      ? `${locale.t('kiosk.ticket.title')} ${issued.ticket.number}. ${serviceName}.${priority} ${locale.t('kiosk.ticket.ahead')}: ${issued.ahead}. ${locale.t('kiosk.ticket.wait')}: ${wait}. ${locale.t('kiosk.ticket.take')}`
      : locale.t('kiosk.ticket.notPrinted', { number: issued.ticket.number }),
    locale.lang,
  );
  return (
    <section className="ticket" aria-labelledby="ticket-title" aria-live="assertive">
      <div className="ticket-card">
        <h2 id="ticket-title">{locale.t('kiosk.ticket.title')}</h2>
        <p className="ticket-number">
          <span className="visually-hidden">{locale.t('kiosk.ticket.number')} </span>
          {issued.ticket.number}
        </p>
        <p className="ticket-service">{serviceName}</p>
        <dl className="ticket-facts">
          {category && (
            <div>
              <dt>{locale.t('kiosk.ticket.priority')}</dt>
              <dd data-fact="priority">{locale.name(category.names)}</dd>
            </div>
          )}
          <div>
            <dt>{locale.t('kiosk.ticket.ahead')}</dt>
            <dd data-fact="ahead">{issued.ahead}</dd>
          </div>
          <div>
            <dt>{locale.t('kiosk.ticket.wait')}</dt>
            <dd data-fact="wait">{wait}</dd>
          </div>
        </dl>
        {print.ok ? (
          <p className="ticket-take">{locale.t('kiosk.ticket.take')}</p>
        ) : (
          <p className="ticket-warning" role="alert">
            {locale.t('kiosk.ticket.notPrinted', { number: issued.ticket.number })}
          </p>
        )}
        <button type="button" className="primary" data-read-aloud="always" onClick={onDone}>
          {locale.t('kiosk.ticket.done')}
        </button>
      </div>
      {print.previewUrl && (
        <figure className="ticket-preview">
          <img src={print.previewUrl} alt={locale.t('kiosk.ticket.preview')} />
          <figcaption>{locale.t('kiosk.ticket.preview')}</figcaption>
        </figure>
      )}
    </section>
  );
}

export function Refused({
  locale,
  code,
  readAloud,
  onAgain,
}: {
  locale: Locale;
  code: Parameters<typeof errorMessage>[1];
  readAloud: boolean;
  onAgain: () => void;
}) {
  const message = errorMessage(locale.lang, code);
  useAnnounce(readAloud, `${locale.t('kiosk.failed.title')}. ${message}`, locale.lang);
  return (
    <section className="refused" role="alert">
      <h2>{locale.t('kiosk.failed.title')}</h2>
      <p>{message}</p>
      <button type="button" className="primary" data-read-aloud="always" onClick={onAgain}>
        {locale.t('kiosk.tryAgain')}
      </button>
    </section>
  );
}

/** Nothing can be issued: the hub is unreachable or the printer cannot print. Said in every language. */
export function OutOfService({
  languages,
  printer,
  hubReachable,
}: {
  languages: readonly string[];
  printer: PrinterStatus | null;
  hubReachable: boolean;
}) {
  const reason = !hubReachable ? 'kiosk.outOfService.hub' : printer ? printerProblemKey(printer) : 'kiosk.outOfService.printer';
  return (
    <section className="out-of-service" role="alert" data-reason={!hubReachable ? 'hub' : printer?.paperOut ? 'paper' : 'printer'}>
      {languages.map((lang) => (
        <div key={lang} lang={lang} className="out-of-service-language">
          <h2>{translate(lang, 'kiosk.outOfService.title')}</h2>
          <p>{translate(lang, reason)}</p>
          <p>{translate(lang, 'kiosk.outOfService.help')}</p>
        </div>
      ))}
    </section>
  );
}
