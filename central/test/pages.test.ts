// The region's pages in Chromium against central on a real PostgreSQL: the supervisors' overview,
// a centre, reports and CSV at 1920×1080; the public /centres at 390×844; uk and en; axe-core.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../../hub/test/axe.js';
import { type CentralHttp, startCentralHttp } from '../src/http/server.js';
import { startTestDatabase, type TestDatabase } from '../src/store/test-database.js';
import { SEED_CATALOGUES, SEED_OFFLINE_MS, seedRegion } from '../src/store/test-seed.js';
import { addUser } from '../src/users/users.js';

// As hub/test/harness.ts launches it (not imported: the harness loads the built hub).
const launchChromium = () =>
  chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));
const DESKTOP = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };
const KYIV_TIME = (at: number, lang = 'uk') =>
  new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Kyiv' }).format(at);
const KYIV_DAY = (at: number) => new Intl.DateTimeFormat('sv', { timeZone: 'Europe/Kyiv' }).format(at);
/** When the data is of another day in Kyiv than now (a run just after its midnight), the page adds the date. */
const KYIV_STAMP = (at: number, lang = 'uk') =>
  KYIV_DAY(at) === KYIV_DAY(now)
    ? KYIV_TIME(at, lang)
    : `${KYIV_TIME(at, lang)}, ${new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', timeZone: 'Europe/Kyiv' }).format(at)}`;

let db: TestDatabase;
let http: CentralHttp;
let browser: Browser;
const now = Date.now();

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  db = await startTestDatabase();
  await seedRegion(db.pool, now);
  await addUser(db.pool, { username: 'oksana', name: 'Оксана Коваль', password: 'region-pass' });
  await addUser(db.pool, { username: 'petro', name: 'Петро Бондар', password: 'district-pass', sites: ['irpin', 'bucha'] });
  http = await startCentralHttp({ pool: db.pool, log: pino({ level: 'silent' }), port: 0 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await http?.close();
  await db?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

async function signedIn(username: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
  const page = await context.newPage();
  await page.goto(`${http.url}/central/`);
  await page.getByLabel("Ім'я користувача").fill(username);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await page.locator('.overview-table tbody tr').first().waitFor();
  return { context, page };
}

describe('the supervisors’ pages', () => {
  it('show every centre now, the offline one since when, the record alert; sortable; accessible', async () => {
    const { context, page } = await signedIn('oksana', 'region-pass');
    const rows = page.locator('.overview-table tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    const fastiv = page.locator('tr[data-site="fastiv"]');
    await expect.poll(() => fastiv.locator('[data-hub]').innerText()).toContain(`Не на зв’язку з ${KYIV_TIME(now - SEED_OFFLINE_MS)}`);
    expect(await fastiv.getAttribute('class')).toBe('stale');
    expect(await page.locator('tr[data-site="obukhiv"] .alerts').innerText()).toContain('Журнал повернувся назад на записі 18234');
    expect(await page.locator('tr[data-site="kyiv-central"] .alerts').innerText()).toContain('kiosk-2: у принтері закінчується папір');
    // The region's catalogue: Bucha runs an older one, Fastiv takes none.
    expect(await page.locator('[data-region-catalogue]').getAttribute('data-region-catalogue')).toBe(SEED_CATALOGUES.current);
    expect(await page.locator('tr[data-site="bucha"] [data-catalogue]').innerText()).toBe(`${SEED_CATALOGUES.old}: застаріла`);
    expect(await page.locator('tr[data-site="irpin"] [data-catalogue]').getAttribute('data-catalogue')).toBe('current');
    expect(await page.locator('tr[data-site="fastiv"]').innerText()).toContain('Лише власні послуги');
    // Longest wait first by default: Kyiv (26 min), then Obukhiv (22).
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-site')))).toEqual([
      'kyiv-central',
      'obukhiv',
      'irpin',
      'bucha',
      'fastiv',
    ]);
    await page.locator('button[data-sort="hub"]').click();
    expect(await rows.first().getAttribute('data-site')).toBe('fastiv');
    expect(await page.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    await page.locator('button[data-sort="longest"]').click();
    await expectAccessible(page, 'the overview');
    await shot(page, 'central-overview');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => fastiv.locator('[data-hub]').innerText()).toContain(`Offline since ${KYIV_TIME(now - SEED_OFFLINE_MS, 'en')}`);
    await shot(page, 'central-overview-en');
    await page.getByRole('button', { name: 'Українська' }).click();
    await context.close();
  });

  it('drill down to one centre: its groups now and today by hour, as a chart and a table', async () => {
    const { context, page } = await signedIn('oksana', 'region-pass');
    await page.getByRole('link', { name: 'ЦНАП Київ, Центральний' }).click();
    await page.locator('[data-centre="kyiv-central"]').waitFor();
    await expect.poll(() => page.locator('[data-group]').count()).toBe(4);
    expect(await page.locator('[data-group="passports"]').innerText()).toMatch(/Паспорти\s+23\s+26 хв\s+24 хв\s+6/);
    await page.locator('canvas[role="img"]').waitFor();
    await page.locator('.chart-data summary').click();
    const arrivals = await page.locator('.chart-data tbody tr td:nth-child(2)').allInnerTexts();
    expect(arrivals.reduce((n, x) => n + Number(x), 0)).toBe(80);
    await expectAccessible(page, 'a centre');
    await shot(page, 'central-centre');
    await context.close();
  });

  it('clear a record alert on the centre’s page: a note required, then kept with who and when', async () => {
    const { context, page } = await signedIn('oksana', 'region-pass');
    await page.goto(`${http.url}/central/#centre/obukhiv`);
    const alert = page.locator('.alert-history li.open');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Журнал повернувся назад на записі 18234');
    await page.getByRole('button', { name: 'Зняти цю тривогу…' }).click();
    const note = page.getByLabel('Чому її можна зняти (обов’язково)');
    await note.waitFor();
    await page.getByRole('button', { name: 'Зняти тривогу', exact: true }).click();
    await expect.poll(() => page.locator('.clear-form [role="alert"]').innerText()).toContain('Спершу напишіть примітку');
    expect(await page.locator('.alert-history li.open').count()).toBe(1);
    await note.fill('Хаб відновлено з учорашньої копії після заміни диска; перевірено з центром');
    await expectAccessible(page, 'clearing an alert');
    await shot(page, 'central-alert-clear');
    await page.getByRole('button', { name: 'Зняти тривогу', exact: true }).click();
    const cleared = page.locator('.alert-history li.cleared');
    await cleared.waitFor();
    expect(await cleared.innerText()).toMatch(/Знята[\s\S]*Зняв\(ла\) Оксана Коваль, \d\d:\d\d[\s\S]*перевірено з центром/);
    expect(await page.locator('.figures .alerts').count()).toBe(0);
    await shot(page, 'central-alert-cleared');
    const { rows } = await db.pool.query("SELECT cleared_by, clear_note FROM alerts WHERE site_id = 'obukhiv'");
    expect(rows).toEqual([
      { cleared_by: 'oksana', clear_note: 'Хаб відновлено з учорашньої копії після заміни диска; перевірено з центром' },
    ]);
    await context.close();
  });

  it('report across centres with a chart, and the same as CSV in the page’s language', async () => {
    const { context, page } = await signedIn('oksana', 'region-pass');
    await page.getByRole('link', { name: 'Звіти' }).click();
    // The region's supervisor works in Kyiv: the page's days are Kyiv's.
    const week = KYIV_DAY(now - 8 * 86_400_000);
    await page.getByLabel('З', { exact: true }).fill(week);
    await page.getByRole('button', { name: 'Показати' }).click();
    // The page showed the last six days at first: wait for the week asked.
    await expect.poll(async () => Number(await page.locator('.report-table tfoot td').first().innerText())).toBe(5 * 7 * 200 + 80);
    expect(await page.locator('.report-table tbody tr').count()).toBe(5);
    await page.locator('canvas[role="img"]').waitFor();
    await expectAccessible(page, 'the reports');
    await shot(page, 'central-reports');
    const href = await page.getByRole('link', { name: 'Завантажити CSV' }).getAttribute('href');
    const csv = await (await context.request.get(`${http.url}${href}`)).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]?.split(',').slice(0, 3)).toEqual(['Код центру', 'Центр', 'Відвідувачі']);
    expect(lines.find((l) => l.startsWith('kyiv-central,'))).toMatch(/^kyiv-central,"ЦНАП Київ, Центральний",1480,/);
    expect(lines.at(-1)).toMatch(/^,Разом,7080,\d+,\d+,\d+,\d+:\d\d:\d\d,/);
    await context.close();
  });

  it('show a district supervisor only their centres', async () => {
    const { context, page } = await signedIn('petro', 'district-pass');
    await expect.poll(() => page.locator('.overview-table tbody tr').count()).toBe(2);
    expect(await page.locator('.central-user').innerText()).toContain('центрів: 2');
    await page.goto(`${http.url}/central/#centre/kyiv-central`);
    await expect.poll(() => page.locator('.central-error').innerText()).toContain('not among yours');
    await context.close();
  });
});

describe('the public /centres', () => {
  it('on a phone: choose passports, the live open centres by wait first, the offline one said stale with its time', async () => {
    const context = await browser.newContext({
      viewport: PHONE,
      locale: 'uk-UA',
      timezoneId: 'Europe/Kyiv',
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${http.url}/centres`);
    await page.locator('.centre-card').first().waitFor();
    await shot(page, 'centres-phone');
    // Held until the page has been seen waiting: the list for any need (by name) is not the list for passports.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/api\/public\/centres\?group=passports/, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByLabel('Що вам потрібно?').selectOption('group:passports');
    const cards = page.locator('.centre-card');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Завантаження' }).count()).toBe(1);
    expect(await cards.count()).toBe(0);
    await shot(page, 'centres-phone-loading');
    release();
    await expect
      .poll(() => cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-site'))))
      .toEqual(['bucha', 'irpin', 'obukhiv', 'kyiv-central', 'fastiv']);
    const fastiv = page.locator('.centre-card[data-site="fastiv"]');
    expect(await fastiv.locator('[data-stale]').innerText()).toBe(`Не наживо — дані на ${KYIV_STAMP(now - SEED_OFFLINE_MS)}`);
    expect(await fastiv.locator('[data-live]').count()).toBe(0);
    expect(await fastiv.locator('.estimate').innerText()).toBe(`О ${KYIV_TIME(now - SEED_OFFLINE_MS)} очікування було близько 2 хв`);
    expect(await cards.first().locator('.estimate').innerText()).toBe('Очікування близько 4 хв');
    expect(page.url()).toContain('group=passports');
    await expectAccessible(page, 'the public centres');
    await shot(page, 'centres-phone-passports');
    await page.getByRole('button', { name: 'English' }).click();
    await expect
      .poll(() => fastiv.locator('[data-stale]').innerText())
      .toBe(`Not live — data from ${KYIV_STAMP(now - SEED_OFFLINE_MS, 'en')}`);
    await shot(page, 'centres-phone-en');
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });
});
