// The monitor's charts of today (Chart.js through react-chartjs-2, both MIT): waiting and the longest
// wait per service group, the share of calls within the target so far, counters open against visitors
// waiting. Each canvas is an image named by what it shows now; its figures are also a table, under
// a disclosure, for screen readers and for anyone who wants the numbers.
import { callApi, httpApi, type MonitorDay, type PublicConfig } from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { ChartTable, CHART_COLOURS as COLOURS, LineChart, type LineChartProps } from '@vikno/ui/charts';
import { useEffect, useState } from 'react';

/** Today changes by the minute: the charts ask every half minute, not at the table's pace. */
const POLL_MS = 30_000;

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
  const perGroup = (value: (g: MonitorDay['points'][number]['groups'][number]) => number): LineChartProps['data'] => ({
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
        <LineChart
          title={locale.t('admin.charts.waiting')}
          summary={locale.t('admin.charts.waitingNow', { waiting: now.waiting })}
          data={perGroup((g) => g.waiting)}
        />
        <LineChart
          title={locale.t('admin.charts.longest')}
          summary={
            longestNow && longestNow.ms > 0
              ? locale.t('admin.charts.longestNow', { minutes: minutes(longestNow.ms), group: groupName(longestNow.id) })
              : locale.t('admin.monitor.emptyQueues')
          }
          data={perGroup((g) => minutes(g.longestWaitMs))}
        />
        <LineChart
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
        <LineChart
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
      <ChartTable
        label={locale.t('admin.charts.table')}
        caption={locale.t('admin.charts.title')}
        headers={[
          locale.t('admin.charts.time'),
          locale.t('admin.charts.visitorsWaiting'),
          locale.t('admin.charts.windowsOpen'),
          locale.t('admin.charts.withinTargetShare'),
          ...shown.map(({ id }) => locale.t('admin.charts.groupCell', { group: groupName(id) })),
        ]}
        rows={rows.map((p) => ({
          key: String(p.at),
          cells: [
            time(p.at),
            p.waiting,
            p.windowsOpen,
            share(p.withinTargetShare),
            ...shown.map(({ i }) =>
              locale.t('admin.charts.groupValue', {
                waiting: p.groups[i]?.waiting ?? 0,
                minutes: minutes(p.groups[i]?.longestWaitMs ?? 0),
              }),
            ),
          ],
        }))}
      />
    </section>
  );
}
