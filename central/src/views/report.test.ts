import { centralReportSchema } from '@vikno/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../store/test-database.js';
import { insertTickets, liveSummary, putLive, putSite, SEED_REGION, type SeedTicket } from '../store/test-seed.js';
import { centralReport, percentile } from './report.js';
import { centralReportCsv } from './report-csv.js';
import { foldAllReportDays } from './report-rollup.js';

const region = { region: true } as const;
const at = (hhmm: string, day = '2026-11-02') => Date.parse(`${day}T${hhmm}:00+02:00`);

describe('reports across centres', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase();
    for (const c of SEED_REGION.slice(0, 2)) {
      await putSite(db.pool, c.site, { online: true });
      await putLive(db.pool, liveSummary(c, Date.now()));
    }
    const t = (
      site: string,
      id: string,
      service: string,
      group: string,
      issued: string,
      waitMin: number | null,
      status: SeedTicket['status'],
      serviceMin = 5,
    ): SeedTicket => ({
      site,
      id,
      day: '2026-11-02',
      service,
      group,
      status,
      issuedAt: at(issued),
      ...(waitMin !== null && { calledAt: at(issued) + waitMin * 60_000 }),
      ...(status === 'finished' && waitMin !== null && { finishedAt: at(issued) + (waitMin + serviceMin) * 60_000 }),
    });
    await insertTickets(db.pool, [
      t('kyiv-central', 'a1', 'passport-id', 'passports', '09:10', 10, 'finished', 4),
      t('kyiv-central', 'a2', 'passport-id', 'passports', '09:40', 20, 'finished', 6),
      t('kyiv-central', 'a3', 'subsidy', 'social', '10:05', 5, 'no_show'),
      t('kyiv-central', 'a4', 'subsidy', 'social', '10:30', null, 'expired'),
      t('irpin', 'b1', 'passport-id', 'passports', '09:00', 2, 'finished', 10),
      // Another day, outside the range asked.
      { ...t('irpin', 'b2', 'passport-id', 'passports', '09:00', 2, 'finished'), day: '2026-11-03', issuedAt: at('09:00', '2026-11-03') },
    ]);
  });
  afterAll(() => db?.close());

  it('adds up each centre: visitors, calls, waits, the share within 15 minutes, service time', async () => {
    const report = centralReportSchema.parse(
      await centralReport(db.pool, region, { from: '2026-11-01', to: '2026-11-02', by: 'centre' }, Date.now()),
    );
    expect(
      report.rows.map((r) => [
        r.key,
        r.issued,
        r.called,
        r.served,
        r.noShows,
        r.meanWaitSeconds,
        r.withinTargetShare,
        r.meanServiceSeconds,
      ]),
    ).toEqual([
      ['irpin', 1, 1, 1, 0, 120, 1, 600],
      ['kyiv-central', 4, 3, 2, 1, (10 + 20 + 5) * 20, 2 / 3, 300],
    ]);
    expect(report.rows[1]?.name).toEqual({ uk: 'ЦНАП Київ, Центральний', en: 'Kyiv Central Service Centre' });
    expect(report.total).toMatchObject({ issued: 5, called: 4, served: 3 });
  });

  it('groups by the local hour of arrival, and by service group', async () => {
    const hours = await centralReport(db.pool, region, { from: '2026-11-02', to: '2026-11-02', by: 'hour' }, Date.now());
    expect(hours.rows.map((r) => [r.key, r.issued])).toEqual([
      ['09', 3],
      ['10', 2],
    ]);
    const groups = await centralReport(db.pool, region, { from: '2026-11-02', to: '2026-11-02', by: 'group' }, Date.now());
    expect(groups.rows.map((r) => [r.key, r.issued, r.name.en])).toEqual([
      ['passports', 3, 'Passports'],
      ['social', 2, 'Social services'],
    ]);
  });

  it('writes the CSV in the page’s language: ids apart from names, durations as h:mm:ss, a percentage', async () => {
    const report = await centralReport(db.pool, region, { from: '2026-11-02', to: '2026-11-02', by: 'centre' }, Date.now());
    const uk = centralReportCsv(report, 'uk');
    expect(uk.startsWith('\uFEFFКод центру,Центр,Відвідувачі,Викликані,Обслужені,Не з’явилися,Середнє очікування,')).toBe(true);
    const lines = uk.slice(1).split('\r\n');
    expect(lines[1]).toBe('irpin,ЦНАП Ірпінь,1,1,1,0,0:02:00,0:02:30,0:02:54,100,0:10:00');
    expect(lines[2]).toBe('kyiv-central,"ЦНАП Київ, Центральний",4,3,2,1,0:11:40,0:10:30,0:20:42,67,0:05:00');
    expect(lines[3]).toMatch(/^,Разом,5,4,3,1,/);
    expect(centralReportCsv(report, 'en').split('\r\n')[0]).toBe(
      '\uFEFFCentre id,Centre,Visitors,Called,Served,Did not come,Mean wait,Median wait,90th percentile wait,"Called within 15 min, %",Mean service time',
    );
  });

  it('says the same from the rollups once the days are folded, and sees a change made after', async () => {
    const asked = (by: 'centre' | 'service' | 'group' | 'hour') =>
      centralReport(db.pool, region, { from: '2026-11-01', to: '2026-11-03', by }, Date.now());
    const before = await Promise.all((['centre', 'service', 'group', 'hour'] as const).map(asked));
    expect(await foldAllReportDays(db.pool)).toBe(3);
    const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM report_dirty');
    expect(rows[0]?.n).toBe('0');
    expect(await Promise.all((['centre', 'service', 'group', 'hour'] as const).map(asked))).toEqual(before);
    // A late event: the expired visitor was called after all, 40 minutes on.
    await db.pool.query(
      "UPDATE tickets SET status = 'finished', called_at = issued_at + interval '40 minutes', finished_at = issued_at + interval '45 minutes' WHERE id = 'a4'",
    );
    const after = await asked('centre');
    expect(after.rows.find((r) => r.key === 'kyiv-central')).toMatchObject({ issued: 4, called: 4, served: 3 });
    await foldAllReportDays(db.pool);
    expect(await asked('centre')).toEqual(after);
  });

  it('reads a changed day from its tickets beside the days folded, the same centre’s other days and other centres’ same day', async () => {
    await foldAllReportDays(db.pool);
    const dimensions = ['centre', 'service', 'group', 'hour'] as const;
    const asked = () =>
      Promise.all(dimensions.map((by) => centralReport(db.pool, region, { from: '2026-11-01', to: '2026-11-03', by }, Date.now())));
    const folded = await asked();
    // Irpin's 2 November marked changed; Kyiv's 2 November and Irpin's 3 November stay folded.
    await db.pool.query("UPDATE tickets SET status = status WHERE site_id = 'irpin' AND day = '2026-11-02'");
    const { rows } = await db.pool.query<{ site_id: string }>('SELECT site_id FROM report_dirty');
    expect(rows.map((r) => r.site_id)).toEqual(['irpin']);
    expect(await asked()).toEqual(folded);
    expect(folded[0]?.total).toMatchObject({ issued: 6, called: 6 });
  });

  it('takes percentiles from whole-minute counts', () => {
    expect(percentile(new Map([[0, 10]]), 10, 0.5)).toBe(30);
    expect(
      percentile(
        new Map([
          [2, 1],
          [9, 1],
        ]),
        2,
        0.9,
      ),
    ).toBe(9 * 60 + 48);
    expect(percentile(new Map(), 0, 0.5)).toBeNull();
  });
});
