// The kiosk as a visitor uses it, in Debian's Chromium against a real hub, printing on the hub's
// virtual printer (browser mode). The printed bytes are decoded back to prove what the paper says.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type CentreStatus, type Config, type DeviceHealth, topics, translate } from '@vikno/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { adminCookie, closeClients, demoConfig, device, gotoDevice, launchChromium, monitor, REPO, runHub, watch } from './harness.js';

const SCREENSHOTS = join(REPO, 'screenshots');
const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };
const PHONE = { width: 390, height: 844 };
const SEEN = { timeout: 10_000 };
const uk = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('uk', key, params);
const KIOSK = '/kiosk/?device=kiosk-1&secret=demo-kiosk-1';
// Bookings hold to the opening hours and 15-minute slots: the hub's clock is a Monday 10:00 in Kyiv.
const SLOT = 15 * 60_000;
const shift = Date.parse('2026-11-23T08:00:00Z') - Date.now();
const mondayMorning = () => Date.now() + shift;

let browser: Browser;
const pageErrors: Error[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await closeClients();
});

/** `locale`: the browser's language, which the visitors' pages (/status, /book) take. */
async function open(hub: RunningHub, path = KIOSK, viewport = PORTRAIT, locale?: string): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: hub.httpUrl, locale });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  await gotoDevice(page, path);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

/** Tickets waiting at the hub, as its live monitor counts them. */
async function ticketsIssued(hub: RunningHub): Promise<number> {
  const hall = await monitor(hub, await adminCookie(hub));
  return hall.queues.reduce((n, q) => n + q.waiting, 0);
}

async function chooseUkrainian(page: Page): Promise<void> {
  await page.locator('.language-choice').getByRole('button', { name: 'Українська' }).click();
  await expect.poll(() => page.locator('#home-title').textContent(), SEEN).toBe(uk('kiosk.home.title'));
}

const serviceName = (config: Config, id: string, lang = 'uk') => config.services.find((s) => s.id === id)?.names[lang] ?? '';

/** One utterance of read aloud, its sound reduced in the page to a length and an RMS level. */
interface Heard {
  lang: string;
  text: string;
  voice: string | null;
  startedAt: number | null;
  seconds: number;
  rms: number;
}

/** The part of the page's log this test reads (kiosk/src/readAloud.ts, Utterance). */
interface PageLog {
  __readAloud?: { lang: string; text: string; voice: string | null; startedAt: number | null; buffer: AudioBuffer | null }[];
}

/**
 * What read aloud has said. Headless Chromium mutes its output, so the sound is measured where the
 * page keeps it: the decoded buffer it played, and the audio-clock time it started at.
 */
function heard(page: Page): Promise<Heard[]> {
  return page.evaluate(() =>
    ((window as unknown as PageLog).__readAloud ?? []).map(({ lang, text, voice, startedAt, buffer }) => {
      const pcm = buffer?.getChannelData(0) ?? new Float32Array(0);
      let sum = 0;
      for (const s of pcm) sum += s * s;
      return { lang, text, voice, startedAt, seconds: buffer?.duration ?? 0, rms: pcm.length ? Math.sqrt(sum / pcm.length) : 0 };
    }),
  );
}

/** Waits until `count` utterances have started to sound (the first waits for the 18 MB wasm). */
async function spokenOnce(page: Page, count: number): Promise<Heard[]> {
  await expect
    .poll(async () => (await heard(page)).filter((u) => u.startedAt !== null).length, { timeout: 60_000, interval: 250 })
    .toBe(count);
  return heard(page);
}

describe('kiosk in browser mode', () => {
  let hub: RunningHub;
  const config = demoConfig();

  beforeAll(async () => {
    hub = await runHub(config, mondayMorning);
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('language → group → service prints a ticket whose bytes carry the number and the Cyrillic service name', async () => {
    const page = await open(hub);
    await expect.poll(() => page.locator('.language-choice button').allTextContents(), SEEN).toEqual(['Українська', 'English']);
    await shot(page, 'kiosk-languages-1080x1920');
    await chooseUkrainian(page);
    await shot(page, 'kiosk-home-1080x1920');

    await page.locator('[data-group="passports"]').click();
    await page.locator('[data-group="id-card"]').click();
    await shot(page, 'kiosk-group-1080x1920');
    await page.locator('[data-service="id-card-exchange"]').click();

    const number = page.locator('.ticket-number');
    await expect.poll(() => number.textContent(), SEEN).toMatch(/-001$/);
    const shown = (await number.textContent())?.replace(uk('kiosk.ticket.number'), '').trim() ?? '';
    expect(shown).toMatch(/^\p{Lu}{1,3}-001$/u);
    expect(await page.locator('[data-fact="ahead"]').textContent()).toBe('0');
    await expect.poll(() => page.locator('.ticket-preview img').count(), SEEN).toBe(1);
    await shot(page, 'kiosk-ticket-1080x1920');

    const jobs = hub.printers.jobs('kiosk-1');
    expect(jobs).toHaveLength(1);
    const text = hub.printers.text(jobs[0]!);
    expect(text).toContain(shown);
    expect(text).toContain(serviceName(config, 'id-card-exchange'));
    expect(text).toContain(uk('kiosk.ticket.ahead'));
    expect(await ticketsIssued(hub)).toBe(1);
    await page.context().close();
  });

  it('a double tap on a service gives one ticket', async () => {
    const before = await ticketsIssued(hub);
    const page = await open(hub);
    await chooseUkrainian(page);
    await page.locator('[data-group="social"]').click();
    await page.locator('[data-service="housing-subsidy"]').dblclick();
    await expect.poll(() => page.locator('.ticket-number').count(), SEEN).toBe(1);
    // Give a second ticket, had there been one, time to arrive.
    await new Promise((r) => setTimeout(r, 500));
    expect(await ticketsIssued(hub)).toBe(before + 1);
    expect(hub.printers.jobs('kiosk-1').length).toBe(before + 1);
    await page.context().close();
  });

  it('search finds a service by a Cyrillic prefix typed on the screen keyboard', async () => {
    const page = await open(hub, KIOSK, LANDSCAPE);
    await chooseUkrainian(page);
    await page.locator('[data-action="search"]').click();
    for (const key of ['с', 'у', 'б', 'с']) await page.locator('.keyboard').getByRole('button', { name: key, exact: true }).click();
    expect(await page.getByLabel(uk('kiosk.search.field'), { exact: true }).inputValue()).toBe('субс');
    const results = page.locator('.search-results [data-service]');
    await expect
      .poll(() => results.evaluateAll((els) => els.map((e) => e.getAttribute('data-service'))), SEEN)
      .toEqual(['housing-subsidy']);
    await shot(page, 'kiosk-search-subsidy-1920x1080');
    await results.first().click();
    await expect.poll(() => page.locator('.ticket-number').count(), SEEN).toBe(1);
    await page.context().close();
  });

  it('search at both kiosk sizes: the keyboard stays at the bottom, the results scroll above it with a hint, the best match first', async () => {
    for (const viewport of [PORTRAIT, LANDSCAPE]) {
      const page = await open(hub, KIOSK, viewport);
      await chooseUkrainian(page);
      await page.locator('[data-action="search"]').click();
      for (const key of ['р', 'е', 'є', 'с']) await page.locator('.keyboard').getByRole('button', { name: key, exact: true }).click();
      const results = page.locator('.search-results [data-service]');
      await expect.poll(() => results.count(), SEEN).toBeGreaterThan(8);
      // The name that begins with the letters before names with a word inside, the shorter first.
      expect(await results.first().getAttribute('data-service')).toBe('residence-register');
      const size = `${viewport.width}x${viewport.height}`;
      await shot(page, `kiosk-search-${size}`);
      const keyboard = await page.locator('.keyboard').boundingBox();
      expect(keyboard!.y + keyboard!.height, size).toBeLessThanOrEqual(viewport.height);
      expect(await page.evaluate(() => document.documentElement.scrollHeight), size).toBe(viewport.height);
      // The list scrolls on its own, says so, and stops saying it at its end.
      const list = page.locator('.search-results');
      expect(await list.evaluate((e) => e.scrollHeight > e.clientHeight), size).toBe(true);
      const more = page.locator('.search-more');
      expect(await more.textContent()).toContain(uk('kiosk.search.more', { count: await results.count() }));
      await list.evaluate((e) => e.scrollTo(0, e.scrollHeight));
      await expect.poll(() => more.count(), SEEN).toBe(0);
      const last = await results.last().boundingBox();
      expect(last!.y + last!.height).toBeLessThanOrEqual(keyboard!.y);
      await page.context().close();
    }
  });

  it('search finds a service by what visitors call it, from the catalogue’s search words', async () => {
    const page = await open(hub, KIOSK, LANDSCAPE);
    await chooseUkrainian(page);
    await page.locator('[data-action="search"]').click();
    for (const key of ['п', 'р', 'о', 'п', 'и', 'с'])
      await page.locator('.keyboard').getByRole('button', { name: key, exact: true }).click();
    await expect
      .poll(() => page.locator('.search-results [data-service]').evaluateAll((els) => els.map((e) => e.getAttribute('data-service'))), SEEN)
      .toEqual(['residence-register']);
    await page.context().close();
  });

  it('the language screen has no connection badge and no language switch; each screen after it has the switch', async () => {
    const page = await open(hub);
    await expect.poll(() => page.locator('.language-choice button').count(), SEEN).toBe(2);
    // Online: nothing about the connection anywhere, and no second way to pick a language.
    await expect.poll(() => page.locator('.connection').count(), SEEN).toBe(0);
    expect(await page.locator('.language-switch').count()).toBe(0);
    await chooseUkrainian(page);
    expect(await page.locator('.language-switch').count()).toBe(1);
    expect(await page.locator('.connection').count()).toBe(0);
    await page.locator('.language-switch').getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('#home-title').textContent(), SEEN).toBe(translate('en', 'kiosk.home.title'));
    await page.context().close();
  });

  it('every aid, alone and together, keeps every choice of the home screen and of each group on the screen, the read-aloud hint too', {
    timeout: 120_000,
  }, async () => {
    const groups = config.serviceGroups.filter((g) => !g.parent).map((g) => g.id);
    for (const viewport of [PORTRAIT, LANDSCAPE]) {
      const size = `${viewport.width}x${viewport.height}`;
      const page = await open(hub, KIOSK, viewport);
      await chooseUkrainian(page);
      for (const aids of [['largeText'], ['readAloud'], ['largeText', 'contrast', 'readAloud']]) {
        for (const aid of ['largeText', 'contrast', 'readAloud']) {
          const on = (await page.locator(`[data-toggle="${aid}"]`).getAttribute('aria-pressed')) === 'true';
          if (on !== aids.includes(aid)) await page.locator(`[data-toggle="${aid}"]`).click();
        }
        for (const group of [null, ...groups]) {
          // A click from code (detail 0) is let through by read aloud, as a keyboard's is.
          if (group) await page.locator(`[data-group="${group}"]`).evaluate((b: HTMLElement) => b.click());
          await expect.poll(() => page.locator(group ? '#group-title' : '#home-title').count(), SEEN).toBe(1);
          const where = `${size} ${aids.join('+')} ${group ?? 'home'}`;
          const fit = await page.evaluate(() => {
            const screen = document.querySelector('.kiosk-screen')!;
            const choices = Array.from(document.querySelectorAll('.kiosk-screen .big-buttons button, .a11y-toggle, .read-aloud-caption'));
            return {
              page: document.documentElement.scrollHeight,
              hidden: screen.scrollHeight - screen.clientHeight,
              lowest: Math.max(...choices.map((c) => c.getBoundingClientRect().bottom)),
              caption: document.querySelectorAll('.read-aloud-caption').length,
            };
          });
          expect(fit, where).toMatchObject({ page: viewport.height, hidden: 0, caption: aids.includes('readAloud') ? 1 : 0 });
          expect(fit.lowest, where).toBeLessThanOrEqual(viewport.height);
          if (group === 'social' || !group) await shot(page, `kiosk-${group ?? 'home'}-${aids.join('-')}-${size}`);
          if (group) await page.getByRole('button', { name: `← ${uk('kiosk.back')}` }).evaluate((b: HTMLElement) => b.click());
        }
      }
      await page.context().close();
    }
  });

  it('shows the ticket and the whole preview of the paper on the screen, in every mode, nothing below the fold', {
    timeout: 120_000,
  }, async () => {
    for (const viewport of [PORTRAIT, LANDSCAPE]) {
      const size = `${viewport.width}x${viewport.height}`;
      for (const aids of [[], ['largeText'], ['largeText', 'contrast', 'readAloud']]) {
        const page = await open(hub, KIOSK, viewport);
        await chooseUkrainian(page);
        for (const aid of aids) await page.locator(`[data-toggle="${aid}"]`).click();
        // Clicks from code (detail 0): read aloud lets them through as a keyboard's.
        for (const target of ['[data-group="passports"]', '[data-group="id-card"]', '[data-service="id-card-exchange"]'])
          await page.locator(target).evaluate((b: HTMLElement) => b.click());
        const preview = page.locator('.ticket-preview img');
        await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalHeight > 0), SEEN).toBe(true);
        const where = `${size} ${aids.join('+') || 'no aids'}`;
        const fit = await page.evaluate(() => {
          const screen = document.querySelector('.kiosk-screen')!;
          const parts = [
            '.ticket-number',
            '.ticket-facts',
            '.ticket-take',
            '.ticket .primary',
            '.ticket-preview img',
            '.ticket-preview figcaption',
          ];
          const boxes = parts.map((p) => document.querySelector(p)!.getBoundingClientRect());
          return {
            page: document.documentElement.scrollHeight,
            hidden: screen.scrollHeight - screen.clientHeight,
            lowest: Math.max(...boxes.map((b) => b.bottom)),
            rightmost: Math.max(...boxes.map((b) => b.right)),
            highest: Math.min(...boxes.map((b) => b.top)),
          };
        });
        await shot(page, `kiosk-ticket-${aids.join('-') || 'plain'}-${size}`);
        expect(fit, where).toMatchObject({ page: viewport.height, hidden: 0 });
        expect(fit.lowest, where).toBeLessThanOrEqual(viewport.height);
        expect(fit.rightmost, where).toBeLessThanOrEqual(viewport.width);
        expect(fit.highest, where).toBeGreaterThanOrEqual(0);
        await page.context().close();
      }
    }
  });

  it('a priority right rides along with the chosen service, on the ticket screen as on the paper', async () => {
    const page = await open(hub);
    await chooseUkrainian(page);
    await page.locator('[data-action="priority"]').click();
    const category = config.queue.priorityCategories[0]!;
    await page.locator(`[data-priority="${category.id}"]`).click();
    await expect
      .poll(() => page.locator('.priority-chosen').textContent(), SEEN)
      .toBe(uk('kiosk.priority.chosen', { category: category.names.uk! }));
    await page.locator('[data-group="consultation"]').click();
    await page.locator('[data-service="consultation"]').click();
    await expect.poll(() => page.locator('.ticket-number').count(), SEEN).toBe(1);
    expect(await page.locator('[data-fact="priority"]').textContent()).toBe(category.names.uk);
    const text = hub.printers.text(hub.printers.jobs('kiosk-1').at(-1)!);
    expect(text).toContain(category.names.uk);
    await page.context().close();
  });

  it('checks in an appointment by its code, typed as a scanner would', async () => {
    const admin = await device(hub, 'admin-1');
    const at = new Date(Math.floor(mondayMorning() / SLOT + 1) * SLOT).toISOString();
    const { appointment } = await admin.command('appointment.book', { service: 'residence-register', at });
    const page = await open(hub);
    await chooseUkrainian(page);
    await page.locator('[data-action="appointment"]').click();
    await page.keyboard.type(appointment.code.toLowerCase());
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.ticket-number').count(), SEEN).toBe(1);
    const text = hub.printers.text(hub.printers.jobs('kiosk-1').at(-1)!);
    expect(text).toContain(serviceName(config, 'residence-register'));
    await page.context().close();
  });

  it('an unknown appointment code is refused with a reason and no ticket', async () => {
    const before = await ticketsIssued(hub);
    const page = await open(hub);
    await chooseUkrainian(page);
    await page.locator('[data-action="appointment"]').click();
    await page.keyboard.type('ZZZZ2222');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.refused').textContent(), SEEN).toContain(translate('uk', 'error.unknown_appointment'));
    expect(await ticketsIssued(hub)).toBe(before);
    await page.context().close();
  });

  it('read aloud: the first touch names the button with eSpeak NG in the kiosk language, the second chooses it', {
    timeout: 120_000,
  }, async () => {
    const before = hub.printers.jobs('kiosk-1').length;
    const page = await open(hub);
    await chooseUkrainian(page);
    await page.locator('[data-toggle="readAloud"]').click();
    await page.locator('[data-group="consultation"]').click();
    await expect.poll(() => page.locator('.read-aloud-caption').textContent(), SEEN).toContain('Консультації');
    expect(await page.locator('#group-title').count()).toBe(0);
    const [group] = await spokenOnce(page, 1);
    expect(group).toMatchObject({ lang: 'uk', voice: 'espeak-ng', text: expect.stringMatching(/^Консультації/) });
    // Speech, not silence: most of a second or more of sound, far above the noise floor.
    expect(group?.seconds).toBeGreaterThan(0.5);
    expect(group?.rms).toBeGreaterThan(0.02);

    await page.locator('[data-group="consultation"]').click();
    await expect.poll(() => page.locator('#group-title').count(), SEEN).toBe(1);
    expect(await heard(page)).toHaveLength(1);

    // The header's language switch is never gated; the next touch is read in the new language.
    await page.locator('.language-switch').getByRole('button', { name: 'English' }).click();
    const service = page.locator('[data-service]').first();
    await service.click();
    const [, english] = await spokenOnce(page, 2);
    expect(english).toMatchObject({
      lang: 'en',
      voice: 'espeak-ng',
      // The service's name, then how many wait for it.
      text: expect.stringContaining(serviceName(config, (await service.getAttribute('data-service')) ?? '', 'en')),
    });
    expect(english?.rms).toBeGreaterThan(0.02);
    expect(hub.printers.jobs('kiosk-1').length).toBe(before);
    await page.context().close();
  });

  it('large text and high contrast change the look, and reading a screenshot of them is possible', async () => {
    const page = await open(hub, KIOSK, LANDSCAPE);
    await chooseUkrainian(page);
    // The words of the choices grow; the headings are large already.
    const size = () =>
      page
        .locator('.kiosk .choice-name')
        .first()
        .evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
    const normal = await size();
    await page.locator('[data-toggle="largeText"]').click();
    await page.locator('[data-toggle="contrast"]').click();
    expect(await size()).toBeGreaterThan(normal * 1.2);
    expect(await page.locator('.kiosk').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(0, 0, 0)');
    await shot(page, 'kiosk-contrast-1920x1080');
    await page.context().close();
  });

  it('goes back to the language choice after the configured idle time, resetting the aids', async () => {
    const context = await browser.newContext({ viewport: LANDSCAPE, baseURL: hub.httpUrl });
    const page = await context.newPage();
    // The page's own clock, so the idle timeout passes without waiting for it.
    await page.clock.install();
    await gotoDevice(page, KIOSK);
    await chooseUkrainian(page);
    await page.locator('[data-toggle="largeText"]').click();
    await page.locator('[data-group="social"]').click();
    await page.clock.fastForward((config.kiosk.idleSeconds - 5) * 1000);
    expect(await page.locator('#group-title').count()).toBe(1);
    await page.clock.fastForward(6000);
    await expect.poll(() => page.locator('.language-choice').count(), SEEN).toBe(1);
    expect(await page.locator('[data-toggle="largeText"]').getAttribute('aria-pressed')).toBe('false');
    await context.close();
  });

  it('out of paper: "out of service", and no ticket can be asked for', async () => {
    const before = await ticketsIssued(hub);
    hub.printers.simulator('kiosk-1').setPaper('out');
    const page = await open(hub, KIOSK, LANDSCAPE);
    const notice = page.locator('.out-of-service');
    await expect.poll(() => notice.getAttribute('data-reason'), SEEN).toBe('paper');
    expect(await notice.textContent()).toContain(uk('kiosk.outOfService.paper'));
    expect(await page.locator('[data-service], [data-group]').count()).toBe(0);
    await shot(page, 'kiosk-out-of-paper-1920x1080');
    expect(await ticketsIssued(hub)).toBe(before);
    // Supervisors learn it from the kiosk's retained health.
    const watcher = await device(hub, 'display-hall');
    const health = watch(watcher, topics.health('demo', 'kiosk-1'));
    await expect.poll(() => (health.get(topics.health('demo', 'kiosk-1')) as DeviceHealth | undefined)?.printer?.paperOut, SEEN).toBe(true);

    hub.printers.simulator('kiosk-1').setPaper('ok');
    await expect.poll(() => notice.count(), SEEN).toBe(0);
    await page.context().close();
  });
});

describe('kiosk and /status by the opening hours', () => {
  // Demo centre: Monday 08:00–20:00 in Kyiv (UTC+2 in November), tickets from 07:45; travel-passport's
  // last ticket is 19:40 (20 minutes on average), land-plot-registration's 19:00 (set to an hour).
  let hub: RunningHub;
  let offset = 0;
  const config = demoConfig();
  const setTime = (kyiv: string) => {
    offset = Date.parse(`2026-11-23T${kyiv}:00+02:00`) - Date.now();
  };
  const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('en', key, params);
  const status = async () => (await (await fetch(`${hub.httpUrl}/api/public/status`)).json()) as CentreStatus;
  const serviceStatus = (s: CentreStatus, id: string) => s.groups.flatMap((g) => g.services).find((x) => x.id === id);

  beforeAll(async () => {
    setTime('07:30');
    hub = await runHub(config, () => Date.now() + offset);
  });
  afterAll(async () => {
    await hub?.stop();
  });

  async function chooseService(page: Page, groups: string[], service: string): Promise<void> {
    for (const g of groups) await page.locator(`[data-group="${g}"]`).click();
    await page.locator(`[data-service="${service}"]`).click();
  }

  it('before the early window: no ticket, the hours the kiosk and /status both give, and an appointment still checks in', async () => {
    const page = await open(hub);
    await chooseUkrainian(page);
    await chooseService(page, ['residence'], 'residence-register');
    const refusal = page.locator('.no-ticket[data-refusal="service_closed"]');
    await expect.poll(() => refusal.count(), SEEN).toBe(1);
    expect(await refusal.locator('h2').textContent()).toBe(uk('kiosk.closed.title'));
    expect(await refusal.locator('.no-ticket-detail').allTextContents()).toEqual([
      uk('kiosk.closed.opens', { time: '08:00' }),
      uk('kiosk.closed.ticketsFrom', { time: '07:45' }),
    ]);
    expect(hub.printers.jobs('kiosk-1')).toHaveLength(0);
    expect(await ticketsIssued(hub)).toBe(0);

    const now = await status();
    expect(now).toMatchObject({ openNow: false, ticketsNow: false, next: { day: '2026-11-23', opens: '08:00', ticketsFrom: '07:45' } });
    expect(serviceStatus(now, 'residence-register')?.tickets).toBe('closed');
    const web = await open(hub, '/status', PHONE, 'uk-UA');
    await expect
      .poll(() => web.locator('.opening').textContent(), SEEN)
      .toBe(`${uk('status.opensAt', { time: '08:00' })}, ${uk('status.ticketsFrom', { time: '07:45' })}`);
    expect(await web.locator('[data-open]').textContent()).toBe(uk('status.closedNow'));
    await web.context().close();

    // A booked visitor is the centre's own promise: checked in at any hour.
    const admin = await device(hub, 'admin-1');
    const { appointment } = await admin.command('appointment.book', { service: 'residence-register', at: '2026-11-23T08:00:00+02:00' });
    await page.getByRole('button', { name: uk('kiosk.ticket.done') }).click();
    await chooseUkrainian(page);
    await page.locator('[data-action="appointment"]').click();
    await page.keyboard.type(appointment.code);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.ticket-number').count(), SEEN).toBe(1);
    await page.context().close();
  });

  it('in the early window the kiosk issues, and /status says the centre opens at 08:00 with tickets from 07:45', async () => {
    setTime('07:50');
    const page = await open(hub);
    await chooseUkrainian(page);
    await chooseService(page, ['residence'], 'residence-register');
    await expect.poll(() => page.locator('.ticket-number').count(), SEEN).toBe(1);
    expect(await status()).toMatchObject({ openNow: false, ticketsNow: true, next: { opens: '08:00', ticketsFrom: '07:45' } });
    const web = await open(hub, '/status', PHONE, 'uk-UA');
    await expect.poll(() => web.locator('.opening .tickets-now').textContent(), SEEN).toBe(uk('status.ticketsNow'));
    await shot(web, 'status-early-window-390x844');
    await web.context().close();
    await page.context().close();
  });

  it('after a service’s last ticket: "no more tickets today" in the visitor’s language, with the booking page to scan; /status agrees', async () => {
    setTime('19:45');
    const page = await open(hub);
    await page.locator('.language-choice').getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('#home-title').textContent(), SEEN).toBe(en('kiosk.home.title'));
    const printed = hub.printers.jobs('kiosk-1').length;
    await chooseService(page, ['passports', 'travel-passport'], 'travel-passport');
    const full = page.locator('.no-ticket[data-refusal="day_full"]');
    await expect.poll(() => full.count(), SEEN).toBe(1);
    expect(await full.locator('h2').textContent()).toBe(en('kiosk.full.title'));
    expect(await full.locator('.no-ticket-service').textContent()).toBe(serviceName(config, 'travel-passport', 'en'));
    expect(await full.locator('.no-ticket-detail').textContent()).toBe(en('kiosk.full.lastTicket', { time: '19:40' }));
    const url = `${hub.httpUrl}/book?service=travel-passport`;
    expect(await full.locator('.book-how').textContent()).toBe(en('kiosk.book.scan', { url }));
    await expect
      .poll(() => full.locator('.book-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), SEEN)
      .toBeGreaterThan(0);
    await shot(page, 'kiosk-day-full-1080x1920');
    expect(hub.printers.jobs('kiosk-1')).toHaveLength(printed);

    // What the code leads to: the booking page with that service chosen.
    const book = await open(hub, '/book?service=travel-passport', PHONE, 'uk-UA');
    await expect.poll(() => book.locator('[data-service="travel-passport"]').getAttribute('aria-pressed'), SEEN).toBe('true');
    await expect.poll(() => book.locator('.days button').count(), SEEN).toBeGreaterThan(0);
    await book.context().close();

    // A service the public page does not book: the staff book it.
    await page.getByRole('button', { name: en('kiosk.ticket.done') }).click();
    await chooseUkrainian(page);
    await chooseService(page, ['land-property'], 'land-plot-registration');
    await expect.poll(() => full.count(), SEEN).toBe(1);
    expect(await full.locator('.no-ticket-detail').textContent()).toBe(uk('kiosk.full.lastTicket', { time: '19:00' }));
    expect(await full.locator('.book-how').textContent()).toBe(uk('kiosk.book.staff'));
    expect(await full.locator('.book-qr').count()).toBe(0);
    await shot(page, 'kiosk-day-full-staff-1080x1920');
    await page.context().close();

    const now = await status();
    expect(now).toMatchObject({ openNow: true, ticketsNow: true, closesAt: '20:00', next: null });
    expect(serviceStatus(now, 'travel-passport')).toMatchObject({ tickets: 'full', lastTicketAt: '19:40' });
    expect(serviceStatus(now, 'land-plot-registration')).toMatchObject({ tickets: 'full', lastTicketAt: '19:00' });
    // Ten minutes on average: its last ticket is 19:50, and the kiosk still gives it.
    expect(serviceStatus(now, 'residence-register')).toMatchObject({ tickets: 'open', lastTicketAt: '19:50' });
    const kiosk = await device(hub, 'kiosk-2');
    expect((await kiosk.command('ticket.issue', { service: 'residence-register', language: 'uk' })).ticket.service).toBe(
      'residence-register',
    );
    await expect(kiosk.command('ticket.issue', { service: 'travel-passport', language: 'uk' })).rejects.toMatchObject({
      code: 'day_full',
      params: { reason: 'last_ticket', lastTicketAt: '19:40', bookable: true },
    });
    const web = await open(hub, '/status', PHONE, 'uk-UA');
    await web.locator('[data-group="passports"] summary').click();
    await expect.poll(() => web.locator('[data-service="travel-passport"] [data-tickets]').textContent(), SEEN).toBe(uk('status.full'));
    await shot(web, 'status-day-full-390x844');
    await web.context().close();
  }, 90_000);
});

describe('kiosk without its hub', () => {
  it('says "out of service" when the hub stops, and issues nothing', async () => {
    const hub = await runHub(demoConfig());
    const page = await open(hub, KIOSK, LANDSCAPE);
    await chooseUkrainian(page);
    await hub.stop();
    const notice = page.locator('.out-of-service');
    await expect.poll(() => notice.getAttribute('data-reason'), SEEN).toBe('hub');
    expect(await notice.textContent()).toContain(uk('kiosk.outOfService.hub'));
    expect(await page.locator('[data-service], [data-group]').count()).toBe(0);
    // For the staff: the trouble, small, in the top right corner.
    const badge = page.locator('.connection');
    await expect.poll(() => badge.getAttribute('data-status'), SEEN).toMatch(/^(offline|hubOffline)$/);
    const box = (await badge.boundingBox())!;
    expect(box.x + box.width).toBeGreaterThan(LANDSCAPE.width - 40);
    expect(box.y).toBeLessThan(40);
    expect(box.width).toBeLessThan(LANDSCAPE.width / 3);
    await shot(page, 'kiosk-hub-down-1920x1080');
    await page.context().close();
  });

  it('raised no uncaught errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
