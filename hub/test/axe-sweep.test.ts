// axe-core over every page of the system in each of its states, against one demo hub in Debian's
// Chromium: the kiosk (languages, groups, a group's services, search, a ticket, each accessibility
// mode), the hall display with calls, the counter desk with a call, the visitors' pages (/t/, /status,
// /book, /rate with a visit to rate) and the supervisors' pages (monitor, reports, each tab of the
// config editor). Any serious or critical violation fails the page's test, naming the rule and the
// elements (hub/test/axe.ts). Needs the apps built (`npm run build`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type CommandResult, translate } from '@vikno/shared';
import type { ViknoClient } from '@vikno/shared/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { expectAccessible } from './axe.js';
import { closeClients, counterAt, device, gotoDevice, launchChromium, REPO, runHub } from './harness.js';

const SEEN = { timeout: 15_000 };
const PORTRAIT = { width: 1080, height: 1920 };
const WIDE = { width: 1920, height: 1080 };
const COUNTER = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1280, height: 800 };
const uk = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('uk', key, params);

let hub: RunningHub;
let browser: Browser;
let kiosk: ViknoClient;
let w3: ViknoClient;
let ticket: CommandResult<'ticket.issue'>;
const pageErrors: Error[] = [];

beforeAll(async () => {
  for (const app of ['kiosk', 'display', 'counter-terminal', 'public-web', 'admin'])
    if (!existsSync(join(REPO, app, 'dist/index.html'))) throw new Error(`${app} is not built: run npm run build first`);
  hub = await runHub();
  browser = await launchChromium();
  kiosk = await device(hub, 'kiosk-2');
  // Someone waiting, someone called, a visit to rate at window 3.
  ticket = await kiosk.command('ticket.issue', { service: 'residence-register', language: 'uk' });
  await kiosk.command('ticket.issue', { service: 'residence-register', language: 'uk' });
  w3 = await counterAt(hub, 'w3', 'mykola');
  await kiosk.command('ticket.issue', { service: 'id-card-exchange', language: 'uk' });
});

afterAll(async () => {
  await browser?.close();
  await closeClients();
  await hub?.stop();
});

async function open(path: string, viewport: { width: number; height: number }, locale = 'uk-UA'): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: hub.httpUrl, locale });
  context.setDefaultTimeout(SEEN.timeout);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  await gotoDevice(page, path);
  return page;
}

describe('the kiosk', () => {
  let page: Page;
  beforeAll(async () => {
    page = await open('/kiosk/?device=kiosk-1&secret=demo-kiosk-1', PORTRAIT);
  });
  afterAll(() => page.context().close());

  it('the language screen', async () => {
    await expect.poll(() => page.locator('.language-choice button').count(), SEEN).toBeGreaterThan(1);
    await expectAccessible(page, 'the kiosk language screen');
  });

  it('the groups, a group and its services', async () => {
    await page.locator('.language-choice').getByRole('button', { name: 'Українська' }).click();
    await expect.poll(() => page.locator('#home-title').textContent(), SEEN).toBe(uk('kiosk.home.title'));
    await expectAccessible(page, 'the kiosk home (groups)');
    await page.locator('[data-group="passports"]').click();
    await page.locator('[data-group="id-card"]').click();
    await expect.poll(() => page.locator('[data-service="id-card-exchange"]').count(), SEEN).toBe(1);
    await expectAccessible(page, 'the kiosk service list');
  });

  it('search with results', async () => {
    await gotoDevice(page, '/kiosk/');
    await page.locator('.language-choice').getByRole('button', { name: 'Українська' }).click();
    await page.locator('[data-action="search"]').click();
    for (const key of ['р', 'е', 'є', 'с']) await page.locator('.keyboard').getByRole('button', { name: key, exact: true }).click();
    await expect.poll(() => page.locator('[data-service]').count(), SEEN).toBeGreaterThan(0);
    await expectAccessible(page, 'the kiosk search');
  });

  it('a ticket', async () => {
    await page.locator('[data-service]').first().click();
    await expect.poll(() => page.locator('.ticket-number').count(), SEEN).toBe(1);
    await expectAccessible(page, 'the kiosk ticket');
  });

  it('large text, high contrast and read aloud', async () => {
    await gotoDevice(page, '/kiosk/');
    await page.locator('.language-choice').getByRole('button', { name: 'Українська' }).click();
    for (const mode of ['largeText', 'contrast']) {
      await page.locator(`[data-toggle="${mode}"]`).click();
      await expect.poll(() => page.locator(`[data-toggle="${mode}"]`).getAttribute('aria-pressed'), SEEN).toBe('true');
      await expectAccessible(page, `the kiosk home with ${mode}`);
    }
    await page.locator('[data-group="consultation"]').click();
    await expect.poll(() => page.locator('[data-service="consultation"]').count(), SEEN).toBe(1);
    await expectAccessible(page, 'the kiosk service list with large text and high contrast');
    // Read aloud: a first touch reads a choice out, a second takes it.
    await page.locator('[data-toggle="readAloud"]').click();
    await expect.poll(() => page.locator('[data-toggle="readAloud"]').getAttribute('aria-pressed'), SEEN).toBe('true');
    await expectAccessible(page, 'the kiosk service list in every mode');
  });
});

describe('the hall display', () => {
  it('with calls', async () => {
    const page = await open('/display/?device=display-hall&secret=demo-display-hall', WIDE);
    await expect.poll(() => page.getByRole('status').textContent(), SEEN).toBe(uk('connection.online'));
    await w3.command('counter.callNext', {});
    await expect.poll(() => page.locator('.calls li').count(), SEEN).toBeGreaterThan(0);
    await expectAccessible(page, 'the hall display with a call');
    await page.context().close();
  });
});

describe('the counter desk', () => {
  it('signed in, with a call', async () => {
    const page = await open('/counter/?device=counter-w1&secret=demo-counter-w1', COUNTER);
    await expect.poll(() => page.getByLabel(uk('counter.login.username')).count(), SEEN).toBe(1);
    await expectAccessible(page, 'the counter sign-in');
    await page.getByLabel(uk('counter.login.username')).fill('olena');
    await page.getByLabel(uk('counter.login.pin')).fill('1234');
    await page.getByRole('button', { name: uk('counter.login.submit'), exact: true }).click();
    const callNext = page.getByRole('button', { name: uk('counter.action.callNext'), exact: true });
    await expect.poll(() => callNext.isEnabled(), SEEN).toBe(true);
    await expectAccessible(page, 'the counter desk, open');
    await callNext.click();
    await expect.poll(() => page.locator('.current-number').textContent(), SEEN).toMatch(/-\d{3}$/);
    await expectAccessible(page, 'the counter desk with a call');
    await page.context().close();
  });
});

describe("the visitors' pages", () => {
  it('/t/ a waiting ticket', async () => {
    const page = await open(`/t/${ticket.token}`, PHONE);
    await expect.poll(() => page.locator('.ticket-number').textContent(), SEEN).toBe(ticket.ticket.number);
    await expectAccessible(page, 'the tracking page');
    await page.context().close();
  });

  it('/status', async () => {
    const page = await open('/status', PHONE);
    await expect.poll(() => page.locator('[data-group]').count(), SEEN).toBeGreaterThan(0);
    await expectAccessible(page, 'the status page');
    await page.context().close();
  });

  it('/book: a service, a day and its slots', async () => {
    const page = await open('/book', PHONE);
    await page.locator('[data-service="residence-register"]').click();
    await page.locator('[data-day]').first().click();
    await expect.poll(() => page.locator('.slots [data-at]').count(), SEEN).toBeGreaterThan(0);
    await expectAccessible(page, 'the booking page');
    await page.context().close();
  });

  it('/rate with a visit to rate', async () => {
    const page = await open('/rate?device=tablet-w3&secret=demo-tablet-w3', TABLET);
    await expect.poll(() => page.getByRole('status').textContent(), SEEN).toBe(uk('rate.idle'));
    await expectAccessible(page, 'the feedback tablet, waiting');
    await w3.command('counter.finish', { outcomes: [] });
    await expect.poll(() => page.locator('.rate-score').count(), SEEN).toBe(5);
    await expectAccessible(page, 'the feedback tablet, asking');
    await page.context().close();
  });
});

describe("the supervisors' pages", () => {
  let page: Page;
  beforeAll(async () => {
    page = await open('/admin/', WIDE);
  });
  afterAll(() => page.context().close());

  it('sign-in and the live monitor', async () => {
    await expect.poll(() => page.getByLabel(uk('admin.login.username')).count(), SEEN).toBe(1);
    await expectAccessible(page, 'the admin sign-in');
    await page.getByLabel(uk('admin.login.username')).fill('admin');
    await page.getByLabel(uk('admin.login.pin')).fill('0000');
    await page.getByRole('button', { name: uk('admin.login.submit') }).click();
    await expect.poll(() => page.locator('tr[data-counter="w3"]').count(), SEEN).toBe(1);
    await expect.poll(() => page.locator('.monitor-charts canvas').count(), SEEN).toBeGreaterThan(0);
    await expectAccessible(page, 'the live monitor');
  });

  it('reports', async () => {
    await page.locator('[data-tab="reports"]').click();
    // The hub's day (its clock is moved to a Monday morning), not the browser's.
    await page.locator('input[name="from"]').fill(hub.hub.state.day);
    await page.locator('input[name="to"]').fill(hub.hub.state.day);
    await page.getByRole('button', { name: uk('admin.reports.show') }).click();
    await expect.poll(() => page.locator('.report-table').count(), SEEN).toBe(1);
    await expectAccessible(page, 'the reports');
  });

  it('each tab of the config editor', async () => {
    for (const tab of ['services', 'counters', 'operators', 'devices', 'settings']) {
      await page.locator(`[data-tab="${tab}"]`).click();
      await expect.poll(() => page.locator('.edit-section').count(), SEEN).toBeGreaterThan(0);
      await expectAccessible(page, `the config editor's ${tab} tab`);
    }
  });
});

it('no page error happened', () => {
  expect(pageErrors).toEqual([]);
});
