// A cross-centre report as CSV, as the hub's admin reports are (hub/src/stats/report-csv.ts): in the
// page's language, the row's id in a column of its own beside its name, durations as h:mm:ss (which a
// spreadsheet reads as a duration), the share within the target as a whole percentage, UTF-8 with a
// byte-order mark, RFC 4180 (comma-separated, CRLF, quoted when needed).
import { type CentralReport, type CentralReportRow, type MessageKey, translate } from '@vikno/shared';
import { nameIn } from './names.js';

export function duration(seconds: number | null): string {
  if (seconds === null) return '';
  const s = Math.round(seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

export function centralReportCsv(report: CentralReport, lang: string): string {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const header = [
    t(`central.csv.id.${report.by}`),
    t(`central.csv.name.${report.by}`),
    t('central.report.issued'),
    t('central.report.called'),
    t('central.report.served'),
    t('central.report.noShows'),
    t('central.csv.meanWait'),
    t('central.csv.p50Wait'),
    t('central.csv.p90Wait'),
    t('central.csv.withinTarget', { minutes: report.targetMinutes }),
    t('central.csv.meanService'),
  ];
  const cells = (r: CentralReportRow, id: string, name: string) => [
    id,
    name,
    r.issued,
    r.called,
    r.served,
    r.noShows,
    duration(r.meanWaitSeconds),
    duration(r.p50WaitSeconds),
    duration(r.p90WaitSeconds),
    r.withinTargetShare === null ? '' : Math.round(r.withinTargetShare * 100),
    duration(r.meanServiceSeconds),
  ];
  const line = (values: readonly unknown[]) => values.map((v) => csvCell(v)).join(',');
  const lines = [
    line(header),
    ...report.rows.map((r) => line(cells(r, r.key, report.by === 'hour' ? `${r.key}:00` : nameIn(r.name, lang, r.key)))),
    line(cells(report.total, '', t('central.report.total'))),
  ];
  return `\uFEFF${lines.map((l) => `${l}\r\n`).join('')}`;
}

function csvCell(value: unknown): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
