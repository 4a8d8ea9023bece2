// The staffing planner through the hub: a demo centre with four weeks in its record, a week planned in
// the hub's worker thread while the hub keeps answering, a supervisor's what-if, the CSV, and the
// look back at the last day of the record.
import { join } from 'node:path';
import { type Config, httpApi, type MessageKey, type PlanningJob, translate } from '@vikno/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { addDays } from '../src/appointments/hours.js';
import type { Centre } from '../src/bench/centre.js';
import { writeHistory } from '../src/bench/history.js';
import { dayOf } from '../src/engine/day.js';
import { planningGroups } from '../src/planner/groups.js';
import { adminCookie, demoConfig, launchChromium, REPO, runHub } from './harness.js';

const SCREENSHOTS = join(REPO, 'screenshots');
const uk = (key: MessageKey, params?: Record<string, string | number>) => translate('uk', key, params);

const config: Config = demoConfig();
let hub: RunningHub;
let cookie: string;
let lastDay: string;
/** The week planned by the first test. */
let weekJob: PlanningJob;

beforeAll(async () => {
  // Visitors for the services a kiosk offers, alike; four weeks up to today.
  const offered = config.services.filter((s) => s.active && !s.backOffice && !config.services.some((o) => o.pickupService === s.id));
  const centre = { input: {} as Centre['input'], demand: new Map(offered.map((s) => [s.id, 1 / offered.length])), groupOf: new Map() };
  const days = writeHistory(join(config.dataDir, 'vikno.db'), { centre, tickets: 28 * 250, perDay: 250, seed: 7 }, config);
  lastDay = days.at(-1)!;
  hub = await runHub(config, Date.now);
  cookie = await adminCookie(hub);
}, 120_000);

afterAll(async () => {
  await hub?.stop();
});

async function send(path: string, body?: unknown): Promise<Response> {
  return fetch(`${hub.httpUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

async function jobOf(id: string): Promise<PlanningJob> {
  return httpApi.adminPlanning.response.parse(await (await send(`/api/admin/planning/${id}`)).json());
}

/** Waits for the job to end, noting each state it was seen in. */
async function finished(id: string, seen: PlanningJob[] = []): Promise<PlanningJob> {
  await expect
    .poll(
      async () => {
        const j = await jobOf(id);
        seen.push(j);
        return j.status;
      },
      { timeout: 150_000, interval: 100 },
    )
    .not.toBe('running');
  return jobOf(id);
}

async function plan(body: unknown): Promise<{ job: PlanningJob; seen: PlanningJob[] }> {
  const started = await send(httpApi.adminPlanningStart.url, body);
  expect(started.status, await started.clone().text()).toBe(200);
  const first = httpApi.adminPlanningStart.response.parse(await started.json());
  const seen: PlanningJob[] = [first];
  return { job: await finished(first.job, seen), seen };
}

describe('the staffing planner', () => {
  const from = () => addDays(lastDay, 1);

  it('plans the week ahead in a worker, the hub answering meanwhile, with the record’s last day looked back on', async () => {
    const started = await send(httpApi.adminPlanningStart.url, { from: from(), days: 7 });
    const job = httpApi.adminPlanningStart.response.parse(await started.json());
    // While it runs, the hub answers: the simulations are not on its thread.
    const health = await fetch(`${hub.httpUrl}/api/health`);
    expect(health.ok).toBe(true);
    expect((await jobOf(job.job)).status).toBe('running');
    // One plan at a time.
    expect((await send(httpApi.adminPlanningStart.url, { from: from() })).status).toBe(409);

    const result = await finished(job.job);
    weekJob = result;
    expect(result.error).toBeNull();
    const week = result.plan!;
    // The demo is open six days a week.
    expect(week.days.map((d) => d.day)).toHaveLength(6);
    expect(week.basis.days).toBeGreaterThanOrEqual(14);
    for (const day of week.days) {
      expect(day.given).toBe(false);
      for (const g of day.groups)
        for (const h of g.hours) if (h.forecast > 0.5) expect(h.windows, `${day.day} ${g.group} ${h.hour}:00`).toBeGreaterThan(0);
    }
    expect(week.operatorHours).toBe(week.days.reduce((n, d) => n + d.operatorHours, 0));
    // The demo sets shift patterns: each day's windows as people on them, never fewer hours on shift
    // than windows open, with the demo's operators counted.
    for (const day of week.days) {
      const roster = day.roster!;
      expect(roster.groups.map((g) => g.group)).toEqual(day.groups.map((g) => g.group));
      expect(roster.staffHours, day.day).toBeGreaterThanOrEqual(day.operatorHours);
      expect(roster.shifts.map((s) => s.id)).toEqual(config.staffing.shifts.map((s) => s.id));
      expect(roster.operators).toBe(config.operators.filter((o) => o.roles.includes('operator')).length);
    }
    expect(week.lookBack?.day).toBe(lastDay);
    const actual = week.lookBack!.groups.flatMap((g) => g.hours).reduce((n, h) => n + h.actual, 0);
    expect(actual).toBeGreaterThan(100);
  }, 180_000);

  it('simulates a supervisor’s own windows as given, and says when they miss the target', async () => {
    const day = from();
    const groups = config.serviceGroups.filter((g) => !g.parent).map((g) => g.id);
    // One window per group for the whole day: too few for a demo day's visitors.
    const staffing = {
      [day]: Object.fromEntries(groups.map((g) => [g, Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 1 : 0))])),
    };
    const { job, seen } = await plan({ from: day, days: 2, staffing });
    const [given, planned] = job.plan!.days;
    expect(given!.given).toBe(true);
    expect(given!.groups.every((g) => g.hours.every((h) => h.windows === 1))).toBe(true);
    expect(given!.meetsTarget).toBe(false);
    // Short of windows are only groups whose one window is all they have: the others have more to open.
    const ownWindows = planningGroups(config).windows;
    expect(given!.shortOfWindows.length).toBeGreaterThan(0);
    for (const g of given!.shortOfWindows) expect(ownWindows.get(g)).toHaveLength(1);
    expect(planned!.given).toBe(false);
    // Progress was told as the days were done.
    expect(seen.some((j) => j.status === 'running' || j.done < j.total)).toBe(true);
    expect(job.done).toBe(job.total);
  }, 180_000);

  it('gives the plan as CSV, one row per day, group and hour, with group names in the asked language', async () => {
    const job = weekJob;
    const csv = await send(`/api/admin/planning/${job.job}/plan.csv?lang=en`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'day,group_id,group,hour,forecast_walk_ins,booked,windows_erlang,windows_plan,share_within_target,p90_wait_minutes',
    );
    const rows = job.plan!.days.flatMap((d) => d.groups.flatMap((g) => g.hours));
    expect(lines).toHaveLength(1 + rows.length);
    const group = config.serviceGroups.find((g) => g.id === job.plan!.days[0]!.groups[0]!.group)!;
    expect(lines[1]).toContain(`,${group.names.en},`);
  }, 180_000);

  it('shows the plan on the admin page: the heat map, a what-if checked, the charts and the CSV link', async () => {
    const browser = await launchChromium();
    try {
      for (const viewport of [
        { width: 1440, height: 900 },
        { width: 1920, height: 1080 },
      ]) {
        const context = await browser.newContext({ viewport, baseURL: hub.httpUrl });
        const page = await context.newPage();
        const errors: Error[] = [];
        page.on('pageerror', (e) => errors.push(e));
        await page.goto('/admin/');
        await page.getByLabel(uk('admin.login.username')).fill('admin');
        await page.getByLabel(uk('admin.login.pin')).fill('0000');
        await page.getByRole('button', { name: uk('admin.login.submit') }).click();
        await page.getByRole('button', { name: uk('admin.tab.staffing') }).click();
        await page.getByLabel(uk('admin.staffing.from')).fill(from());
        await page.getByLabel(uk('admin.staffing.days')).fill('2');
        await page.getByRole('button', { name: uk('admin.staffing.plan') }).click();
        const heat = page.locator('table.heatmap');
        await heat.waitFor({ timeout: 150_000 });
        const groupId = config.serviceGroups.find((g) => !g.parent)!.id;
        const group = config.serviceGroups.find((g) => g.id === groupId)!.names.uk!;
        const cell = page.getByLabel(uk('admin.staffing.cell', { group, hour: 10 }));
        const planned = Number(await cell.inputValue());
        expect(planned).toBeGreaterThan(0);
        await expect.poll(() => page.getByRole('img', { name: new RegExp(uk('admin.staffing.p90', { day: '.*' })) }).count()).toBe(1);
        await expect
          .poll(() => page.getByRole('link', { name: uk('admin.staffing.csv') }).getAttribute('href'))
          .toMatch(/\/plan\.csv\?lang=uk$/);
        // And as people on the demo's shifts.
        const roster = page.getByRole('region', { name: new RegExp(uk('admin.staffing.roster', { day: '.*' })) });
        await expect
          .poll(() => roster.getByRole('columnheader').allTextContents())
          .toContain(uk('admin.staffing.shift', { shift: 'early-a', from: '08:00', to: '14:00' }));
        expect(await roster.getByRole('row').count()).toBe(1 + config.serviceGroups.filter((g) => !g.parent).length);
        await page.screenshot({ path: join(SCREENSHOTS, `admin-staffing-${viewport.width}x${viewport.height}.png`), fullPage: true });
        // The page never scrolls sideways: the heat map scrolls in its own box.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        if (viewport.width === 1440) {
          // What if the group had one window less at 10:00?
          await cell.fill(String(planned - 1));
          await page.getByRole('button', { name: uk('admin.staffing.check') }).click();
          await expect
            .poll(() => page.locator('.staffing-days button').first().textContent(), { timeout: 150_000 })
            .toContain(uk('admin.staffing.given'));
          expect(await page.getByLabel(uk('admin.staffing.cell', { group, hour: 10 })).inputValue()).toBe(String(planned - 1));
        }
        expect(errors).toEqual([]);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  }, 400_000);

  it('refuses a request that does not fit, and a plan nobody made', async () => {
    expect((await send(httpApi.adminPlanningStart.url, { from: 'next week' })).status).toBe(400);
    expect((await send(httpApi.adminPlanningStart.url, { from: from(), days: 30 })).status).toBe(400);
    expect((await send('/api/admin/planning/no-such-job')).status).toBe(404);
    expect(dayOf(Date.now(), config.site.timezone) >= lastDay).toBe(true);
  });
});
