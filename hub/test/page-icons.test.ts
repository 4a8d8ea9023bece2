// Every page the hub serves names its icon, and the icon is there: a browser asks for /favicon.ico
// (a 404 on every page) only when a page names none. Needs the apps built.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { launchChromium, runHub } from './harness.js';

const PAGES = ['/', '/kiosk/', '/display/', '/counter/', '/admin/', '/status', '/book', '/rate', '/t/no-such-ticket'];

describe('page icons', () => {
  let hub: RunningHub;
  let browser: Browser;

  beforeAll(async () => {
    hub = await runHub();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it.each(PAGES)('%s names an icon the hub serves', { timeout: 60_000 }, async (path) => {
    const page = await browser.newPage({ baseURL: hub.httpUrl });
    const missing: string[] = [];
    page.on('response', (res) => {
      if (res.status() === 404 && /favicon|icon/.test(res.url())) missing.push(res.url());
    });
    await page.goto(path);
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toMatch(/favicon\.svg$/);
    const icon = await page.request.get(new URL(href!, page.url()).toString());
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toBe('image/svg+xml');
    expect(await icon.text()).toContain('<svg');
    expect(missing).toEqual([]);
    await page.close();
  });
});
