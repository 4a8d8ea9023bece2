// The browser apps as the hub serves them (the kiosk and the counter terminal have their own files), in Debian's Chromium (never a downloaded browser),
// against a real in-process hub. Needs the apps built: `npm test` builds first.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { publicConfigSchema, translate } from '@vikno/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import {
  closeClients,
  counterAt,
  demoConfig,
  device,
  gotoDevice,
  launchChromium,
  REPO,
  runHub,
  storedDeviceCredentials,
} from './harness.js';

const SCREENSHOTS = join(REPO, 'screenshots');
const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };
const SEEN = { timeout: 10_000 };
const uk = (key: Parameters<typeof translate>[1]) => translate('uk', key);

const config = demoConfig();

let hub: RunningHub;
let browser: Browser;
const pageErrors: Error[] = [];

beforeAll(async () => {
  for (const app of ['kiosk', 'display', 'counter-terminal'])
    if (!existsSync(join(REPO, app, 'dist/index.html'))) throw new Error(`${app} is not built: run npm run build first`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  hub = await runHub(config);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await closeClients();
  await hub?.stop();
});

/** A page in its own browser context, so that each has its own remembered device. */
async function open(path: string, viewport = LANDSCAPE): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: hub.httpUrl });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  await gotoDevice(page, path);
  return page;
}

const statusOf = (page: Page) => page.getByRole('status').textContent();
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

describe('browser apps served by the hub', () => {
  it('serves a config that matches the shared contract', async () => {
    const answer = await (await fetch(`${hub.httpUrl}/api/config`)).json();
    expect(publicConfigSchema.safeParse(answer).error).toBeUndefined();
  });

  it('display: connects, then shows a called ticket and its window, and the waiting counts', async () => {
    const page = await open('/display/?device=display-hall&secret=demo-display-hall');
    await expect.poll(() => statusOf(page), SEEN).toBe(uk('connection.online'));
    expect(await page.locator('html').getAttribute('lang')).toBe('uk');
    const residence = page.locator('[data-group="residence"] .group-count');
    await expect.poll(() => residence.textContent(), SEEN).toBe('0');

    const kiosk = await device(hub, 'kiosk-1');
    const issued = await kiosk.command('ticket.issue', { service: 'residence-register', language: 'uk' });
    await expect.poll(() => residence.textContent(), SEEN).toBe('1');

    const counter = await counterAt(hub, 'w1');
    const called = await counter.command('counter.callNext', {});
    expect(called.ticket.number).toBe(issued.ticket.number);
    const latest = page.locator('.calls li').first();
    await expect.poll(() => latest.locator('.call-number').textContent(), SEEN).toBe(issued.ticket.number);
    expect(await latest.locator('.call-window').textContent()).toBe('1');
    expect(await latest.textContent()).toContain(translate('uk', 'calls.item', { number: issued.ticket.number, window: 1 }));
    await expect.poll(() => residence.textContent(), SEEN).toBe('0');

    // Fill the board from six more counters, so that the screenshots show the busiest case.
    const desks = [
      ['w2', 'petro', 'residence-deregister'],
      ['w3', 'mykola', 'id-card-first'],
      ['w6', 'iryna', 'housing-subsidy'],
      ['w8', 'andrii', 'land-cadastre-extract'],
      ['w10', 'oksana', 'pickup-documents'],
      ['w12', 'taras', 'legal-aid'],
    ] as const;
    let last = called;
    for (const [counterId, username, service] of desks) {
      await kiosk.command('ticket.issue', { service, language: 'uk' });
      last = await (await counterAt(hub, counterId, username)).command('counter.callNext', {});
    }
    await expect.poll(() => latest.locator('.call-number').textContent(), SEEN).toBe(last.ticket.number);
    expect(await latest.locator('.call-window').textContent()).toBe(String(last.counter.window));
    expect(await page.locator('.calls li').count()).toBeGreaterThan(desks.length);
    for (const service of ['residence-register', 'residence-child', 'housing-subsidy', 'consultation'])
      await kiosk.command('ticket.issue', { service, language: 'uk' });
    await expect.poll(() => residence.textContent(), SEEN).toBe('2');
    await shot(page, 'display-1920x1080');
    await page.setViewportSize(PORTRAIT);
    await shot(page, 'display-1080x1920');
    await page.context().close();
  });

  it('display: credentials the hub refuses are forgotten, and the page asks for a pairing code', async () => {
    const page = await open('/display/?device=display-hall&secret=wrong');
    await expect.poll(() => page.getByRole('alert').textContent(), SEEN).toBe(uk('device.pair.revoked'));
    expect(await page.getByRole('heading', { name: uk('device.pair.title') }).isVisible()).toBe(true);
    await expect.poll(() => storedDeviceCredentials(page, 'display'), SEEN).toBeNull();
    await page.context().close();
  });

  it('raised no uncaught errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
