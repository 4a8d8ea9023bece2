// The Content-Security-Policy the hub sends: every app and visitor page gets it, Chromium refuses a
// script injected into the page, and the pages themselves run without a single violation. Needs the
// apps built.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { contentSecurityPolicy } from '../src/http/csp.js';
import { gotoDevice, launchChromium, runHub } from './harness.js';

const PAGES = [
  '/',
  '/kiosk/?device=kiosk-1&secret=demo-kiosk-1',
  '/display/?device=display-hall&secret=demo-display-hall',
  '/counter/?device=counter-w1&secret=demo-counter-w1',
  '/admin/',
  '/status',
  '/book',
  '/rate?device=tablet-w3&secret=demo-tablet-w3',
  '/t/no-such-ticket',
];

/** Records the page's CSP violations from before its first script runs (an init script is not subject to the policy). */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

describe('Content-Security-Policy', () => {
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

  it('allows the broker of an external Mosquitto and nothing else beyond the hub', () => {
    expect(contentSecurityPolicy('/mqtt')).toContain("connect-src 'self';");
    expect(contentSecurityPolicy('ws://10.0.0.5:8083/mqtt')).toContain("connect-src 'self' ws://10.0.0.5:8083;");
    expect(contentSecurityPolicy('/mqtt')).toContain("script-src 'self' 'wasm-unsafe-eval';");
  });

  it.each(PAGES)(
    '%s: sent with the page, refuses an injected script, and the page runs without a violation',
    { timeout: 60_000 },
    async (path) => {
      const page = await browser.newPage({ baseURL: hub.httpUrl });
      await watchViolations(page);
      const response = await gotoDevice(page, path);
      expect(response!.headers()['content-security-policy']).toBe(contentSecurityPolicy('/mqtt'));
      // The app drew itself (the hub's own index has no #root: its list is the page).
      await page.waitForFunction(() => {
        const root = document.getElementById('root');
        return root ? root.childElementCount > 0 : document.querySelectorAll('li').length > 0;
      });
      await page.waitForLoadState('networkidle');
      expect(await violations(page)).toEqual([]);

      // What an injection would do: an inline script, an inline handler, a script from elsewhere.
      const ran = await page.evaluate(async () => {
        const w = window as unknown as { injected?: boolean; handler?: boolean };
        const inline = document.createElement('script');
        inline.textContent = 'window.injected = true';
        document.head.append(inline);
        const img = document.createElement('img');
        img.setAttribute('onerror', 'window.handler = true');
        img.src = 'data:,broken';
        document.body.append(img);
        await new Promise((resolve) => setTimeout(resolve, 0));
        return { injected: w.injected ?? false, handler: w.handler ?? false };
      });
      expect(ran).toEqual({ injected: false, handler: false });
      await expect.poll(() => violations(page)).toEqual(expect.arrayContaining(['script-src-elem inline', 'script-src-attr inline']));
      await page.close();
    },
  );
});
