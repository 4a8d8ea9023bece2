// Reports for a date range per service, group, counter, operator or hour: a table, a bar chart of
// calls with the mean wait, and the same figures as CSV from the hub.
import {
  apiUrl,
  callApi,
  httpApi,
  type MessageKey,
  type PublicConfig,
  type Report,
  type ReportDimension,
  type ReportRow,
  reportDimensions,
  type Spread,
} from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { ReportQuery } from '@vikno/ui/supervisors';
import { useEffect, useState } from 'react';
import { failure } from './failure.js';

/** Today in the centre's time zone (the hub's day), whatever zone the supervisor's computer is set to. */
const today = (timeZone: string) => new Intl.DateTimeFormat('sv', { timeZone }).format(new Date());

/** The cells of a row that hold three figures (wait, service time): they may wrap. */
const SPREADS = [5, 6];

/** Minutes as m:ss, to the second: a 20-second visit reads 0:20, not 0.33. */
export function minSec(minutes: number): string {
  const seconds = Math.round(minutes * 60);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function Reports({ locale, config }: { locale: Locale; config: PublicConfig }) {
  const [query, setQuery] = useState(() => {
    const day = today(config.site.timezone);
    return { from: day, to: day, by: 'service' as ReportDimension };
  });
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = (q: typeof query) => {
    setError(null);
    callApi(httpApi.adminReport, { query: q }).then(setReport, (e: unknown) => setError(failure(locale, e)));
  };
  useEffect(() => load(query), []);

  const label = (key: string) => {
    if (report?.by === 'service') {
      const s = config.services.find((x) => x.id === key);
      if (s) return locale.name(s.names);
    }
    if (report?.by === 'group') {
      const g = config.serviceGroups.find((x) => x.id === key);
      if (g) return locale.name(g.names);
    }
    if (report?.by === 'counter') {
      const k = config.counters.find((x) => x.id === key);
      if (k) return `${locale.t('counters.window')} ${k.window}`;
    }
    return key;
  };
  const spread = (s: Spread | null) =>
    s ? `${minSec(s.meanMinutes)} / ${minSec(s.p50Minutes)} / ${minSec(s.p90Minutes)}` : locale.t('admin.none');
  const share = (x: number | null) => (x === null ? locale.t('admin.none') : `${Math.round(x * 100)}%`);
  const cells = (r: ReportRow) => [
    r.issued,
    r.visits,
    r.served,
    r.noShows,
    r.transfers,
    spread(r.wait),
    spread(r.service),
    share(r.withinTargetShare),
    r.feedback ? `${r.feedback.mean} (${r.feedback.count})` : locale.t('admin.none'),
  ];

  return (
    <div className="reports">
      <ReportQuery
        query={query}
        onChange={setQuery}
        onSubmit={() => load(query)}
        dimensions={reportDimensions}
        dimensionName={(d) => locale.t(`admin.reports.by.${d}` as MessageKey)}
        text={{
          from: locale.t('admin.reports.from'),
          to: locale.t('admin.reports.to'),
          by: locale.t('admin.reports.by'),
          show: locale.t('admin.reports.show'),
          csv: locale.t('admin.reports.csv'),
        }}
        csvHref={apiUrl(httpApi.adminReportCsv, {}, { ...query, lang: locale.lang })}
      />
      {error && (
        <p role="alert" className="admin-error">
          {error}
        </p>
      )}
      {report && report.recordUnderQuestion.length > 0 && (
        <p role="alert" className="admin-error" data-under-question={report.recordUnderQuestion.join(' ')}>
          {locale.t('admin.reports.underQuestion', { days: report.recordUnderQuestion.join(', ') })}
        </p>
      )}
      {report && report.rows.length === 0 && <p className="muted">{locale.t('admin.reports.empty')}</p>}
      {report && report.rows.length > 0 && (
        <>
          <Chart
            rows={report.rows}
            label={label}
            title={locale.t('admin.reports.chart', { by: locale.t(`admin.reports.by.${report.by}` as MessageKey) })}
            waitTitle={locale.t('admin.reports.chartWait')}
            callsTitle={locale.t('admin.reports.visits')}
          />
          <table className="data report-table">
            <thead>
              <tr>
                <th scope="col">{`${locale.t('admin.reports.by')} ${locale.t(`admin.reports.by.${report.by}` as MessageKey)}`}</th>
                {(['issued', 'visits', 'served', 'noShows', 'transfers', 'wait', 'service', 'withinTarget', 'feedback'] as const).map(
                  (k) => (
                    <th key={k} scope="col">
                      {locale.t(`admin.reports.${k}`)}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.key} data-key={r.key}>
                  <th scope="row">{label(r.key)}</th>
                  {cells(r).map((c, i) => (
                    <td key={i} className={SPREADS.includes(i) ? 'spread' : undefined}>
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-key="total">
                <th scope="row">{locale.t('admin.reports.total')}</th>
                {cells(report.total).map((c, i) => (
                  <td key={i} className={SPREADS.includes(i) ? 'spread' : undefined}>
                    {c}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </div>
  );
}

/** Horizontal bars: calls per key (blue, scaled to the most) and the mean wait (yellow, scaled to the longest). */
function Chart({
  rows,
  label,
  title,
  waitTitle,
  callsTitle,
}: {
  rows: ReportRow[];
  label: (k: string) => string;
  title: string;
  waitTitle: string;
  callsTitle: string;
}) {
  const shown = rows.slice(0, 20);
  const maxCalls = Math.max(1, ...shown.map((r) => r.visits));
  const maxWait = Math.max(1, ...shown.map((r) => r.wait?.meanMinutes ?? 0));
  const rowHeight = 34;
  const labelWidth = 420;
  const barWidth = 520;
  const height = shown.length * rowHeight + 40;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg role="img" aria-label={title} viewBox={`0 0 ${labelWidth + barWidth * 2 + 80} ${height}`} width="100%">
        <text x={labelWidth} y={18} className="chart-legend">
          {callsTitle}
        </text>
        <text x={labelWidth + barWidth + 40} y={18} className="chart-legend">
          {waitTitle}
        </text>
        {shown.map((r, i) => {
          const y = 30 + i * rowHeight;
          const calls = (r.visits / maxCalls) * barWidth;
          const wait = ((r.wait?.meanMinutes ?? 0) / maxWait) * barWidth;
          const name = label(r.key);
          return (
            <g key={r.key}>
              <text x={labelWidth - 10} y={y + 20} textAnchor="end" className="chart-label">
                {/* A long service name is cut to fit beside its bar; the table below has it whole. */}
                <title>{name}</title>
                {name.length > 40 ? `${name.slice(0, 39)}…` : name}
              </text>
              <rect x={labelWidth} y={y + 4} width={calls} height={22} className="bar-calls" />
              <text x={labelWidth + calls + 6} y={y + 21} className="chart-value">
                {r.visits}
              </text>
              <rect x={labelWidth + barWidth + 40} y={y + 4} width={wait} height={22} className="bar-wait" />
              <text x={labelWidth + barWidth + 46 + wait} y={y + 21} className="chart-value">
                {r.wait ? minSec(r.wait.meanMinutes) : ''}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
