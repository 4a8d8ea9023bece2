// The monitor's charts of today (Chart.js through react-chartjs-2, both MIT): waiting and the longest
// wait per service group, the share of calls within the target so far, counters open against visitors
// waiting. Each canvas is an image named by what it shows now; its figures are also a table, under
// a disclosure, for screen readers and for anyone who wants the numbers.
import { callApi, httpApi, type MonitorDay, type PublicConfig } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { CategoryScale, Chart, type ChartData, type ChartOptions, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useState } from 'react';
import { Line } from 'react-chartjs-2';

Chart.register(CategoryScale, LinearScale, PointElement, LineElement, Legend, Tooltip);

/** Today changes by the minute: the charts ask every half minute, not at the table's pace. */
const POLL_MS = 30_000;
/** Told apart on the dark panel, each at 3:1 or more against it. */
const COLOURS = ['#4d7cff', '#ffd23f', '#3ddc97', '#ff6b6b', '#c77dff', '#4cc9f0', '#ff9f1c', '#f15bb5', '#9ef01a', '#e0e0e0'];
const TEXT = '#e8edf3';
const GRID = '#2a3646';

const minutes = (ms: number) => Math.floor(ms / 60_000);

export function MonitorCharts({ locale, config }: { locale: Locale; config: PublicConfig }) {
  const [day, setDay] = useState<MonitorDay | null>(null);
  useEffect(() => {
    let active = true;
    const poll = () =>
      callApi(httpApi.adminMonitorDay, {}).then(
        (d) => active && setDay(d),
        () => undefined,
      );
    void poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, []);
  if (!day || day.points.length === 0) return null;

  const time = (at: number) =>
    new Date(at).toLocaleTimeString(locale.lang, { hour: '2-digit', minute: '2-digit', timeZone: config.site.timezone });
  const labels = day.points.map((p) => time(p.at));
  const groupName = (id: string) => {
    const g = config.serviceGroups.find((x) => x.id === id);
    return g ? locale.name(g.names) : id;
  };
  // Only the groups someone waited in today: ten flat lines at zero would hide the one that matters.
  const shown = day.groups.map((id, i) => ({ id, i })).filter(({ i }) => day.points.some((p) => (p.groups[i]?.waiting ?? 0) > 0));
  const now = day.points[day.points.length - 1]!;
  const perGroup = (value: (g: MonitorDay['points'][number]['groups'][number]) => number): ChartData<'line'> => ({
    labels,
    datasets: shown.map(({ id, i }, n) => ({
      label: groupName(id),
      data: day.points.map((p) => (p.groups[i] ? value(p.groups[i]) : 0)),
      borderColor: COLOURS[n % COLOURS.length],
      backgroundColor: COLOURS[n % COLOURS.length],
      pointRadius: 0,
      borderWidth: 2,
    })),
  });
  const longestNow = shown.map(({ id, i }) => ({ id, ms: now.groups[i]?.longestWaitMs ?? 0 })).sort((a, b) => b.ms - a.ms)[0];
  const share = (x: number | null) => (x === null ? locale.t('admin.none') : `${Math.round(x * 100)}%`);
  // The table a screen reader reads: a row every half hour, and now.
  const every = Math.max(1, Math.round(30 / day.stepMinutes));
  const rows = day.points.filter((_, i) => i % every === 0 || i === day.points.length - 1);

  return (
    <section aria-labelledby="charts-title" className="monitor-charts">
      <h2 id="charts-title">{locale.t('admin.charts.title')}</h2>
      <div className="chart-grid">
        <ChartFigure
          title={locale.t('admin.charts.waiting')}
          summary={locale.t('admin.charts.waitingNow', { waiting: now.waiting })}
          data={perGroup((g) => g.waiting)}
        />
        <ChartFigure
          title={locale.t('admin.charts.longest')}
          summary={
            longestNow && longestNow.ms > 0
              ? locale.t('admin.charts.longestNow', { minutes: minutes(longestNow.ms), group: groupName(longestNow.id) })
              : locale.t('admin.monitor.emptyQueues')
          }
          data={perGroup((g) => minutes(g.longestWaitMs))}
        />
        <ChartFigure
          title={locale.t('admin.charts.withinTarget', { minutes: day.targetWaitMinutes })}
          summary={locale.t('admin.charts.withinTargetNow', { share: share(now.withinTargetShare) })}
          data={{
            labels,
            datasets: [
              {
                label: locale.t('admin.charts.withinTargetShare'),
                data: day.points.map((p) => (p.withinTargetShare === null ? null : Math.round(p.withinTargetShare * 100))),
                borderColor: COLOURS[2],
                backgroundColor: COLOURS[2],
                pointRadius: 0,
                borderWidth: 2,
              },
            ],
          }}
          max={100}
        />
        <ChartFigure
          title={locale.t('admin.charts.windows')}
          summary={locale.t('admin.charts.windowsNow', { open: now.windowsOpen, waiting: now.waiting })}
          data={{
            labels,
            datasets: [
              {
                label: locale.t('admin.charts.windowsOpen'),
                data: day.points.map((p) => p.windowsOpen),
                borderColor: COLOURS[0],
                backgroundColor: COLOURS[0],
                pointRadius: 0,
                borderWidth: 2,
                stepped: true,
              },
              {
                label: locale.t('admin.charts.visitorsWaiting'),
                data: day.points.map((p) => p.waiting),
                borderColor: COLOURS[1],
                backgroundColor: COLOURS[1],
                pointRadius: 0,
                borderWidth: 2,
              },
            ],
          }}
        />
      </div>
      <details className="chart-data">
        <summary>{locale.t('admin.charts.table')}</summary>
        <table className="data">
          <caption className="visually-hidden">{locale.t('admin.charts.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{locale.t('admin.charts.time')}</th>
              <th scope="col">{locale.t('admin.charts.visitorsWaiting')}</th>
              <th scope="col">{locale.t('admin.charts.windowsOpen')}</th>
              <th scope="col">{locale.t('admin.charts.withinTargetShare')}</th>
              {shown.map(({ id }) => (
                <th key={id} scope="col">
                  {locale.t('admin.charts.groupCell', { group: groupName(id) })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.at}>
                <th scope="row">{time(p.at)}</th>
                <td>{p.waiting}</td>
                <td>{p.windowsOpen}</td>
                <td>{share(p.withinTargetShare)}</td>
                {shown.map(({ id, i }) => (
                  <td key={id}>
                    {locale.t('admin.charts.groupValue', {
                      waiting: p.groups[i]?.waiting ?? 0,
                      minutes: minutes(p.groups[i]?.longestWaitMs ?? 0),
                    })}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function ChartFigure({ title, summary, data, max }: { title: string; summary: string; data: ChartData<'line'>; max?: number }) {
  const options: ChartOptions<'line'> = {
    animation: false,
    maintainAspectRatio: false,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: { ticks: { color: TEXT, maxTicksLimit: 12 }, grid: { color: GRID } },
      y: { beginAtZero: true, ...(max === undefined ? {} : { max }), ticks: { color: TEXT, precision: 0 }, grid: { color: GRID } },
    },
    plugins: { legend: { labels: { color: TEXT, boxWidth: 14 } } },
  };
  return (
    <figure className="line-chart">
      <figcaption>
        <strong>{title}</strong> <span data-summary>{summary}</span>
      </figcaption>
      <div className="line-chart-canvas">
        <Line data={data} options={options} role="img" aria-label={`${title}: ${summary}`} />
      </div>
    </figure>
  );
}
