// A report as CSV for a spreadsheet, in the report's language: the row's id in a column of its own
// beside its name (a service's or group's name in that language, "Window 3", an operator's name),
// headers from the i18n catalog, durations as h:mm:ss (which spreadsheets read as a duration, where
// "12:30" would be read as half past noon and 12.5 minutes as text in a decimal-comma locale), the
// share within the target as a whole percentage. UTF-8 with a byte-order mark, so that a spreadsheet
// that guesses the encoding reads the Cyrillic as such. RFC 4180: comma-separated, CRLF, quoted when needed.
import { type Config, localized, type MessageKey, type Report, type ReportRow, translate } from '@vikno/shared';

/** The name a report's row key stands for, in `lang`. */
export function rowName(report: Pick<Report, 'by'>, key: string, config: Config, lang: string): string {
  const fallbacks = config.site.languages;
  switch (report.by) {
    case 'service': {
      const s = config.services.find((x) => x.id === key);
      return s ? localized(s.names, lang, fallbacks) : key;
    }
    case 'group': {
      const g = config.serviceGroups.find((x) => x.id === key);
      return g ? localized(g.names, lang, fallbacks) : key;
    }
    case 'counter': {
      const k = config.counters.find((x) => x.id === key);
      return k ? `${translate(lang, 'counters.window')} ${k.window}` : key;
    }
    case 'operator':
      return config.operators.find((o) => o.username === key)?.name ?? key;
    case 'hour':
      return key;
  }
}

/** Minutes as h:mm:ss, to the second. */
export function duration(minutes: number): string {
  const seconds = Math.round(minutes * 60);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

export function reportCsv(report: Report, config: Config, lang: string): string {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const header = [
    t(`admin.csv.id.${report.by}`),
    t(`admin.csv.name.${report.by}`),
    t('admin.reports.issued'),
    t('admin.reports.visits'),
    t('admin.reports.served'),
    t('admin.reports.noShows'),
    t('admin.reports.transfers'),
    ...(['wait', 'service'] as const).flatMap((what) =>
      (['mean', 'p50', 'p90'] as const).map((stat) => t(`admin.csv.${what}`, { stat: t(`admin.csv.${stat}`) })),
    ),
    t('admin.csv.withinTarget', { minutes: report.targetWaitMinutes }),
    t('admin.csv.feedbackCount'),
    t('admin.csv.feedbackMean'),
  ];
  const spread = (s: ReportRow['wait']) => (s ? [duration(s.meanMinutes), duration(s.p50Minutes), duration(s.p90Minutes)] : ['', '', '']);
  const cells = (r: ReportRow, id: string, name: string) => [
    id,
    name,
    r.issued,
    r.visits,
    r.served,
    r.noShows,
    r.transfers,
    ...spread(r.wait),
    ...spread(r.service),
    r.withinTargetShare === null ? '' : Math.round(r.withinTargetShare * 100),
    r.feedback?.count,
    r.feedback?.mean,
  ];
  const line = (values: readonly unknown[]) => values.map((v) => csvCell(v ?? '')).join(',');
  const lines = [
    line(header),
    ...report.rows.map((r) => line(cells(r, r.key, rowName(report, r.key, config, lang)))),
    line(cells(report.total, '', t('admin.reports.total'))),
  ];
  return `\uFEFF${lines.map((l) => `${l}\r\n`).join('')}`;
}

function csvCell(value: unknown): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
