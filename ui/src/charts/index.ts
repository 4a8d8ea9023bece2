export { CHART_COLOURS, ChartTable, type ChartTableProps, LineChart, type LineChartProps } from './LineChart.js';
