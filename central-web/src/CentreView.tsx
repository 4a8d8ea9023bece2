// One centre's figures: its state now (the overview's row, larger), each service group now, and
// today by hour of arrival — visitors who came and their mean wait, as a chart and a table — and its
// record's integrity alerts, which a region-wide supervisor may clear with a note.
import { type CentralUser, callApi, centralApi } from '@vikno/shared';
import { ChartTable } from '@vikno/ui/charts';
import { AlertHistory } from './AlertHistory.js';
import { CatalogueState, RegionCatalogue } from './Catalogue.js';
import { BarsAndLine } from './charts.js';
import { minutes, nameOf, share } from './format.js';
import type { Locale } from './locale.js';
import { Alerts, HubState } from './Overview.js';
import { usePoll } from './usePoll.js';

const POLL_MS = 15_000;

export function CentreView({ locale, site, user }: { locale: Locale; site: string; user: CentralUser }) {
  const { data, current, error, reload } = usePoll(() => callApi(centralApi.centre, { params: { site } }), POLL_MS, [site]);
  if (!data || !current)
    return (
      <p className={error ? 'central-error' : 'central-loading'} role={error ? 'alert' : undefined}>
        {error ? locale.t('central.failed', { error: String(error) }) : locale.t('central.loading')}
      </p>
    );
  const c = data.centre;
  const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return (
    <section aria-labelledby="centre-title" className="centre" data-centre={c.site}>
      <p>
        <a href="#overview">← {locale.t('central.centre.back')}</a>
      </p>
      <div className="section-head">
        <h2 id="centre-title">{nameOf(locale, c.name, c.site)}</h2>
        <HubState locale={locale} centre={c} />
      </div>
      <dl className={`figures${c.stale ? ' stale' : ''}`}>
        <div>
          <dt>{locale.t('central.col.waiting')}</dt>
          <dd>{c.waiting}</dd>
        </div>
        <div>
          <dt>{locale.t('central.col.longest')}</dt>
          <dd>{minutes(locale, c.longestWaitSeconds)}</dd>
        </div>
        <div>
          <dt>{locale.t('central.col.withinTarget', { minutes: c.targetMinutes })}</dt>
          <dd>{share(locale, c.withinTargetShare)}</dd>
        </div>
        <div>
          <dt>{locale.t('central.col.windows')}</dt>
          <dd>{locale.t('central.windows', { open: c.windowsOpen, total: c.windowsTotal })}</dd>
        </div>
        <div>
          <dt>{locale.t('central.col.catalogue')}</dt>
          <dd className="small">
            <CatalogueState locale={locale} centre={c} />
          </dd>
        </div>
        <div>
          <dt>{locale.t('central.col.alerts')}</dt>
          <dd className="small">
            <Alerts locale={locale} centre={c} />
          </dd>
        </div>
      </dl>
      <RegionCatalogue locale={locale} catalogue={data.catalogue} />
      <h3 id="alert-history">{locale.t('central.alerts.history')}</h3>
      <AlertHistory
        locale={locale}
        site={c.site}
        timezone={c.timezone}
        alerts={data.alertHistory}
        canClear={user.region}
        onCleared={reload}
      />
      <h3>{locale.t('central.centre.groups')}</h3>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{locale.t('central.centre.group')}</th>
              <th scope="col">{locale.t('central.col.waiting')}</th>
              <th scope="col">{locale.t('central.col.longest')}</th>
              <th scope="col">{locale.t('central.centre.estimate')}</th>
              <th scope="col">{locale.t('central.centre.windowsOpen')}</th>
            </tr>
          </thead>
          <tbody>
            {data.groups.map((g) => (
              <tr key={g.id} data-group={g.id}>
                <th scope="row">{nameOf(locale, g.name, g.id)}</th>
                <td className="num">{g.waiting}</td>
                <td className="num">{minutes(locale, g.longestWaitSeconds)}</td>
                <td className="num">
                  {g.estimatedWaitMinutes === null
                    ? locale.t('central.none')
                    : locale.t('central.minutes', { minutes: g.estimatedWaitMinutes })}
                </td>
                <td className="num">{g.windowsOpen}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{locale.t('central.centre.today', { day: data.day })}</h3>
      {data.hours.length === 0 ? (
        <p className="muted">{locale.t('central.centre.noTickets')}</p>
      ) : (
        <BarsAndLine
          title={`${locale.t('central.centre.chartArrivals')}; ${locale.t('central.centre.chartWait')}`}
          labels={data.hours.map((h) => hour(h.hour))}
          bars={{ label: locale.t('central.centre.chartArrivals'), data: data.hours.map((h) => h.issued) }}
          line={{
            label: locale.t('central.centre.chartWait'),
            data: data.hours.map((h) => (h.meanWaitSeconds === null ? null : Math.round(h.meanWaitSeconds / 6) / 10)),
          }}
        >
          <ChartTable
            label={locale.t('central.table')}
            caption={locale.t('central.centre.today', { day: data.day })}
            headers={[
              locale.t('central.centre.hour'),
              locale.t('central.centre.arrivals'),
              locale.t('central.centre.called'),
              locale.t('central.centre.meanWait'),
            ]}
            rows={data.hours.map((h) => ({
              key: String(h.hour),
              cells: [hour(h.hour), h.issued, h.called, minutes(locale, h.meanWaitSeconds)],
            }))}
          />
        </BarsAndLine>
      )}
    </section>
  );
}
