// Bars of a count with a line of minutes over them (Chart.js through react-chartjs-2, as the admin's
// charts, @vikno/ui/charts, which draws lines only): the canvas is an image named by what it shows,
// and its figures are also a table (ChartTable there, or the page's own table beside it).

import { CHART_COLOURS } from '@vikno/ui/charts';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartData,
  type ChartOptions,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { ReactNode } from 'react';
import { Chart as ReactChart } from 'react-chartjs-2';

Chart.register(CategoryScale, LinearScale, BarController, BarElement, LineController, LineElement, PointElement, Legend, Tooltip);

const [BLUE, YELLOW] = CHART_COLOURS as [string, string];
const TEXT = '#e8edf3';
const GRID = '#2a3646';

/** Bars of a count and a line of minutes on a second axis, over the same labels. */
export function BarsAndLine({
  title,
  labels,
  bars,
  line,
  children,
}: {
  title: string;
  labels: string[];
  bars: { label: string; data: number[] };
  line: { label: string; data: (number | null)[] };
  /** The figures as a table (`ChartTable`), when the page does not show them beside the chart. */
  children?: ReactNode;
}) {
  const data: ChartData<'bar' | 'line', (number | null)[], string> = {
    labels,
    datasets: [
      { type: 'bar', label: bars.label, data: bars.data, backgroundColor: BLUE, yAxisID: 'count' },
      {
        type: 'line',
        label: line.label,
        data: line.data,
        borderColor: YELLOW,
        backgroundColor: YELLOW,
        yAxisID: 'minutes',
        borderWidth: 3,
      },
    ],
  };
  const options: ChartOptions<'bar' | 'line'> = {
    animation: false,
    maintainAspectRatio: false,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: { ticks: { color: TEXT, autoSkip: true, maxRotation: 45, font: { size: 14 } }, grid: { color: GRID } },
      count: { position: 'left', beginAtZero: true, ticks: { color: TEXT, precision: 0, font: { size: 14 } }, grid: { color: GRID } },
      minutes: {
        position: 'right',
        beginAtZero: true,
        ticks: { color: YELLOW, precision: 0, font: { size: 14 } },
        grid: { display: false },
      },
    },
    plugins: { legend: { labels: { color: TEXT, boxWidth: 14, font: { size: 14 } } } },
  };
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-canvas">
        <ReactChart type="bar" data={data} options={options} role="img" aria-label={title} />
      </div>
      {children}
    </figure>
  );
}
