// A line chart as the supervisors' pages draw them (Chart.js through react-chartjs-2, both MIT): the
// canvas is an image named by its title and what it shows now, and its figures are also a table under
// a disclosure, for screen readers and for anyone who wants the numbers.
import { CategoryScale, Chart, type ChartData, type ChartOptions, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js';
import type { ReactNode } from 'react';
import { Line } from 'react-chartjs-2';

Chart.register(CategoryScale, LinearScale, PointElement, LineElement, Legend, Tooltip);

const TEXT = '#e8edf3';
const GRID = '#2a3646';
/** Told apart on the dark panel, each at 3:1 or more against it. */
export const CHART_COLOURS = ['#4d7cff', '#ffd23f', '#3ddc97', '#ff6b6b', '#c77dff', '#4cc9f0', '#ff9f1c', '#f15bb5', '#9ef01a', '#e0e0e0'];

export interface LineChartProps {
  title: string;
  /** What the chart shows now, in a sentence: said with the title, and shown beside it. */
  summary: string;
  data: ChartData<'line'>;
  /** The y axis: `max` fixes its top (a share in %), `suggestedMax` lets larger values through. */
  max?: number;
  suggestedMax?: number;
  /** The figures as a table (`ChartTable`). */
  children?: ReactNode;
}

export function LineChart({ title, summary, data, max, suggestedMax, children }: LineChartProps) {
  const options: ChartOptions<'line'> = {
    animation: false,
    maintainAspectRatio: false,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: { ticks: { color: TEXT, maxTicksLimit: 12 }, grid: { color: GRID } },
      y: { beginAtZero: true, max, suggestedMax, ticks: { color: TEXT, precision: 0 }, grid: { color: GRID } },
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
      {children}
    </figure>
  );
}

export interface ChartTableProps {
  /** The disclosure's label ("the figures as a table"). */
  label: string;
  /** Told to screen readers only: what the table holds. */
  caption?: string;
  headers: readonly string[];
  /** Each row's first cell heads the row. */
  rows: readonly { key: string; cells: readonly ReactNode[] }[];
}

export function ChartTable({ label, caption, headers, rows }: ChartTableProps) {
  return (
    <details className="chart-data">
      <summary>{label}</summary>
      <table className="data">
        {caption !== undefined && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              {r.cells.map((c, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {c}
                  </th>
                ) : (
                  <td key={i}>{c}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
