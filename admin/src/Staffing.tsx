// The staffing planner (hub/src/planner/): how many windows each service group needs hour by hour
// for the days ahead. The plan is a heat map of windows whose cells a supervisor may change and check
// (a what-if, simulated as given); the predicted p90 wait per hour and yesterday's forecast against
// what came are drawn with Chart.js, each chart named by what it shows and its figures in a table.
import {
  ApiError,
  apiUrl,
  callApi,
  httpApi,
  type MessageKey,
  type PlannedDay,
  type PlanningJob,
  type PublicConfig,
  type Roster,
  type WeekPlan,
} from '@vikno/shared';
import type { Locale } from '@vikno/shared/browser';
import { CHART_COLOURS, ChartTable, LineChart } from '@vikno/ui/charts';
import { type FormEvent, useEffect, useState } from 'react';
import { failure } from './failure.js';

const POLL_MS = 500;

/** The next Monday, in the browser's calendar: plans are made for the week ahead. */
function nextMonday(): string {
  const d = new Date();
  d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7));
  return d.toLocaleDateString('sv');
}

type Staffing = Record<string, number[]>;

function staffingOf(day: PlannedDay): Staffing {
  return Object.fromEntries(
    day.groups.map((g) => {
      const hours = new Array<number>(24).fill(0);
      for (const h of g.hours) hours[h.hour] = h.windows;
      return [g.group, hours];
    }),
  );
}

export function Staffing({ locale, config }: { locale: Locale; config: PublicConfig }) {
  const [request, setRequest] = useState({ from: nextMonday(), days: 7, target: 90 });
  const [job, setJob] = useState<PlanningJob | null>(null);
  const [plan, setPlan] = useState<WeekPlan | null>(null);
  const [chosen, setChosen] = useState(0);
  const [edited, setEdited] = useState<Staffing | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (job?.status !== 'running') return;
    const timer = setInterval(() => {
      callApi(httpApi.adminPlanning, { params: { job: job.job } }).then(
        (j) => {
          setJob(j);
          if (j.status === 'done' && j.plan) {
            setPlan(j.plan);
            setEdited(null);
          }
          if (j.status === 'failed') setError(locale.t('admin.staffing.failed', { error: j.error ?? '' }));
        },
        (e: unknown) => setError(failure(locale, e)),
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [job?.job, job?.status]);

  const start = (body: { from: string; days: number; targetShare: number; staffing?: Record<string, Staffing> }) => {
    setError(null);
    callApi(httpApi.adminPlanningStart, { body }).then(setJob, (e: unknown) =>
      setError(e instanceof ApiError && e.status === 409 ? locale.t('admin.staffing.busy') : failure(locale, e)),
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChosen(0);
    start({ from: request.from, days: request.days, targetShare: request.target / 100 });
  };
  const day = plan?.days[chosen];
  const checkMine = () => {
    if (!plan || !day || !edited) return;
    start({ from: day.day, days: 1, targetShare: plan.targetShare, staffing: { [day.day]: edited } });
  };
  const groupName = (id: string) => {
    const g = config.serviceGroups.find((x) => x.id === id);
    return g ? locale.name(g.names) : id;
  };
  const weekday = (d: string) =>
    new Date(`${d}T12:00:00Z`).toLocaleDateString(locale.lang, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  const pct = (x: number | null) => (x === null ? locale.t('admin.none') : `${Math.round(x * 100)}%`);

  return (
    <div className="staffing">
      <h2>{locale.t('admin.staffing.title')}</h2>
      <p className="hint">{locale.t('admin.staffing.hint', { share: `${request.target}%`, minutes: plan?.targetWaitMinutes ?? 15 })}</p>
      <form className="report-query" onSubmit={submit}>
        <label>
          {locale.t('admin.staffing.from')}
          <input type="date" name="from" value={request.from} onChange={(e) => setRequest({ ...request, from: e.target.value })} required />
        </label>
        <label>
          {locale.t('admin.staffing.days')}
          <input
            type="number"
            name="days"
            min={1}
            max={14}
            value={request.days}
            onChange={(e) => setRequest({ ...request, days: Number(e.target.value) })}
          />
        </label>
        <label>
          {locale.t('admin.staffing.target')}
          <input
            type="number"
            name="target"
            min={50}
            max={99}
            value={request.target}
            onChange={(e) => setRequest({ ...request, target: Number(e.target.value) })}
          />
        </label>
        <button type="submit" className="primary" disabled={job?.status === 'running'}>
          {locale.t('admin.staffing.plan')}
        </button>
      </form>
      {job?.status === 'running' && (
        <p role="status" className="staffing-progress">
          <progress
            value={job.done}
            max={job.total}
            aria-label={locale.t('admin.staffing.running', { done: job.done + 1, total: job.total })}
          />{' '}
          {locale.t('admin.staffing.running', { done: Math.min(job.done + 1, job.total), total: job.total })}
        </p>
      )}
      {error && (
        <p role="alert" className="admin-error">
          {error}
        </p>
      )}
      {plan && day && (
        <>
          <p>
            {locale.t('admin.staffing.basis', {
              days: plan.basis.days,
              weeks: plan.basis.weeks,
              trend: plan.basis.trend ? locale.t('admin.staffing.trend') : '',
            })}{' '}
            {locale.t('admin.staffing.summary', {
              plan: plan.operatorHours,
              erlang: plan.days.reduce((n, d) => n + d.erlangOperatorHours, 0),
              kept: plan.days.filter((d) => d.meetsTarget).length,
              days: plan.days.length,
            })}{' '}
            {job?.status === 'done' && (
              <a className="button-link" href={apiUrl(httpApi.adminPlanningCsv, { job: job.job }, { lang: locale.lang })} download>
                {locale.t('admin.staffing.csv')}
              </a>
            )}
          </p>
          <nav aria-label={locale.t('admin.staffing.day')} className="staffing-days">
            {plan.days.map((d, i) => (
              <button
                key={d.day}
                type="button"
                aria-current={i === chosen ? 'date' : undefined}
                onClick={() => {
                  setChosen(i);
                  setEdited(null);
                }}
              >
                {weekday(d.day)} · {d.operatorHours} · {locale.t(d.meetsTarget ? 'admin.staffing.meets' : 'admin.staffing.misses')}
                {d.given && ` · ${locale.t('admin.staffing.given')}`}
              </button>
            ))}
          </nav>
          {day.shortOfWindows.length > 0 && (
            <p role="alert" className="admin-error">
              {locale.t('admin.staffing.short', { groups: day.shortOfWindows.map(groupName).join(', ') })}
            </p>
          )}
          <HeatMap locale={locale} day={day} staffing={edited ?? staffingOf(day)} groupName={groupName} onChange={setEdited} pct={pct} />
          <p className="staffing-actions">
            <button type="button" className="primary" onClick={checkMine} disabled={!edited || job?.status === 'running'}>
              {locale.t('admin.staffing.check')}
            </button>{' '}
            <button type="button" onClick={() => setEdited(null)} disabled={!edited}>
              {locale.t('admin.staffing.reset')}
            </button>
          </p>
          {day.roster && (
            <RosterTable
              locale={locale}
              roster={day.roster}
              title={locale.t('admin.staffing.roster', { day: weekday(day.day) })}
              groupName={groupName}
            />
          )}
          <WaitChart
            locale={locale}
            day={day}
            targetMinutes={plan.targetWaitMinutes}
            title={locale.t('admin.staffing.p90', { day: weekday(day.day) })}
          />
          {plan.lookBack && (
            <LookBackChart
              locale={locale}
              lookBack={plan.lookBack}
              title={locale.t('admin.staffing.lookBack', { day: weekday(plan.lookBack.day) })}
            />
          )}
          {day.disagreements.length > 0 && (
            <details className="chart-data">
              <summary>{locale.t('admin.staffing.disagreements')}</summary>
              <ul>
                {day.disagreements.map((x) => (
                  <li key={`${x.group}-${x.hour}`}>
                    {locale.t('admin.staffing.disagreement', {
                      group: groupName(x.group),
                      hour: x.hour,
                      erlang: x.erlang,
                      windows: x.windows,
                      reason: locale.t(`admin.staffing.reason.${x.reason}` as MessageKey),
                    })}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}

function HeatMap({
  locale,
  day,
  staffing,
  groupName,
  onChange,
  pct,
}: {
  locale: Locale;
  day: PlannedDay;
  staffing: Staffing;
  groupName: (id: string) => string;
  onChange: (s: Staffing) => void;
  pct: (x: number | null) => string;
}) {
  const hours = [...new Set(day.groups.flatMap((g) => g.hours.map((h) => h.hour)))].sort((a, b) => a - b);
  const most = Math.max(1, ...Object.values(staffing).flat());
  const title = locale.t('admin.staffing.heatmap', { day: day.day });
  return (
    <div className="heatmap-wrap">
      <table className="data heatmap">
        <caption>
          {title}
          <br />
          <small>{locale.t('admin.staffing.heatmapHint')}</small>
        </caption>
        <thead>
          <tr>
            <th scope="col">{locale.t('admin.staffing.group')}</th>
            {hours.map((h) => (
              <th key={h} scope="col">
                {String(h).padStart(2, '0')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {day.groups.map((g) => (
            <tr key={g.group}>
              <th scope="row">{groupName(g.group)}</th>
              {g.hours.map((h) => {
                const n = staffing[g.group]?.[h.hour] ?? 0;
                // Darker blue for more windows; the number is always drawn in a colour readable on it.
                const level = n / most;
                return (
                  <td key={h.hour} style={{ background: `rgba(77, 124, 255, ${0.12 + 0.78 * level})` }}>
                    <input
                      type="number"
                      min={0}
                      max={1000}
                      value={n}
                      aria-label={locale.t('admin.staffing.cell', { group: groupName(g.group), hour: h.hour })}
                      title={locale.t('admin.staffing.cellTitle', {
                        forecast: h.forecast,
                        booked: h.booked,
                        erlang: h.erlang,
                        share: pct(h.simulatedShare),
                        p90: h.p90WaitMinutes === null ? locale.t('admin.none') : `${h.p90WaitMinutes}`,
                      })}
                      onChange={(e) => {
                        const next = structuredClone(staffing);
                        next[g.group] = [...(next[g.group] ?? new Array<number>(24).fill(0))];
                        next[g.group]![h.hour] = Math.max(0, Math.round(Number(e.target.value) || 0));
                        onChange(next);
                      }}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RosterTable({
  locale,
  roster,
  title,
  groupName,
}: {
  locale: Locale;
  roster: Roster;
  title: string;
  groupName: (id: string) => string;
}) {
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return (
    <section aria-labelledby="roster-title" className="roster">
      <h3 id="roster-title">{title}</h3>
      <p className="hint">{locale.t('admin.staffing.rosterHint')}</p>
      {roster.shortOfStaff.length > 0 && (
        <p role="alert" className="admin-error">
          {locale.t('admin.staffing.shortOfStaff', { groups: roster.shortOfStaff.map(groupName).join(', ') })}
        </p>
      )}
      {roster.operators !== null && roster.peak > roster.operators && (
        <p role="alert" className="admin-error">
          {locale.t('admin.staffing.tooFewOperators', { peak: roster.peak, operators: roster.operators })}
        </p>
      )}
      <div className="heatmap-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{locale.t('admin.staffing.group')}</th>
              {roster.shifts.map((s) => (
                <th key={s.id} scope="col">
                  {locale.t('admin.staffing.shift', { shift: s.id, from: s.from, to: s.to })}
                </th>
              ))}
              <th scope="col">{locale.t('admin.staffing.staffHours')}</th>
              <th scope="col">{locale.t('admin.staffing.peak')}</th>
            </tr>
          </thead>
          <tbody>
            {roster.groups.map((g) => (
              <tr key={g.group}>
                <th scope="row">
                  {groupName(g.group)}
                  {g.uncovered.length > 0 && (
                    <span className="roster-uncovered">
                      {' '}
                      · {locale.t('admin.staffing.uncovered', { hours: g.uncovered.map(hh).join(', ') })}
                    </span>
                  )}
                </th>
                {roster.shifts.map((s) => (
                  <td key={s.id}>{g.shifts.find((x) => x.shift === s.id)?.people ?? 0}</td>
                ))}
                <td>{g.staffHours}</td>
                <td>{g.eligible === null ? g.peak : locale.t('admin.staffing.peakOf', { peak: g.peak, eligible: g.eligible })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        {locale.t('admin.staffing.rosterTotal', { people: roster.people, hours: roster.staffHours, peak: roster.peak })}{' '}
        {roster.operators !== null && locale.t('admin.staffing.rosterOperators', { operators: roster.operators })}
      </p>
    </section>
  );
}

function WaitChart({ locale, day, targetMinutes, title }: { locale: Locale; day: PlannedDay; targetMinutes: number; title: string }) {
  const hours = [...new Set(day.groups.flatMap((g) => g.hours.map((h) => h.hour)))].sort((a, b) => a - b);
  // The worst group in each hour: the hour's promise is kept only if every group keeps it.
  const worst = hours.map((hour) => Math.max(0, ...day.groups.map((g) => g.hours.find((h) => h.hour === hour)?.p90WaitMinutes ?? 0)));
  const peak = worst.indexOf(Math.max(...worst));
  const summary = locale.t('admin.staffing.p90Now', { minutes: worst[peak] ?? 0, hour: hours[peak] ?? 0 });
  const labels = hours.map((h) => `${String(h).padStart(2, '0')}:00`);
  return (
    <LineChart
      title={title}
      summary={summary}
      suggestedMax={targetMinutes * 1.5}
      data={{
        labels,
        datasets: [
          {
            label: locale.t('admin.staffing.predictedP90'),
            data: worst,
            borderColor: CHART_COLOURS[1],
            backgroundColor: CHART_COLOURS[1],
            pointRadius: 2,
            borderWidth: 2,
          },
          {
            label: locale.t('admin.staffing.targetLine'),
            data: hours.map(() => targetMinutes),
            borderColor: CHART_COLOURS[3],
            backgroundColor: CHART_COLOURS[3],
            pointRadius: 0,
            borderWidth: 1,
            borderDash: [6, 4],
          },
        ],
      }}
    >
      <ChartTable
        label={locale.t('admin.charts.table')}
        headers={[locale.t('admin.staffing.hour'), locale.t('admin.staffing.predictedP90')]}
        rows={labels.map((l, i) => ({ key: l, cells: [l, worst[i]] }))}
      />
    </LineChart>
  );
}

function LookBackChart({ locale, lookBack, title }: { locale: Locale; lookBack: NonNullable<WeekPlan['lookBack']>; title: string }) {
  const hours = [...new Set(lookBack.groups.flatMap((g) => g.hours.map((h) => h.hour)))].sort((a, b) => a - b);
  const sum = (hour: number, pick: (h: (typeof lookBack.groups)[number]['hours'][number]) => number) =>
    lookBack.groups.reduce((n, g) => n + (g.hours.find((h) => h.hour === hour) ? pick(g.hours.find((h) => h.hour === hour)!) : 0), 0);
  const forecast = hours.map((h) => Math.round(sum(h, (x) => x.forecast)));
  const actual = hours.map((h) => sum(h, (x) => x.actual));
  const labels = hours.map((h) => `${String(h).padStart(2, '0')}:00`);
  const summary = locale.t('admin.staffing.lookBackNow', {
    forecast: forecast.reduce((a, b) => a + b, 0),
    actual: actual.reduce((a, b) => a + b, 0),
  });
  return (
    <LineChart
      title={title}
      summary={summary}
      data={{
        labels,
        datasets: [
          {
            label: locale.t('admin.staffing.forecast'),
            data: forecast,
            borderColor: CHART_COLOURS[0],
            backgroundColor: CHART_COLOURS[0],
            pointRadius: 2,
            borderWidth: 2,
          },
          {
            label: locale.t('admin.staffing.actual'),
            data: actual,
            borderColor: CHART_COLOURS[2],
            backgroundColor: CHART_COLOURS[2],
            pointRadius: 2,
            borderWidth: 2,
          },
        ],
      }}
    >
      <ChartTable
        label={locale.t('admin.charts.table')}
        headers={[locale.t('admin.staffing.hour'), locale.t('admin.staffing.forecast'), locale.t('admin.staffing.actual')]}
        rows={labels.map((l, i) => ({ key: l, cells: [l, forecast[i], actual[i]] }))}
      />
    </LineChart>
  );
}
