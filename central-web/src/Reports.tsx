// Reports across the centres the supervisor may see: a date range by centre, service, group or hour
// of arrival — a chart of visitors with their mean wait, the table, and the same as CSV in the
// page's language.
import {
  apiUrl,
  type CentralReport,
  type CentralReportDimension,
  type CentralReportRow,
  callApi,
  centralApi,
  centralReportDimensions,
  type MessageKey,
} from '@vikno/shared';
import { ReportQuery } from '@vikno/ui/supervisors';
import { useEffect, useState } from 'react';
import { BarsAndLine } from './charts.js';
import { minutes, nameOf, share } from './format.js';
import type { Locale } from './locale.js';

const dayOf = (at: number) => new Date(at).toLocaleDateString('sv');

export function Reports({ locale }: { locale: Locale }) {
  const [query, setQuery] = useState({
    from: dayOf(Date.now() - 6 * 86_400_000),
    to: dayOf(Date.now()),
    by: 'centre' as CentralReportDimension,
  });
  const [report, setReport] = useState<CentralReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = (q: typeof query) => {
    setError(null);
    callApi(centralApi.report, { query: q }).then(setReport, (e: unknown) => setError(locale.t('central.failed', { error: String(e) })));
  };
  useEffect(() => load(query), []);
  const label = (r: CentralReportRow) => (report?.by === 'hour' ? `${r.key}:00` : nameOf(locale, r.name, r.key));
  const cells = (r: CentralReportRow) => [
    r.issued,
    r.called,
    r.served,
    r.noShows,
    minutes(locale, r.meanWaitSeconds),
    minutes(locale, r.p90WaitSeconds),
    share(locale, r.withinTargetShare),
    minutes(locale, r.meanServiceSeconds),
  ];
  const headers = report
    ? [
        locale.t('central.report.issued'),
        locale.t('central.report.called'),
        locale.t('central.report.served'),
        locale.t('central.report.noShows'),
        locale.t('central.report.meanWait'),
        locale.t('central.report.p90Wait'),
        locale.t('central.report.withinTarget', { minutes: report.targetMinutes }),
        locale.t('central.report.meanService'),
      ]
    : [];
  const byName = (by: CentralReportDimension) => locale.t(`central.report.by.${by}` as MessageKey);

  return (
    <section aria-labelledby="reports-title" className="reports">
      <h2 id="reports-title">{locale.t('central.tab.reports')}</h2>
      <ReportQuery
        query={query}
        onChange={setQuery}
        onSubmit={() => load(query)}
        dimensions={centralReportDimensions}
        dimensionName={byName}
        text={{
          from: locale.t('central.report.from'),
          to: locale.t('central.report.to'),
          by: locale.t('central.report.by'),
          show: locale.t('central.report.show'),
          csv: locale.t('central.report.csv'),
        }}
        csvHref={apiUrl(centralApi.reportCsv, {}, { ...query, lang: locale.lang })}
      />
      {error && (
        <p role="alert" className="central-error">
          {error}
        </p>
      )}
      {report && report.rows.length === 0 && <p className="muted">{locale.t('central.report.empty')}</p>}
      {report && report.rows.length > 0 && (
        <>
          <BarsAndLine
            title={locale.t('central.report.chart', { by: byName(report.by) })}
            labels={report.rows.map(label)}
            bars={{ label: locale.t('central.report.issued'), data: report.rows.map((r) => r.issued) }}
            line={{
              label: locale.t('central.report.chartWait'),
              data: report.rows.map((r) => (r.meanWaitSeconds === null ? null : Math.round(r.meanWaitSeconds / 6) / 10)),
            }}
          />
          <div className="table-wrap">
            <table className="data report-table" data-by={report.by}>
              <caption className="visually-hidden">{locale.t('central.report.chart', { by: byName(report.by) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{byName(report.by)}</th>
                  {headers.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.key} data-key={r.key}>
                    <th scope="row">{label(r)}</th>
                    {cells(r).map((c, i) => (
                      <td key={headers[i]} className="num">
                        {c}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{locale.t('central.report.total')}</th>
                  {cells(report.total).map((c, i) => (
                    <td key={headers[i]} className="num">
                      {c}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
