// The visitors' pages in Debian's Chromium against a real hub: following a ticket from a phone (with
// its alerts) and rating the visit, the public queue status, and booking a visit that the kiosk then
// checks in. The hub runs on a clock set to a Monday morning, inside the demo centre's hours.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type CommandResult, topics, translate } from '@vikno/shared';
import type { ViknoClient } from '@vikno/shared/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { closeClients, counterAt, demoConfig, device, launchChromium, REPO, runHub, until, watch } from './harness.js';

const SCREENSHOTS = join(REPO, 'screenshots');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1920, height: 1080 };
const SEEN = { timeout: 10_000 };
const MONDAY = '2026-11-23';
// 10:00 in Kyiv on a Monday (open 08:00–20:00), moving on with real time.
const shift = Date.parse(`${MONDAY}T08:00:00Z`) - Date.now();
const clock = () => Date.now() + shift;
const uk = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('uk', key, params);

let browser: Browser;
let hub: RunningHub;
let kiosk: ViknoClient;
const config = demoConfig();
const pageErrors: Error[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
  hub = await runHub(config, clock);
  kiosk = await device(hub, 'kiosk-1');
});

afterAll(async () => {
  await browser?.close();
  await closeClients();
  await hub?.stop();
  expect(pageErrors).toEqual([]);
});

/** A phone's browser in Ukrainian that records what the page does to get attention. */
async function open(path: string, viewport = PHONE): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: hub.httpUrl, locale: 'uk-UA' });
  await context.grantPermissions(['notifications']);
  await context.addInitScript(() => {
    const w = window as unknown as { __vibrations: unknown[]; __notifications: string[]; __beeps: number };
    w.__vibrations = [];
    w.__notifications = [];
    w.__beeps = 0;
    navigator.vibrate = (pattern: VibratePattern) => {
      w.__vibrations.push(pattern);
      return true;
    };
    const Real = window.Notification;
    window.Notification = class extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        w.__notifications.push(title);
      }
    } as typeof Notification;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (when?: number) {
      w.__beeps++;
      return start.call(this, when);
    };
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(path);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const recorded = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __vibrations: unknown[]; __notifications: string[]; __beeps: number };
    return { vibrations: w.__vibrations, notifications: w.__notifications, beeps: w.__beeps };
  });
const issue = (service: string): Promise<CommandResult<'ticket.issue'>> => kiosk.command('ticket.issue', { service, language: 'uk' });

async function track(token: string) {
  return (await (await fetch(`${hub.httpUrl}/api/track/${token}`)).json()) as {
    ahead: number;
    estimatedWaitMinutes: number;
    estimatedWaitRange: { low: number; high: number };
  };
}

/** The page shows the wait the hub tells now: a range when it is uncertain (the estimate moves with the clock). */
async function waitShownAsTold(page: Page, token: string): Promise<boolean> {
  const shown = await page.locator('[data-fact="wait"] dd').textContent();
  const {
    ahead,
    estimatedWaitMinutes: minutes,
    estimatedWaitRange: { low, high },
  } = await track(token);
  const told =
    ahead === 0 && high === 0 ? uk('track.next') : low < high ? uk('track.minutesRange', { low, high }) : uk('track.minutes', { minutes });
  return shown === told;
}

describe('ticket tracking and feedback', () => {
  let mine: CommandResult<'ticket.issue'>;
  let counter: ViknoClient;
  let page: Page;

  beforeAll(async () => {
    await issue('residence-register');
    await issue('residence-register');
    mine = await issue('residence-register');
    counter = await counterAt(hub, 'w1');
    await counter.command('counter.open', {});
  });

  it('shows the number, the people ahead and the wait, and updates when someone ahead is called', async () => {
    page = await open(`/t/${mine.token}`);
    await expect.poll(() => page.locator('.ticket-number').textContent(), SEEN).toBe(mine.ticket.number);
    expect(await page.locator('[data-fact="ahead"] dd').textContent()).toBe('2');
    // Two 10-minute visits at the one window open: uncertain, so a range of minutes around 20.
    const told = await track(mine.token);
    expect(told.estimatedWaitMinutes).toBe(20);
    expect(told.estimatedWaitRange.low).toBeLessThan(20);
    expect(told.estimatedWaitRange.high).toBeGreaterThan(20);
    await expect.poll(() => waitShownAsTold(page, mine.token), SEEN).toBe(true);
    expect(await page.locator('.service-name').textContent()).toBe(config.services.find((s) => s.id === 'residence-register')?.names.uk);
    // Two ahead is close: the visitor is told to come to the hall, with a short buzz.
    await expect.poll(() => page.locator('.track').getAttribute('data-alert'), SEEN).toBe('soon');
    expect((await recorded(page)).vibrations).toEqual([[300]]);
    await shot(page, 'public-track-390x844');

    await counter.command('counter.callNext', {});
    await expect.poll(() => page.locator('[data-fact="ahead"] dd').textContent(), SEEN).toBe('1');
    await counter.command('counter.finish', {});
    await counter.command('counter.callNext', {});
    // Next, once the visit just called at the one open window ends: up to its 10 minutes.
    await expect.poll(() => page.locator('[data-fact="ahead"] dd').textContent(), SEEN).toBe('0');
    const next = await track(mine.token);
    expect(next.estimatedWaitMinutes).toBeGreaterThan(5);
    expect(next.estimatedWaitMinutes).toBeLessThanOrEqual(10);
    await expect.poll(() => waitShownAsTold(page, mine.token), SEEN).toBe(true);
  });

  it('when called: "go to window 1" in big letters, with a beep, a vibration and a notification', async () => {
    await counter.command('counter.finish', {});
    const called = await counter.command('counter.callNext', {});
    expect(called.ticket.id).toBe(mine.ticket.id);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), SEEN).toContain(uk('track.called', { window: 1 }));
    expect(await page.locator('.window-number').textContent()).toContain('1');
    await expect.poll(() => page.locator('.track').getAttribute('data-alert'), SEEN).toBe('called-1');
    const r = await recorded(page);
    expect(r.vibrations.at(-1)).toEqual([400, 150, 400, 150, 400]);
    expect(r.notifications).toContain(uk('track.notification.called', { number: mine.ticket.number, window: 1 }));
    // One beep for "close", three for the call.
    expect(r.beeps).toBe(4);
    await shot(page, 'public-track-called-390x844');
  });

  it('after the visit: one rating with a comment is recorded in the event log; a second is refused', async () => {
    const feedbackTopic = topics.event('demo', 'ticket.feedback');
    const published = watch(await device(hub, 'display-hall'), feedbackTopic);
    await counter.command('counter.finish', {});
    await expect.poll(() => page.locator('form.feedback').count(), SEEN).toBe(1);
    await page.locator('.star').nth(3).click();
    await page.getByLabel(uk('feedback.comment')).fill('Швидко і ввічливо');
    await shot(page, 'public-feedback-390x844');
    await page.getByRole('button', { name: uk('feedback.send') }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), SEEN).toBe(uk('feedback.thanks'));

    const events = hub.hub.record.eventsOfDay(MONDAY).filter((e) => e.type === 'ticket.feedback');
    expect(events).toEqual([
      expect.objectContaining({
        ticketId: mine.ticket.id,
        service: 'residence-register',
        counter: 'w1',
        score: 4,
        comment: 'Швидко і ввічливо',
      }),
    ]);

    const again = await fetch(`${hub.httpUrl}/api/track/${mine.token}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ score: 1 }),
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'feedback_given' });
    expect(hub.hub.record.eventsOfDay(MONDAY).filter((e) => e.type === 'ticket.feedback')).toHaveLength(1);
    // Published for live pages without the visitor's words, which only the log keeps.
    const event = await until(() => published.get(feedbackTopic), 5000, 'the feedback event');
    expect(event).toMatchObject({ ticketId: mine.ticket.id, score: 4, comment: null });

    await page.reload();
    await expect.poll(() => page.locator('.notice.ok[role="status"]').textContent(), SEEN).toBe(uk('feedback.thanks'));
    expect(await page.locator('form.feedback').count()).toBe(0);
    const desktop = await open(`/t/${mine.token}`, DESKTOP);
    await expect.poll(() => desktop.locator('.ticket-number').textContent(), SEEN).toBe(mine.ticket.number);
    await shot(desktop, 'public-track-finished-1920x1080');
    await desktop.context().close();
    await page.context().close();
  });

  it('an unknown token shows "not found" and nothing else', async () => {
    const lost = await open('/t/AAAAAAAAAAAAAAAAAAAAAA');
    await expect.poll(() => lost.locator('h1').textContent(), SEEN).toBe(uk('track.notFound.title'));
    expect(await lost.locator('.ticket-number').count()).toBe(0);
    const api = await fetch(`${hub.httpUrl}/api/track/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(api.status).toBe(404);
    await lost.context().close();
  });
});

describe('tracking a back-office application', () => {
  it('says the application is in processing, and never who decides it', async () => {
    await counterAt(hub, 'w5', 'halyna');
    await counterAt(hub, 'w6', 'serhii');
    const mine = await issue('land-plot-registration');
    const front = await counterAt(hub, 'w8', 'andrii');
    await front.command('counter.callTicket', { ticketId: mine.ticket.id });
    await front.command('counter.finish', {});
    await until(() => hub.hub.state.cases().find((c) => c.id === mine.ticket.id)?.registrar, 5000, 'the draw');
    const page = await open(`/t/${mine.token}`);
    await expect.poll(() => page.locator('.notice.processing').textContent(), SEEN).toBe(uk('track.processing'));
    const text = (await page.locator('body').textContent()) ?? '';
    for (const o of config.operators.filter((x) => x.roles.includes('registrar'))) {
      expect(text).not.toContain(o.name);
      expect(text).not.toContain(o.username);
    }
    await page.context().close();
  });
});

describe('tracking a ticket sent to an operator who is not at a window', () => {
  it('promises no wait and no place in line, and says the operator will call once at a window', async () => {
    const mine = await issue('residence-register');
    const front = await counterAt(hub, 'w2', 'petro');
    await front.command('counter.callTicket', { ticketId: mine.ticket.id });
    await front.command('counter.transfer', { operator: 'mykola' });
    const told = (await (await fetch(`${hub.httpUrl}/api/track/${mine.token}`)).json()) as {
      ahead: number | null;
      estimatedWaitMinutes: number | null;
    };
    expect(told).toMatchObject({ ahead: null, estimatedWaitMinutes: null });
    const page = await open(`/t/${mine.token}`);
    await expect.poll(() => page.locator('.notice.transferred').textContent(), SEEN).toBe(uk('track.transferred.operatorAway'));
    expect(await page.locator('.facts').count()).toBe(0);
    await shot(page, 'public-track-operator-away-390x844');
    await page.context().close();
  });
});

describe('public status page', () => {
  it("shows each group's waiting count as the hub has it, the open windows and whether the centre is open", async () => {
    await issue('housing-subsidy');
    await issue('housing-subsidy');
    await issue('id-card-exchange');
    const engine = hub.hub.state;
    const parents = new Map(config.serviceGroups.map((g) => [g.id, g.parent]));
    const top = (g: string): string => (parents.get(g) ? top(parents.get(g)!) : g);
    const waitingIn = (group: string) =>
      config.services.filter((s) => s.active && top(s.group) === group).reduce((n, s) => n + engine.queueSummary(s.id).waiting, 0);
    const openCounters = engine.counterIds().filter((c) => engine.counterState(c).status !== 'closed').length;

    const page = await open('/status');
    for (const group of ['residence', 'social', 'passports']) {
      await expect
        .poll(() => page.locator(`[data-group="${group}"] .waiting`).getAttribute('data-waiting'), SEEN)
        .toBe(String(waitingIn(group)));
    }
    expect(waitingIn('social')).toBe(2);
    expect(waitingIn('passports')).toBe(1);
    expect(await page.locator('[data-counters]').getAttribute('data-counters')).toBe(String(openCounters));
    expect(await page.locator('[data-open]').textContent()).toBe(uk('status.openNow'));
    expect(await page.locator('.hours [aria-current="date"] dt').textContent()).toBe(uk('weekday.mon'));

    await page.locator('[data-group="social"] summary').click();
    expect(await page.locator('[data-service="housing-subsidy"] td .count').textContent()).toBe('2');
    // The wait of a ticket taken now, as the engine estimates it: a range when uncertain, "no queue" at none.
    const q = engine.queueSummary('housing-subsidy');
    const { low, high } = q.estimatedWaitRange;
    expect(await page.locator('[data-service="housing-subsidy"] td .wait').textContent()).toBe(
      high === 0
        ? uk('status.noWait')
        : low < high
          ? uk('status.minutesRange', { low, high })
          : uk('status.minutes', { minutes: q.estimatedWaitMinutes }),
    );
    expect(high).toBeGreaterThan(0);
    await shot(page, 'public-status-390x844');
    await page.setViewportSize(DESKTOP);
    await shot(page, 'public-status-1920x1080');
    await page.context().close();
  });
});

describe('booking a visit', () => {
  const PHONE_NUMBER = '+380 67 123 45 67';
  let slotAt = 0;
  let code = '';

  async function chooseSlotsOf(page: Page): Promise<void> {
    await page.locator('[data-service="residence-register"]').click();
    await page.locator(`[data-day="${MONDAY}"]`).click();
    await expect.poll(() => page.locator('.slots [data-at]').count(), SEEN).toBeGreaterThan(0);
  }

  async function bookApi(at: number, phone: string): Promise<Response> {
    return fetch(`${hub.httpUrl}/api/public/book`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'residence-register', at, phone }),
    });
  }

  it('service → day → slot → phone gives a code and its QR, recorded by the hub', async () => {
    const page = await open('/book');
    await chooseSlotsOf(page);
    const first = page.locator('.slots [data-at]').first();
    slotAt = Number(await first.getAttribute('data-at'));
    expect(await first.getAttribute('data-time')).toBe('10:15');
    await first.click();
    await page.getByLabel(uk('book.phone')).fill(PHONE_NUMBER);
    await shot(page, 'public-book-390x844');
    await page.getByRole('button', { name: uk('book.submit') }).click();
    await expect.poll(() => page.locator('.code').getAttribute('data-code'), SEEN).toMatch(/^[A-Z2-9]{8}$/);
    code = (await page.locator('.code').getAttribute('data-code'))!;
    await expect.poll(() => page.locator('img.qr').getAttribute('src'), SEEN).toMatch(/^data:image\/png;base64,/);
    await shot(page, 'public-booked-390x844');
    expect(hub.hub.record.appointmentByCode(code)).toMatchObject({ service: 'residence-register', at: slotAt, status: 'booked' });
    await page.context().close();
  });

  it('a full slot is no longer offered and is refused', async () => {
    expect((await bookApi(slotAt, '0501111111')).status).toBe(200);
    const full = await bookApi(slotAt, '0502222222');
    expect(full.status).toBe(409);
    expect(await full.json()).toMatchObject({ code: 'slot_full' });
    const page = await open('/book', DESKTOP);
    await chooseSlotsOf(page);
    expect(await page.locator(`.slots [data-at="${slotAt}"]`).count()).toBe(0);
    await shot(page, 'public-book-1920x1080');
    await page.context().close();
  });

  it('the same phone number twice for the same service the same day is refused', async () => {
    const page = await open('/book');
    await chooseSlotsOf(page);
    await page.locator('.slots [data-at]').nth(2).click();
    await page.getByLabel(uk('book.phone')).fill('067 123 45 67');
    await page.getByRole('button', { name: uk('book.submit') }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), SEEN).toBe(uk('error.already_booked'));
    expect(await page.locator('.code').count()).toBe(0);
    await page.context().close();
  });

  it('the kiosk checks the code in and issues an appointment ticket', async () => {
    const appointment = hub.hub.record.appointmentByCode(code)!;
    const issued = await kiosk.command('ticket.issue', { appointmentCode: code.toLowerCase(), language: 'uk' });
    expect(issued.ticket).toMatchObject({
      service: 'residence-register',
      channel: 'appointment',
      appointmentId: appointment.id,
      appointmentAt: slotAt,
    });
    expect(hub.hub.record.appointmentByCode(code)).toMatchObject({ status: 'checked_in', ticketId: issued.ticket.id });
  });
});

describe('the public booking limit', () => {
  let limited: RunningHub;
  beforeAll(async () => {
    limited = await runHub(
      demoConfig((c) => ({
        ...c,
        http: { ...c.http, trustProxy: true },
        appointments: { ...c.appointments, publicBookingsPerHour: 3 },
      })),
      clock,
    );
  });
  afterAll(() => limited?.stop());

  let slot = 0;
  const SLOT = 15 * 60_000;
  /** A booking through a proxy that says it came from `from`; each at a slot and number of its own. */
  async function bookFrom(from: string | null): Promise<Response> {
    slot++;
    const at = Date.parse(`${MONDAY}T09:00:00Z`) + slot * SLOT;
    return fetch(`${limited.httpUrl}/api/public/book`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) },
      body: JSON.stringify({ service: 'residence-register', at, phone: `050${String(1_000_000 + slot)}` }),
    });
  }

  it('takes a few bookings from one address, then refuses it with a wait, and others still book', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await bookFrom('spoofed, 203.0.113.7')).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await bookFrom('203.0.113.7');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: 'rate_limited' });
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(3500);
    expect(wait).toBeLessThanOrEqual(3600);
    // What the client put first in the header is not believed: the proxy's last entry is the address.
    expect((await bookFrom('203.0.113.7, 198.51.100.2')).status).toBe(200);
    expect(limited.hub.record.bookingsPerSlot('residence-register', 0, Number.MAX_SAFE_INTEGER).size).toBe(4);
  });

  it('the page says so in its language', async () => {
    // The page's own address (no proxy header) has used up its count.
    for (let i = 0; i < 3; i++) expect((await bookFrom(null)).status).not.toBe(429);
    const page = await open(`${limited.httpUrl}/book`);
    await page.locator('[data-service="residence-register"]').click();
    await page.locator(`[data-day="${MONDAY}"]`).click();
    await expect.poll(() => page.locator('.slots [data-at]').count(), SEEN).toBeGreaterThan(0);
    await page.locator('.slots [data-at]').last().click();
    await page.getByLabel(uk('book.phone')).fill('067 765 43 21');
    await page.getByRole('button', { name: uk('book.submit') }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), SEEN).toBe(uk('error.rate_limited'));
    await shot(page, 'public-book-limited-390x844');
    expect(await page.locator('.code').count()).toBe(0);
    await page.context().close();
  });
});
