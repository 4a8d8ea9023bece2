// A region's record filled directly with SQL, for the pages' tests, the bench and the demo: centres
// with names in uk and en, their live summaries (one offline since some time, one stale, one with an
// integrity alert), and tickets over days — exact rows for tests that check sums, or millions
// generated inside PostgreSQL for the bench.
import type { CentralLive } from '@vikno/shared';
import type { Pool } from 'pg';

export interface SeedGroup {
  id: string;
  uk: string;
  en: string;
  services: { id: string; uk: string; en: string }[];
}

/** A ЦНАП's catalogue in brief: the groups every demo centre offers, some only the big ones. */
export const SEED_GROUPS: SeedGroup[] = [
  {
    id: 'passports',
    uk: 'Паспорти',
    en: 'Passports',
    services: [
      { id: 'passport-id', uk: 'ID-картка', en: 'ID card' },
      { id: 'passport-foreign', uk: 'Закордонний паспорт', en: 'Passport for travel abroad' },
    ],
  },
  {
    id: 'registration',
    uk: 'Реєстрація місця проживання',
    en: 'Registration of residence',
    services: [{ id: 'residence', uk: 'Реєстрація місця проживання', en: 'Register a residence' }],
  },
  {
    id: 'social',
    uk: 'Соціальні послуги',
    en: 'Social services',
    services: [
      { id: 'subsidy', uk: 'Субсидія', en: 'Housing subsidy' },
      { id: 'pension', uk: 'Пенсійні питання', en: 'Pensions' },
    ],
  },
  {
    id: 'vehicles',
    uk: 'Транспортні засоби',
    en: 'Vehicles',
    services: [{ id: 'vehicle-reg', uk: 'Реєстрація авто', en: 'Register a vehicle' }],
  },
];

export interface SeedCentre {
  site: string;
  uk: string;
  en: string;
  /** Groups it offers (ids of SEED_GROUPS), waiting and estimated minutes in each now. */
  groups: { id: string; waiting: number; longestWaitSeconds: number; estimatedWaitMinutes: number | null; windowsOpen: number }[];
  windowsTotal: number;
  today: { issued: number; called: number; withinTarget: number };
  hours: { opens: string; closes: string } | null;
  openNow: boolean;
  deviceAlerts?: CentralLive['deviceAlerts'];
}

export function liveSummary(c: SeedCentre, at: number, timezone = 'Europe/Kyiv'): CentralLive {
  const groups = c.groups.map((g) => {
    const seed = SEED_GROUPS.find((x) => x.id === g.id)!;
    return { ...g, name: { uk: seed.uk, en: seed.en } };
  });
  return {
    site: c.site,
    at,
    name: { uk: c.uk, en: c.en },
    timezone,
    hours: c.hours,
    openNow: c.openNow,
    catalogueVersion: null,
    windowsOpen: c.groups.reduce((n, g) => n + g.windowsOpen, 0),
    windowsTotal: c.windowsTotal,
    today: { ...c.today, targetMinutes: 15 },
    groups,
    services: c.groups.flatMap((g) => {
      const seed = SEED_GROUPS.find((x) => x.id === g.id)!;
      return seed.services.map((s, i) => ({
        id: s.id,
        group: g.id,
        name: { uk: s.uk, en: s.en },
        waiting: i === 0 ? g.waiting : 0,
        longestWaitSeconds: i === 0 ? g.longestWaitSeconds : 0,
      }));
    }),
    deviceAlerts: c.deviceAlerts ?? [],
  };
}

/** Adds the site (idempotent) and sets its presence. */
export async function putSite(pool: Pool, site: string, presence: { online: boolean; offlineSince?: number }): Promise<void> {
  await pool.query(
    `INSERT INTO sites (id, online, offline_since, last_seen) VALUES ($1, $2, $3, now())
     ON CONFLICT (id) DO UPDATE SET online = excluded.online, offline_since = excluded.offline_since`,
    [site, presence.online, presence.offlineSince === undefined ? null : new Date(presence.offlineSince)],
  );
}

export async function putLive(pool: Pool, summary: CentralLive): Promise<void> {
  await pool.query(
    `INSERT INTO live (site_id, at, summary) VALUES ($1, $2, $3)
     ON CONFLICT (site_id) DO UPDATE SET at = excluded.at, summary = excluded.summary`,
    [summary.site, new Date(summary.at), JSON.stringify(summary)],
  );
}

export async function raiseAlert(pool: Pool, site: string, kind: string, seq: number, detail: string): Promise<void> {
  await pool.query('INSERT INTO alerts (site_id, kind, seq, detail) VALUES ($1, $2, $3, $4)', [site, kind, seq, detail]);
}

export interface SeedTicket {
  site: string;
  id: string;
  day: string;
  service: string;
  group: string | null;
  status: 'waiting' | 'called' | 'serving' | 'finished' | 'no_show' | 'expired';
  issuedAt: number;
  calledAt?: number;
  finishedAt?: number;
}

export async function insertTickets(pool: Pool, tickets: readonly SeedTicket[]): Promise<void> {
  for (const t of tickets)
    await pool.query(
      `INSERT INTO tickets (site_id, id, day, number, service, service_group, status, issued_at, called_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        t.site,
        t.id,
        t.day,
        t.id.toUpperCase(),
        t.service,
        t.group,
        t.status,
        new Date(t.issuedAt),
        t.calledAt === undefined ? null : new Date(t.calledAt),
        t.finishedAt === undefined ? null : new Date(t.finishedAt),
      ],
    );
}

export interface GeneratedTickets {
  sites: readonly string[];
  /** The first day, YYYY-MM-DD. */
  from: string;
  days: number;
  perDay: number;
  timezone?: string;
}

/**
 * Visits generated inside PostgreSQL (INSERT … SELECT over generate_series, no round trips): each
 * site and day gets `perDay` tickets arriving 08:00–17:00 local time over the seed catalogue's
 * services, waits of 0–40 minutes (most under 15), services of 2–20 minutes; 3 % no-shows. One
 * statement per site, so the caller sees progress and the WAL stays bounded.
 */
export async function generateTickets(pool: Pool, g: GeneratedTickets): Promise<void> {
  const services = SEED_GROUPS.flatMap((gr) => gr.services.map((s) => ({ id: s.id, group: gr.id })));
  const tz = g.timezone ?? 'Europe/Kyiv';
  for (const site of g.sites)
    await pool.query(
      `INSERT INTO tickets (site_id, id, day, number, service, service_group, status, issued_at, called_at, finished_at)
       SELECT $1, d::text || '-' || n, day, 'A' || n, s.id, s.grp,
         CASE WHEN r3 < 0.03 THEN 'no_show' ELSE 'finished' END,
         issued, issued + wait, CASE WHEN r3 < 0.03 THEN NULL ELSE issued + wait + service END
       FROM (
         SELECT d, n, ($2::date + d) AS day,
           ((($2::date + d) + time '08:00' + (n::float8 / $4) * interval '9 hours') AT TIME ZONE $5) AS issued,
           make_interval(secs => floor(power(random(), 2) * 2400)) AS wait,
           make_interval(secs => 120 + floor(random() * 1080)) AS service,
           random() AS r3,
           ($6::text[])[1 + (n % cardinality($6::text[]))] AS sid
         FROM generate_series(0, $3 - 1) d, generate_series(0, $4 - 1) n
       ) v, LATERAL (SELECT v.sid AS id, split_part(x, ':', 2) AS grp FROM unnest($7::text[]) x WHERE split_part(x, ':', 1) = v.sid) s`,
      [site, g.from, g.days, g.perDay, tz, services.map((s) => s.id), services.map((s) => `${s.id}:${s.group}`)],
    );
}

/** The region the pages' tests and screenshots show: five centres, one of each case. */
export const SEED_REGION: SeedCentre[] = [
  {
    site: 'kyiv-central',
    uk: 'ЦНАП Київ, Центральний',
    en: 'Kyiv Central Service Centre',
    groups: [
      { id: 'passports', waiting: 23, longestWaitSeconds: 1560, estimatedWaitMinutes: 24, windowsOpen: 6 },
      { id: 'registration', waiting: 7, longestWaitSeconds: 540, estimatedWaitMinutes: 9, windowsOpen: 3 },
      { id: 'social', waiting: 11, longestWaitSeconds: 980, estimatedWaitMinutes: 14, windowsOpen: 4 },
      { id: 'vehicles', waiting: 4, longestWaitSeconds: 300, estimatedWaitMinutes: 6, windowsOpen: 2 },
    ],
    windowsTotal: 20,
    today: { issued: 412, called: 367, withinTarget: 281 },
    hours: { opens: '08:00', closes: '20:00' },
    openNow: true,
    deviceAlerts: [{ device: 'kiosk-2', kind: 'paper_low', since: 0 }],
  },
  {
    site: 'irpin',
    uk: 'ЦНАП Ірпінь',
    en: 'Irpin Service Centre',
    groups: [
      { id: 'passports', waiting: 5, longestWaitSeconds: 420, estimatedWaitMinutes: 8, windowsOpen: 2 },
      { id: 'registration', waiting: 1, longestWaitSeconds: 60, estimatedWaitMinutes: 2, windowsOpen: 1 },
      { id: 'social', waiting: 3, longestWaitSeconds: 700, estimatedWaitMinutes: 12, windowsOpen: 1 },
    ],
    windowsTotal: 5,
    today: { issued: 96, called: 90, withinTarget: 84 },
    hours: { opens: '08:00', closes: '18:00' },
    openNow: true,
  },
  {
    site: 'bucha',
    uk: 'ЦНАП Буча',
    en: 'Bucha Service Centre',
    groups: [
      { id: 'passports', waiting: 2, longestWaitSeconds: 200, estimatedWaitMinutes: 4, windowsOpen: 1 },
      { id: 'social', waiting: 0, longestWaitSeconds: 0, estimatedWaitMinutes: 0, windowsOpen: 1 },
    ],
    windowsTotal: 3,
    today: { issued: 54, called: 52, withinTarget: 50 },
    hours: { opens: '09:00', closes: '17:00' },
    openNow: true,
  },
  {
    site: 'fastiv',
    uk: 'ЦНАП Фастів',
    en: 'Fastiv Service Centre',
    groups: [
      { id: 'passports', waiting: 1, longestWaitSeconds: 120, estimatedWaitMinutes: 2, windowsOpen: 1 },
      { id: 'registration', waiting: 0, longestWaitSeconds: 0, estimatedWaitMinutes: 0, windowsOpen: 1 },
    ],
    windowsTotal: 3,
    today: { issued: 40, called: 39, withinTarget: 39 },
    hours: { opens: '08:00', closes: '17:00' },
    openNow: true,
  },
  {
    site: 'obukhiv',
    uk: 'ЦНАП Обухів',
    en: 'Obukhiv Service Centre',
    groups: [
      { id: 'passports', waiting: 9, longestWaitSeconds: 1320, estimatedWaitMinutes: 19, windowsOpen: 2 },
      { id: 'social', waiting: 2, longestWaitSeconds: 240, estimatedWaitMinutes: 5, windowsOpen: 1 },
    ],
    windowsTotal: 4,
    today: { issued: 120, called: 108, withinTarget: 70 },
    hours: { opens: '08:00', closes: '17:00' },
    openNow: true,
  },
];

/** Fastiv's hub went offline this long before `now`; its last summary is from then. */
export const SEED_OFFLINE_MS = 95 * 60_000;

/**
 * The seed region at `now`: every centre live and online but Fastiv (offline since SEED_OFFLINE_MS
 * ago, its summary from then) and Obukhiv (an integrity alert); today's tickets up to now for the
 * regional centre, and a week of generated days before today for all five.
 */
export async function seedRegion(pool: Pool, now: number, { history = true } = {}): Promise<void> {
  for (const c of SEED_REGION) {
    const offline = c.site === 'fastiv';
    await putSite(pool, c.site, offline ? { online: false, offlineSince: now - SEED_OFFLINE_MS } : { online: true });
    await putLive(pool, liveSummary(c, offline ? now - SEED_OFFLINE_MS : now - 5_000));
  }
  await raiseAlert(pool, 'obukhiv', 'cursor_backwards', 18234, 'the hub sent seq 18234 after 18950 was acknowledged');
  await seedCatalogues(pool);
  const today = new Intl.DateTimeFormat('sv', { timeZone: 'Europe/Kyiv' }).format(now);
  const tickets: SeedTicket[] = [];
  for (let i = 0; i < 80; i++) {
    const issuedAt = now - (80 - i) * 4 * 60_000;
    const wait = ((i * 7) % 30) * 60_000;
    const services = ['passport-id', 'residence', 'subsidy', 'vehicle-reg'] as const;
    const groups = ['passports', 'registration', 'social', 'vehicles'] as const;
    const called = issuedAt + wait < now;
    tickets.push({
      site: 'kyiv-central',
      id: `t${i}`,
      day: today,
      service: services[i % 4]!,
      group: groups[i % 4]!,
      status: called ? 'finished' : 'waiting',
      issuedAt,
      ...(called && { calledAt: issuedAt + wait, finishedAt: Math.min(now, issuedAt + wait + 6 * 60_000) }),
    });
  }
  await insertTickets(pool, tickets);
  if (history) {
    const week = new Date(`${today}T00:00:00Z`);
    week.setUTCDate(week.getUTCDate() - 7);
    await generateTickets(pool, { sites: SEED_REGION.map((c) => c.site), from: week.toISOString().slice(0, 10), days: 7, perDay: 200 });
  }
}

/** The region's catalogue: published twice, the latest run by all but Bucha (behind) and Fastiv (takes none). */
export const SEED_CATALOGUES = { old: '0a1b2c3d4e5f', current: '7c4e9f20b1d3' };

async function seedCatalogues(pool: Pool): Promise<void> {
  // Only the versions are read by the pages: the content stands in.
  await pool.query(
    `INSERT INTO catalogues (version, content, first_published_at, published_at)
     VALUES ($1, '{}', now() - interval '9 days', now() - interval '9 days'), ($2, '{}', now() - interval '2 days', now() - interval '2 days')`,
    [SEED_CATALOGUES.old, SEED_CATALOGUES.current],
  );
  await pool.query(`UPDATE sites SET catalogue_version = CASE id WHEN 'bucha' THEN $1 WHEN 'fastiv' THEN NULL ELSE $2 END`, [
    SEED_CATALOGUES.old,
    SEED_CATALOGUES.current,
  ]);
}
