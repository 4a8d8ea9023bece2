// The supervisors' pages in Debian's Chromium against a real hub started from a YAML file of its own:
// sign-in, a live config edit shown as the file's lines before it is saved, then seen by the kiosk
// without a reload (and the file — that one line changed — the export and the event log record it), a
// refused edit said in the page's language, a file the editor cannot keep refused the same way, the
// live monitor and its alerts (a failed backup among them), reports.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConfigInput, configSchema, type DomainEvent, topics, translate } from '@vikno/shared';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type RunningHub, startHub } from '../src/app.js';
import {
  adminCookie,
  closeClients,
  counterAt,
  DEMO_CONFIG,
  demoMorning,
  device,
  gotoDevice,
  launchChromium,
  monitor,
  REPO,
  tempDir,
} from './harness.js';

const SCREENSHOTS = join(REPO, 'screenshots');
const WIDE = { width: 1920, height: 1080 };
const SMALL = { width: 1366, height: 768 };
const SEEN = { timeout: 10_000 };
const uk = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('uk', key, params);
const MINUTE = 60_000;

let browser: Browser;
let hub: RunningHub;
let configFile: string;
let dataDir: string;
// The demo's Monday morning, held still but where a test moves it: whatever hour the suite runs
// at, no test crosses the centre's midnight (which closes the day) or its closing time.
let now = demoMorning();
const pageErrors: Error[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dir = tempDir('vikno-admin-');
  configFile = join(dir, 'centre.yaml');
  copyFileSync(DEMO_CONFIG, configFile);
  dataDir = join(dir, 'data');
  const input = parse(readFileSync(configFile, 'utf8')) as ConfigInput;
  const config = configSchema.parse({
    ...input,
    dataDir,
    http: { port: 0, host: '127.0.0.1' },
    broker: { port: 0, host: '127.0.0.1' },
    // Due at any hour, into a folder that cannot be made (its parent is a file): the monitor's alert.
    backups: { at: '00:00', folder: join(configFile, 'backups') },
  });
  hub = await startHub(config, pino({ level: 'silent' }), () => now, {}, { configFile });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await closeClients();
  await hub?.stop();
});

async function open(path: string, viewport = WIDE): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: hub.httpUrl });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  await gotoDevice(page, path);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

async function signIn(page: Page, username: string, pin: string): Promise<void> {
  await page.getByLabel(uk('admin.login.username')).fill(username);
  await page.getByLabel(uk('admin.login.pin')).fill(pin);
  await page.getByRole('button', { name: uk('admin.login.submit') }).click();
}

async function adminPage(viewport = WIDE): Promise<Page> {
  const page = await open('/admin/', viewport);
  await signIn(page, 'admin', '0000');
  await expect.poll(() => page.locator('.admin-user').textContent(), SEEN).toContain('Адміністратор ЦНАП');
  return page;
}

function eventsOfType(type: string): DomainEvent[] {
  const db = new Database(join(dataDir, 'vikno.db'), { readonly: true });
  try {
    return db
      .prepare<[string], { data: string }>('SELECT data FROM events WHERE type = ? ORDER BY seq')
      .all(type)
      .map((r) => JSON.parse(r.data) as DomainEvent);
  } finally {
    db.close();
  }
}

/** Saves the draft through its preview: the preview must show first. */
async function reviewAndSave(page: Page): Promise<void> {
  await page.getByRole('button', { name: uk('admin.review') }).click();
  await expect.poll(() => page.getByRole('heading', { name: uk('admin.preview.title') }).count(), SEEN).toBe(1);
  await page.getByRole('button', { name: uk('admin.save') }).click();
}

const post = (path: string, body: unknown, cookie = '') =>
  fetch(`${hub.httpUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });

describe('admin sign-in', () => {
  it('refuses a wrong PIN, then lets the admin in', async () => {
    const page = await open('/admin/');
    await expect.poll(() => page.locator('#login-title').textContent(), SEEN).toBe(uk('admin.login.title'));
    await signIn(page, 'admin', '9999');
    await expect.poll(() => page.getByRole('alert').textContent(), SEEN).toBe(uk('admin.login.wrong'));
    await shot(page, 'admin-login-1920x1080');
    await signIn(page, 'admin', '0000');
    await expect.poll(() => page.locator('.admin-user').textContent(), SEEN).toContain('Адміністратор ЦНАП');
    await page.context().close();
  });

  it('sets an HttpOnly SameSite=Strict cookie, refuses operators, and locks a username after five wrong PINs', async () => {
    const ok = await post('/api/admin/login', { username: 'petro', pin: '1234' });
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^vikno_admin=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const session = cookie.split(';')[0] ?? '';
    // petro is a supervisor: the monitor yes, the configuration no.
    expect((await fetch(`${hub.httpUrl}/api/admin/monitor`, { headers: { cookie: session } })).status).toBe(200);
    expect((await fetch(`${hub.httpUrl}/api/admin/config`, { headers: { cookie: session } })).status).toBe(403);
    expect((await fetch(`${hub.httpUrl}/api/admin/monitor`)).status).toBe(401);

    expect((await post('/api/admin/login', { username: 'olena', pin: '1234' })).status).toBe(403);
    for (let i = 0; i < 5; i++) expect((await post('/api/admin/login', { username: 'taras', pin: '0000' })).status).toBe(401);
    // Locked now, even with the right PIN.
    expect((await post('/api/admin/login', { username: 'taras', pin: '1234' })).status).toBe(429);
    now += 16 * MINUTE;
    expect((await post('/api/admin/login', { username: 'taras', pin: '1234' })).status).toBe(403);
  });
});

describe('live configuration', () => {
  const NEW_NAME = 'Обмін ID-картки — нова назва';

  // Two pages and the preview step: room for a busy machine.
  it('a renamed service: its lines shown before saving, then at the kiosk without a reload, one line of the YAML file, the export and the event log', {
    timeout: 90_000,
  }, async () => {
    const kiosk = await open('/kiosk/?device=kiosk-1&secret=demo-kiosk-1', { width: 1080, height: 1920 });
    await kiosk.locator('.language-choice').getByRole('button', { name: 'Українська' }).click();
    await kiosk.locator('[data-group="passports"]').click();
    await kiosk.locator('[data-group="id-card"]').click();
    const button = kiosk.locator('[data-service="id-card-exchange"]');
    await expect.poll(() => button.textContent(), SEEN).toContain('Обмін паспорта громадянина України (ID-картка)');

    const page = await adminPage();
    await page.locator('[data-tab="services"]').click();
    const name = page.getByLabel(`${uk('admin.field.name', { lang: 'uk' })} id-card-exchange`);
    await expect.poll(() => name.inputValue(), SEEN).toBe('Обмін паспорта громадянина України (ID-картка)');
    await name.fill(NEW_NAME);
    await expect.poll(() => page.locator('.unsaved').count(), SEEN).toBe(1);
    await shot(page, 'admin-services-1920x1080');
    const original = readFileSync(configFile, 'utf8');
    await page.getByRole('button', { name: uk('admin.review') }).click();

    // The preview: what changes, in the page's language, and the file's one line out and one in.
    const preview = page.getByRole('region', { name: uk('admin.preview.title') });
    await expect.poll(() => preview.count(), SEEN).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), SEEN).toBe('preview-title');
    const described = uk('admin.change.changed', {
      section: uk('admin.section.services'),
      id: 'id-card-exchange',
      fields: uk('admin.field.names'),
    });
    expect(await preview.locator('.preview-changes li').allTextContents()).toEqual([described]);
    expect(await preview.getByText(uk('admin.preview.file', { file: 'centre.yaml', removed: 1, added: 1 })).count()).toBe(1);
    const table = preview.getByRole('table', { name: uk('admin.preview.hunk', { n: 1, total: 1 }) });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      uk('admin.preview.before'),
      uk('admin.preview.after'),
      uk('admin.preview.kind'),
      uk('admin.preview.text'),
    ]);
    const line = original.split('\n').indexOf('      uk: Обмін паспорта громадянина України (ID-картка)') + 1;
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)));
    expect(rows).toEqual([
      [String(line - 2), String(line - 2), uk('admin.preview.same'), '    prefix: IE'],
      [String(line - 1), String(line - 1), uk('admin.preview.same'), '    names:'],
      [String(line), '', `−${uk('admin.preview.removed')}`, '      uk: Обмін паспорта громадянина України (ID-картка)'],
      ['', String(line), `+${uk('admin.preview.added')}`, `      uk: ${NEW_NAME}`],
      [String(line + 1), String(line + 1), uk('admin.preview.same'), "      en: Replacement of the citizen's passport (ID card)"],
      [String(line + 2), String(line + 2), uk('admin.preview.same'), '    averageServiceMinutes: 20'],
    ]);
    await shot(page, 'admin-preview-1920x1080');
    // Nothing is changed until it is confirmed.
    expect(readFileSync(configFile, 'utf8')).toBe(original);
    expect(eventsOfType('config.changed')).toHaveLength(0);
    await page.getByRole('button', { name: uk('admin.save') }).click();
    // Said in the page's language; the audit log below keeps the English line.
    const change = uk('admin.change.changed', {
      section: uk('admin.section.services'),
      id: 'id-card-exchange',
      fields: uk('admin.field.names'),
    });
    await expect.poll(() => page.getByRole('status').textContent(), SEEN).toContain(change);

    // The kiosk is still on the same screen (no reload, no reconnect) and shows the new name.
    await expect.poll(() => button.textContent(), SEEN).toContain(NEW_NAME);
    expect(await kiosk.locator('[data-group="id-card"]').count()).toBe(0);

    // The file: that one line, and nothing else of it, changed.
    const text = readFileSync(configFile, 'utf8');
    expect(text).toBe(original.replace('      uk: Обмін паспорта громадянина України (ID-картка)\n', `      uk: ${NEW_NAME}\n`));
    const file = parse(text) as ConfigInput;
    expect(file.services.find((s) => s.id === 'id-card-exchange')?.names.uk).toBe(NEW_NAME);
    expect(configSchema.safeParse(file).success).toBe(true);

    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const exported = await fetch(`${hub.httpUrl}/api/admin/config.yaml`, { headers: { cookie } });
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(await exported.text()).toContain(NEW_NAME);

    const changed = eventsOfType('config.changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({
      type: 'config.changed',
      by: 'admin',
      version: 2,
      changes: ['services: id-card-exchange changed names'],
    });
    await kiosk.context().close();
    await page.context().close();
  });

  it("refuses an invalid change, saying why in the page's language, and changes nothing", async () => {
    const page = await adminPage(SMALL);
    await page.locator('[data-tab="services"]').click();
    const prefix = page.getByLabel(`${uk('admin.field.prefix')} id-card-exchange`);
    await expect.poll(() => prefix.inputValue(), SEEN).toBe('IE');
    await prefix.fill('ie1');
    await page.getByRole('button', { name: uk('admin.review') }).click();
    const refused = page.locator('.refused');
    // In the page's language, at the place on the page: the section, the service's id, the column.
    const place = [uk('admin.section.services'), 'id-card-exchange', uk('admin.field.prefix')].join(' › ');
    await expect.poll(() => refused.locator('li').allTextContents(), SEEN).toEqual([`${place}: ${uk('config.format.prefix')}`]);
    await shot(page, 'admin-refused-1366x768');
    expect(eventsOfType('config.changed')).toHaveLength(1);
    expect(readFileSync(configFile, 'utf8')).toContain('prefix: IE');
    await page.context().close();
  });

  it("says so in the page's language when the session has ended, rather than the hub's words", async () => {
    const page = await adminPage(SMALL);
    await page.locator('[data-tab="services"]').click();
    const prefix = page.getByLabel(`${uk('admin.field.prefix')} id-card-exchange`);
    await expect.poll(() => prefix.inputValue(), SEEN).toBe('IE');
    await page.context().clearCookies();
    await prefix.fill('IX');
    await page.getByRole('button', { name: uk('admin.review') }).click();
    await expect.poll(() => page.locator('.refused li').allTextContents(), SEEN).toEqual([uk('admin.sessionEnded')]);
    expect(readFileSync(configFile, 'utf8')).toContain('prefix: IE');
    await page.context().close();
  });

  it("refuses to rewrite a file it cannot keep (an alias), saying why in the page's language", async () => {
    const kept = readFileSync(configFile, 'utf8');
    const hours = '    mon: [["08:00", "20:00"]]\n    tue: [["09:00", "20:00"]]\n    wed: [["08:00", "20:00"]]\n';
    expect(kept).toContain(hours);
    // Changed by hand while the hub runs: the next edit reads the file as it is now.
    writeFileSync(configFile, kept.replace(hours, '    mon: &long [["08:00", "20:00"]]\n    tue: [["09:00", "20:00"]]\n    wed: *long\n'));
    const withAlias = readFileSync(configFile, 'utf8');
    try {
      const page = await adminPage(SMALL);
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('[data-tab="services"]').click();
      const average = page.getByLabel(`${translate('en', 'admin.field.average')} consultation`);
      await expect.poll(() => average.inputValue(), SEEN).toBe('10');
      await average.fill('12');
      await page.getByRole('button', { name: translate('en', 'admin.review') }).click();
      await expect
        .poll(() => page.locator('.refused li').allTextContents(), SEEN)
        .toEqual([translate('en', 'config.file.aliases', { line: withAlias.split('\n').findIndex((l) => l.includes('&long')) + 1 })]);
      await shot(page, 'admin-file-refused-1366x768');
      expect(readFileSync(configFile, 'utf8')).toBe(withAlias);
      await page.context().close();
    } finally {
      writeFileSync(configFile, kept);
    }
  });

  it('gives every field and button of each config tab a name of its own', { timeout: 90_000 }, async () => {
    const page = await adminPage({ width: 1440, height: 900 });
    for (const tab of ['services', 'counters', 'operators', 'devices', 'settings']) {
      await page.locator(`[data-tab="${tab}"]`).click();
      await expect.poll(() => page.locator('.edit-section').count(), SEEN).toBeGreaterThan(0);
      // The names a screen reader gives, from the browser's accessibility tree.
      const tree = await page.locator('main').ariaSnapshot();
      const names = [...tree.matchAll(/- (textbox|combobox|checkbox|button|spinbutton) "([^"]*)"/g)].map((m) => `${m[1]} ${m[2]}`);
      expect(names.length).toBeGreaterThan(3);
      const twice = names.filter((n, i) => names.indexOf(n) !== i);
      expect(twice, `the ${tab} tab`).toEqual([]);
      await shot(page, `admin-${tab}-1440x900`);
    }
    // The demo's `consultation` is a service and a group: each field says which.
    await page.locator('[data-tab="services"]').click();
    const nameUk = uk('admin.field.name', { lang: 'uk' });
    expect(await page.getByLabel(`${nameUk} consultation`, { exact: true }).inputValue()).toBe('Консультація щодо адміністративних послуг');
    expect(await page.getByLabel(`${nameUk} ${uk('admin.row.group', { id: 'consultation' })}`, { exact: true }).count()).toBe(1);
    await page.context().close();
  });

  it("names roles in the page's language, operators' and devices' alike", async () => {
    const page = await adminPage();
    await page.locator('[data-tab="operators"]').click();
    const petro = page.locator('tr[data-operator="petro"]');
    await expect
      .poll(() => petro.locator('.roles label').allTextContents(), SEEN)
      .toEqual(['operator', 'registrar', 'supervisor', 'admin'].map((r) => uk(`admin.role.${r}` as Parameters<typeof uk>[0])));
    expect(await petro.getByRole('checkbox', { name: uk('admin.role.supervisor') }).isChecked()).toBe(true);
    await shot(page, 'admin-operators-1920x1080');
    await page.locator('[data-tab="devices"]').click();
    const role = page.getByLabel(`${uk('admin.field.role')} kiosk-1`);
    await expect.poll(() => role.locator('option:checked').textContent(), SEEN).toBe(uk('admin.deviceRole.kiosk'));
    await page.context().close();
  });

  it('adds a device and shows its new secret once; the device can then sign in with it', async () => {
    const page = await adminPage();
    await page.locator('[data-tab="devices"]').click();
    await page.getByRole('button', { name: uk('admin.add') }).click();
    const rows = page.locator('tr[data-device]');
    const last = rows.last();
    await last.getByRole('textbox').first().fill('kiosk-3');
    await reviewAndSave(page);
    const secret = page.locator('.secret');
    await expect.poll(() => secret.textContent(), SEEN).toContain('kiosk-3');
    const text = (await secret.textContent()) ?? '';
    const value = text.slice(text.lastIndexOf(' ') + 1);
    const client = await device(hub, 'kiosk-3', value);
    expect(client.mqtt.connected).toBe(true);
    await page.context().close();
  });
});

describe('live monitor', () => {
  it("shows a counter's ticket, a wait past the target and a kiosk out of paper", { timeout: 90_000 }, async () => {
    const kiosk = await device(hub, 'kiosk-2');
    // Staff tickets: staff are never held to the opening hours.
    const counter = await counterAt(hub, 'w3', 'mykola');
    await counter.command('ticket.issue', { service: 'id-card-exchange', language: 'uk' });
    const called = await counter.command('counter.callNext', {});
    const number = (called as { ticket: { number: string } }).ticket.number;
    await counter.command('ticket.issue', { service: 'id-card-first', language: 'uk' });
    now += 20 * MINUTE;
    await kiosk.mqtt.publishAsync(
      topics.health('demo', 'kiosk-2'),
      JSON.stringify({
        device: 'kiosk-2',
        printer: {
          online: true,
          paperOut: true,
          paperNearEnd: true,
          coverOpen: false,
          problem: null,
          checkedAt: new Date(now).toISOString(),
        },
        at: new Date(now).toISOString(),
      }),
      { qos: 1, retain: true },
    );

    for (const [viewport, name] of [
      [WIDE, '1920x1080'],
      [{ width: 1440, height: 900 }, '1440x900'],
      [SMALL, '1366x768'],
    ] as const) {
      const page = await adminPage(viewport);
      const row = page.locator('tr[data-counter="w3"]');
      await expect.poll(() => row.textContent(), SEEN).toContain(number);
      expect(await row.textContent()).toContain('Микола Кравченко');
      const alerts = page.locator('.monitor-alerts');
      await expect.poll(() => alerts.locator('[data-alert="wait"]').textContent(), SEEN).toContain('(ціль 15 хв)');
      expect(await alerts.locator('[data-alert="wait"]').textContent()).toBe(
        uk('admin.monitor.alert.wait', { service: 'Оформлення ID-картки вперше у 14 років', minutes: 20, target: 15 }),
      );
      await expect
        .poll(() => alerts.locator('[data-alert="paper"]').textContent(), SEEN)
        .toBe(uk('admin.monitor.alert.paperOut', { device: 'kiosk-2' }));
      // The day's backup could not be written: said, with why, and that none exists yet.
      await expect.poll(() => alerts.locator('[data-alert="backup"]').textContent(), SEEN).toContain('ENOTDIR');
      expect(await alerts.locator('[data-alert="backup"]').textContent()).toMatch(
        new RegExp(`^${uk('admin.monitor.alert.backup', { error: '' })}`),
      );
      expect(await alerts.locator('[data-backup]').textContent()).toBe(uk('admin.monitor.noBackup'));
      // The commitment to today's draw secret, for anyone to note before the day's draws.
      expect(await alerts.locator('[data-draw-commitment]').textContent()).toBe(
        uk('admin.monitor.drawCommitment', { day: hub.hub.state.day, commitment: hub.hub.state.drawCommitment ?? '' }),
      );
      expect(hub.hub.state.drawCommitment).toMatch(/^[0-9a-f]{64}$/);
      // Today's charts, each named by what it shows now, and their figures as a table.
      const charts = page.locator('.monitor-charts canvas');
      await expect.poll(() => charts.count(), SEEN).toBe(4);
      expect(await charts.first().getAttribute('aria-label')).toBe(
        `${uk('admin.charts.waiting')}: ${uk('admin.charts.waitingNow', { waiting: 1 })}`,
      );
      expect(await charts.nth(1).getAttribute('aria-label')).toBe(
        `${uk('admin.charts.longest')}: ${uk('admin.charts.longestNow', { minutes: 20, group: 'Паспортні послуги' })}`,
      );
      expect(await page.locator('.chart-data th[scope="row"]').count()).toBeGreaterThan(0);
      await shot(page, `admin-monitor-${name}`);
      await page.context().close();
    }
  });
});

describe('reports', () => {
  /** The report of the hub's day (the page opens on the real today in the centre's zone). */
  const showToday = async (page: Page) => {
    for (const end of ['from', 'to']) await page.locator(`input[name="${end}"]`).fill(hub.hub.state.day);
    await page.getByRole('button', { name: uk('admin.reports.show') }).click();
  };

  it('shows today per counter and downloads the same figures as CSV', async () => {
    const counter = await counterAt(hub, 'w3', 'mykola');
    await counter.command('counter.finish', { outcomes: [] });
    const page = await adminPage();
    await page.locator('[data-tab="reports"]').click();
    await page.locator('select[name="by"]').selectOption('counter');
    await showToday(page);
    const w3 = page.locator('tr[data-key="w3"]');
    await expect.poll(() => w3.locator('th').textContent(), SEEN).toBe(`${uk('counters.window')} 3`);
    await expect.poll(() => page.locator('.chart svg rect').count(), SEEN).toBeGreaterThan(0);
    // Each bar's label carries its whole name, however short the chart cuts it.
    expect(await page.locator('.chart-label title').allTextContents()).toContain(`${uk('counters.window')} 3`);
    await shot(page, 'admin-reports-1920x1080');
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    // The page's own link: the CSV in the page's language.
    const link = await page.getByRole('link', { name: uk('admin.reports.csv') }).getAttribute('href');
    expect(link).toContain('lang=uk');
    const csv = await (await fetch(`${hub.httpUrl}${link}`, { headers: { cookie } })).text();
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]?.split(',').slice(0, 3)).toEqual([
      uk('admin.csv.id.counter'),
      uk('admin.csv.name.counter'),
      uk('admin.reports.issued'),
    ]);
    const w3Line = lines.find((l) => l.startsWith('w3,'));
    // Called, then finished 20 minutes later by the clock: the service time as h:mm:ss.
    expect(w3Line?.split(',').slice(0, 5)).toEqual(['w3', `${uk('counters.window')} 3`, '0', '1', '1']);
    expect(w3Line?.split(',').slice(10, 13)).toEqual(['0:20:00', '0:20:00', '0:20:00']);
    // The old address still answers, in the centre's first language.
    const from = await page.locator('input[name="from"]').inputValue();
    const old = await (
      await fetch(`${hub.httpUrl}/api/admin/reports?from=${from}&to=${from}&by=counter&format=csv`, { headers: { cookie } })
    ).text();
    expect(old).toBe(csv);
    await page.context().close();
  });

  it('fits the report table, feedback column and all, on a 1440 px screen, durations as m:ss', { timeout: 90_000 }, async () => {
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1920, height: 1080 },
    ]) {
      const page = await adminPage(viewport);
      await page.locator('[data-tab="reports"]').click();
      await showToday(page);
      const row = page.locator('tr[data-key="id-card-exchange"]');
      // Renamed by the live configuration test above.
      await expect.poll(() => row.locator('th').textContent(), SEEN).toMatch(/^Обмін /);
      expect(await row.locator('td').nth(6).textContent()).toBe('20:00 / 20:00 / 20:00');
      const feedback = page.getByRole('columnheader', { name: uk('admin.reports.feedback') });
      const box = await feedback.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(viewport.width);
      // Nothing to scroll sideways to.
      const overflow = await page.locator('.admin-main').evaluate((m) => m.scrollWidth - m.clientWidth);
      expect(overflow).toBe(0);
      await shot(page, `admin-reports-${viewport.width}x${viewport.height}`);
      await page.context().close();
    }
  });

  it('no page error happened', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe("devices' last contact", () => {
  it('shows a feedback tablet, which talks over HTTP only, by its last request', async () => {
    const page = await adminPage();
    const tablet = page.locator('tr[data-device="tablet-w3"] td').first();
    await expect.poll(() => tablet.textContent(), SEEN).toBe(uk('admin.device.unknown'));
    // A wrong secret is no contact.
    const wrong = `Basic ${Buffer.from('tablet-w3:wrong').toString('base64')}`;
    expect((await fetch(`${hub.httpUrl}/api/tablet`, { headers: { authorization: wrong } })).status).toBe(401);
    expect((await monitor(hub, await adminCookie(hub))).devices.find((d) => d.id === 'tablet-w3')?.via).toBeNull();
    const asked = now;
    const basic = `Basic ${Buffer.from('tablet-w3:demo-tablet-w3').toString('base64')}`;
    expect((await fetch(`${hub.httpUrl}/api/tablet`, { headers: { authorization: basic } })).status).toBe(200);
    const when = new Date(asked).toLocaleString('uk', { timeZone: 'Europe/Kyiv' });
    await expect.poll(() => tablet.textContent(), SEEN).toBe(uk('admin.device.httpLast', { when }));
    // A device on MQTT: connected since when.
    const counter = await device(hub, 'counter-w5');
    await expect
      .poll(() => page.locator('tr[data-device="counter-w5"] td').first().textContent(), SEEN)
      .toMatch(/^На зв’язку \(MQTT\) від /);
    await tablet.scrollIntoViewIfNeeded();
    await shot(page, 'admin-monitor-devices-1920x1080');
    // The tablet's requests stop: offline, with when it was last heard from.
    now += 31_000;
    await expect.poll(() => tablet.textContent(), SEEN).toBe(uk('admin.device.httpGone', { when }));
    await counter.close();
    await page.context().close();
  });
});
