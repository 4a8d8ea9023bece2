// Every centre the supervisor may see, now: one row each, sortable by any column (a button in its
// header; aria-sort says the order), the centre's name a link to its own figures. A centre whose hub
// is offline, or whose summary is old, says since when — its figures are then the last it sent.
import { type CentreRow, callApi, centralApi, type MessageKey } from '@vikno/shared';
import { useState } from 'react';
import { alertText } from './AlertHistory.js';
import { CatalogueState, catalogueRank, RegionCatalogue } from './Catalogue.js';
import { clock, date, minutes, nameOf, share } from './format.js';
import type { Locale } from './locale.js';
import { usePoll } from './usePoll.js';

const POLL_MS = 10_000;

type Column = 'centre' | 'waiting' | 'longest' | 'withinTarget' | 'windows' | 'hub' | 'catalogue' | 'alerts';
const COLUMNS: Column[] = ['centre', 'waiting', 'longest', 'withinTarget', 'windows', 'hub', 'catalogue', 'alerts'];

/** Device alert kinds the catalog words; another is shown as the hub named it. */
const DEVICE_KINDS = ['paper_out', 'paper_low', 'printer', 'offline'];

const alertCount = (c: CentreRow) => c.deviceAlerts.length + c.integrityAlerts.length * 100;

export function Overview({ locale }: { locale: Locale }) {
  const { data, error } = usePoll(() => callApi(centralApi.overview, {}), POLL_MS, []);
  const [sort, setSort] = useState<{ by: Column; descending: boolean }>({ by: 'longest', descending: true });
  if (!data)
    return <p className="central-loading">{error ? locale.t('central.failed', { error: String(error) }) : locale.t('central.loading')}</p>;

  const value = (c: CentreRow, by: Column): number | string => {
    switch (by) {
      case 'centre':
        return nameOf(locale, c.name, c.site);
      case 'waiting':
        return c.waiting;
      case 'longest':
        return c.longestWaitSeconds;
      case 'withinTarget':
        return c.withinTargetShare ?? -1;
      case 'windows':
        return c.windowsOpen;
      case 'hub':
        // Offline longest first when descending: the oldest news is the most worrying.
        return c.stale ? data.at - (c.offlineSince ?? c.liveAt ?? 0) : -1;
      case 'catalogue':
        return catalogueRank(c);
      case 'alerts':
        return alertCount(c);
    }
  };
  const rows = [...data.centres].sort((a, b) => {
    const x = value(a, sort.by);
    const y = value(b, sort.by);
    const order = typeof x === 'string' ? x.localeCompare(String(y), locale.lang) : x - (y as number);
    return sort.descending ? -order : order;
  });
  const heading = (col: Column) =>
    col === 'withinTarget'
      ? locale.t('central.col.withinTarget', { minutes: data.centres[0]?.targetMinutes ?? 15 })
      : locale.t(`central.col.${col}` as MessageKey);
  const waiting = data.centres.filter((c) => !c.stale).reduce((n, c) => n + c.waiting, 0);

  return (
    <section aria-labelledby="overview-title" className="overview">
      <div className="section-head">
        <h2 id="overview-title">{locale.t('central.overview.title')}</h2>
        <p className="muted" data-updated>
          {locale.t('central.overview.updated', { time: clock(locale, data.at, 'Europe/Kyiv') })}
        </p>
      </div>
      {error ? (
        <p role="alert" className="central-error">
          {locale.t('central.failed', { error: String(error) })}
        </p>
      ) : null}
      {data.centres.length === 0 ? (
        <p>{locale.t('central.overview.empty')}</p>
      ) : (
        <>
          <p className="overview-summary" data-summary>
            {locale.t('central.overview.summary', {
              waiting,
              centres: data.centres.length,
              offline: data.centres.filter((c) => c.stale).length,
            })}
          </p>
          <RegionCatalogue locale={locale} catalogue={data.catalogue} />
          <div className="table-wrap">
            <table className="data overview-table">
              <caption className="visually-hidden">{locale.t('central.overview.title')}</caption>
              <thead>
                <tr>
                  {COLUMNS.map((col) => (
                    <th key={col} scope="col" aria-sort={sort.by === col ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                      <button
                        type="button"
                        className="sort"
                        data-sort={col}
                        onClick={() => setSort({ by: col, descending: sort.by === col ? !sort.descending : col !== 'centre' })}
                      >
                        {heading(col)}
                        <span aria-hidden="true">{sort.by === col ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.site} data-site={c.site} className={c.stale ? 'stale' : undefined}>
                    <th scope="row">
                      <a href={`#centre/${encodeURIComponent(c.site)}`}>{nameOf(locale, c.name, c.site)}</a>
                      {!c.openNow && <span className="tag">{locale.t('central.closed')}</span>}
                    </th>
                    <td className="num">{c.waiting}</td>
                    <td className={`num${c.longestWaitSeconds > c.targetMinutes * 60 ? ' over' : ''}`}>
                      {minutes(locale, c.longestWaitSeconds)}
                    </td>
                    <td className="num">{share(locale, c.withinTargetShare)}</td>
                    <td className="num">{locale.t('central.windows', { open: c.windowsOpen, total: c.windowsTotal })}</td>
                    <td data-hub>
                      <HubState locale={locale} centre={c} />
                    </td>
                    <td>
                      <CatalogueState locale={locale} centre={c} />
                    </td>
                    <td>
                      <Alerts locale={locale} centre={c} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export function HubState({ locale, centre: c }: { locale: Locale; centre: CentreRow }) {
  if (c.liveAt === null && c.offlineSince === null) return <span className="badge warn">{locale.t('central.hub.never')}</span>;
  if (!c.online) {
    if (c.offlineSince === null) return <span className="badge bad">{locale.t('central.hub.offline')}</span>;
    return (
      <span className="badge bad">
        {locale.t('central.hub.offlineSince', {
          time: clock(locale, c.offlineSince, c.timezone),
          date: date(locale, c.offlineSince, c.timezone),
        })}
      </span>
    );
  }
  if (c.stale && c.liveAt !== null)
    return (
      <span className="badge warn">
        {locale.t('central.hub.stale', { time: clock(locale, c.liveAt, c.timezone), date: date(locale, c.liveAt, c.timezone) })}
      </span>
    );
  return <span className="badge ok">{locale.t('central.hub.online')}</span>;
}

export function Alerts({ locale, centre: c }: { locale: Locale; centre: CentreRow }) {
  if (c.deviceAlerts.length === 0 && c.integrityAlerts.length === 0)
    return <span className="muted">{locale.t('central.alerts.none')}</span>;
  return (
    <ul className="alerts">
      {c.integrityAlerts.map((a) => (
        <li key={`i${a.id}`} className="integrity">
          {alertText(locale, a)}
        </li>
      ))}
      {c.deviceAlerts.map((a) => (
        <li key={`d${a.device}${a.kind}`}>
          {DEVICE_KINDS.includes(a.kind)
            ? locale.t(`central.device.${a.kind}` as MessageKey, { device: a.device })
            : locale.t('central.alerts.device', { device: a.device, kind: a.kind })}
        </li>
      ))}
    </ul>
  );
}
