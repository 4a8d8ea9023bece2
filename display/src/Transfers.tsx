import type { PublicConfig, TransferNotice } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { inZone, type ZoneServices } from './calls.js';

/** Rows the panel keeps to: the calls and the waiting counts come first on a hall screen. */
const SHOWN = 3;

interface Props {
  config: PublicConfig;
  /** Newest first. */
  transfers: readonly TransferNotice[];
  services: ZoneServices;
  locale: Locale;
}

/** Where the tickets transferred and still waiting went: a service's line, a window, or an operator. */
export function Transfers({ config, transfers, services, locale }: Props) {
  const shown = transfers.filter((t) => inZone(services, t.service)).slice(0, SHOWN);
  if (!shown.length) return null;
  return (
    <div className="transfers">
      <h3>{locale.t('display.transfers')}</h3>
      <ul>
        {shown.map((t) => {
          const target = targetText(config, t, locale);
          return (
            <li key={t.ticketId} data-ticket={t.number} data-to={t.target.to}>
              <span className="visually-hidden">{locale.t('display.transfer.item', { number: t.number, target })}</span>
              <span className="transfer-number" aria-hidden="true">
                {t.number}
              </span>
              <span className="transfer-to" aria-hidden="true">
                → {target}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function targetText(config: PublicConfig, t: TransferNotice, locale: Locale): string {
  const { to, window } = t.target;
  if (to === 'window') return locale.t('display.transfer.window', { window: window ?? '' });
  if (to === 'operator')
    return window === null ? locale.t('display.transfer.operatorAway') : locale.t('display.transfer.operator', { window });
  const service = config.services.find((s) => s.id === t.service);
  return service ? locale.name(service.names) : t.service;
}
