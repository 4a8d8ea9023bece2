// The report query of the supervisors' pages (the hub's admin, the region's): a date range, what to
// group by, "show" and the same query as CSV.
import type { FormEvent } from 'react';

export interface ReportRange<D extends string> {
  from: string;
  to: string;
  by: D;
}

export interface ReportQueryProps<D extends string> {
  query: ReportRange<D>;
  onChange: (query: ReportRange<D>) => void;
  onSubmit: () => void;
  dimensions: readonly D[];
  dimensionName: (d: D) => string;
  text: { from: string; to: string; by: string; show: string; csv: string };
  /** The CSV of the query as it stands. */
  csvHref: string;
}

export function ReportQuery<D extends string>({
  query,
  onChange,
  onSubmit,
  dimensions,
  dimensionName,
  text,
  csvHref,
}: ReportQueryProps<D>) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form className="report-query" onSubmit={submit}>
      <label>
        {text.from}
        <input type="date" name="from" value={query.from} onChange={(e) => onChange({ ...query, from: e.target.value })} required />
      </label>
      <label>
        {text.to}
        <input type="date" name="to" value={query.to} onChange={(e) => onChange({ ...query, to: e.target.value })} required />
      </label>
      <label>
        {text.by}
        <select name="by" value={query.by} onChange={(e) => onChange({ ...query, by: e.target.value as D })}>
          {dimensions.map((d) => (
            <option key={d} value={d}>
              {dimensionName(d)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{text.show}</button>
      <a className="button-link" href={csvHref} download>
        {text.csv}
      </a>
    </form>
  );
}
