// The feedback tablet facing visitors at window 3 (/rate, device tablet-w3), in Debian's Chromium
// against a real hub: it waits idle, offers the rating once a visit at w3 is finished, records it as a
// `ticket.feedback` event through the engine, and a ticket is rated once whichever page asks. The hub
// runs on a clock set to a Monday morning that the test can move on to let a visit grow old.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { aclRules, type CommandResult, configSchema, issueMessage, ROOT, translate } from '@vikno/shared';
import type { ViknoClient } from '@vikno/shared/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { RATING_WINDOW_MS } from '../src/http/tablet-api.js';
import { closeClients, counterAt, demoConfig, demoConfigInput, device, gotoDevice, launchChromium, REPO, runHub } from './harness.js';

const SCREENSHOTS = join(REPO, 'screenshots');
const TABLET = { width: 1280, height: 800 };
const SEEN = { timeout: 10_000 };
const MONDAY = '2026-11-23';
const SERVICE = 'id-card-exchange';
// 10:00 in Kyiv on a Monday (open 08:00–20:00), moving on with real time and `later` on top.
const shift = Date.parse(`${MONDAY}T08:00:00Z`) - Date.now();
let later = 0;
const clock = () => Date.now() + shift + later;
const uk = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('uk', key, params);
const basic = (device: string, secret: string) => `Basic ${Buffer.from(`${device}:${secret}`).toString('base64')}`;
const TABLET_AUTH = basic('tablet-w3', 'demo-tablet-w3');

let browser: Browser;
let hub: RunningHub;
let kiosk: ViknoClient;
let counter: ViknoClient;
const pageErrors: Error[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
  hub = await runHub(demoConfig(), clock);
  kiosk = await device(hub, 'kiosk-1');
  counter = await counterAt(hub, 'w3', 'mykola');
  await counter.command('counter.open', {});
});

afterAll(async () => {
  await browser?.close();
  await closeClients();
  await hub?.stop();
  expect(pageErrors).toEqual([]);
});

async function open(path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: TABLET, baseURL: hub.httpUrl, locale: 'uk-UA', hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  await gotoDevice(page, path);
  return page;
}

/** A visitor takes a ticket at the kiosk and is served to the end at window 3. */
async function visitAtW3(): Promise<CommandResult<'ticket.issue'>> {
  const issued = await kiosk.command('ticket.issue', { service: SERVICE, language: 'uk' });
  const called = await counter.command('counter.callNext', {});
  expect(called.ticket.id).toBe(issued.ticket.id);
  await counter.command('counter.finish', {});
  return issued;
}

const feedbackEvents = () => hub.hub.record.eventsOfDay(MONDAY).filter((e) => e.type === 'ticket.feedback');
const tabletApi = (path: string, auth: string, body?: unknown) =>
  fetch(`${hub.httpUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('the feedback tablet at window 3', () => {
  let page: Page;
  let first: CommandResult<'ticket.issue'>;

  it('signs in from the address (then drops the secret from it) and waits with a thank-you', async () => {
    page = await open('/rate?device=tablet-w3&secret=demo-tablet-w3');
    await expect.poll(() => page.getByRole('status').textContent(), SEEN).toBe(uk('rate.idle'));
    expect(await page.locator('.rate-window').textContent()).toBe(uk('rate.window', { window: 3 }));
    expect(page.url()).not.toContain('secret');
    // A tablet never leads visitors away from its page.
    expect(await page.locator('.bottom-nav').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'feedback-tablet-idle-1280x800.png') });
  });

  it('offers the rating for the visit just finished at w3; tapping 5 with a comment records it', async () => {
    first = await visitAtW3();
    await expect.poll(() => page.locator('form.rate').count(), SEEN).toBe(1);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(uk('rate.title'));
    expect(await page.locator('.rate-ticket').textContent()).toContain(uk('rate.ticket', { number: first.ticket.number, window: 3 }));
    expect(await page.locator('.rate-score').count()).toBe(5);

    // Writing a comment first holds the score until "Send".
    await page.getByLabel(uk('feedback.comment')).fill('Дуже привітно');
    await page.getByRole('button', { name: `5 ${uk('rate.score.5')}` }).tap();
    expect(await page.locator('.rate-score[data-score="5"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.rate-pending').textContent()).toBe(uk('rate.commentHolds'));
    await page.screenshot({ path: join(SCREENSHOTS, 'feedback-tablet-1280x800.png') });
    await page.getByRole('button', { name: uk('feedback.send') }).tap();
    await expect.poll(() => page.getByRole('status').textContent(), SEEN).toBe(uk('feedback.thanks'));

    expect(feedbackEvents()).toEqual([
      expect.objectContaining({ ticketId: first.ticket.id, service: SERVICE, counter: 'w3', score: 5, comment: 'Дуже привітно' }),
    ]);
    // Rated: the tablet has nothing more to ask about this visit.
    const view = await (await tabletApi('/api/tablet', TABLET_AUTH)).json();
    expect(view).toEqual({ counter: 'w3', window: 3, ticket: null });
  });

  it('one rating per ticket: the tracking page and the tablet both refuse a second one', async () => {
    const track = await fetch(`${hub.httpUrl}/api/track/${first.token}`).then((r) => r.json());
    expect(track.feedback).toBe('given');
    const again = await fetch(`${hub.httpUrl}/api/track/${first.token}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ score: 1 }),
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'feedback_given' });
    const tabletAgain = await tabletApi('/api/tablet/feedback', TABLET_AUTH, { number: first.ticket.number, score: 1 });
    expect(tabletAgain.status).toBe(409);
    expect(await tabletAgain.json()).toMatchObject({ code: 'feedback_given' });

    // The other way round: rated on the phone first, the tablet no longer asks and refuses too.
    const second = await visitAtW3();
    await expect.poll(() => page.locator('form.rate').count(), SEEN).toBe(1);
    const rated = await fetch(`${hub.httpUrl}/api/track/${second.token}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ score: 3 }),
    });
    expect(rated.status).toBe(200);
    await expect.poll(() => page.getByRole('status').textContent(), SEEN).toBe(uk('rate.idle'));
    const late = await tabletApi('/api/tablet/feedback', TABLET_AUTH, { number: second.ticket.number, score: 5 });
    expect(late.status).toBe(409);
    expect(feedbackEvents().map((e) => e.type === 'ticket.feedback' && [e.ticketId, e.score])).toEqual([
      [first.ticket.id, 5],
      [second.ticket.id, 3],
    ]);
  });

  it('asks only about the last visit at its window, and only for a few minutes', async () => {
    const older = await visitAtW3();
    const newest = await visitAtW3();
    const view = await (await tabletApi('/api/tablet', TABLET_AUTH)).json();
    expect(view.ticket).toMatchObject({ number: newest.ticket.number, service: SERVICE });
    expect(JSON.stringify(view)).not.toContain(newest.token);
    // A rating meant for the visit before goes nowhere.
    const stale = await tabletApi('/api/tablet/feedback', TABLET_AUTH, { number: older.ticket.number, score: 2 });
    expect(stale.status).toBe(404);

    later += RATING_WINDOW_MS + 60_000;
    await expect.poll(() => page.getByRole('status').textContent(), SEEN).toBe(uk('rate.idle'));
    const tooLate = await tabletApi('/api/tablet/feedback', TABLET_AUTH, { number: newest.ticket.number, score: 4 });
    expect(tooLate.status).toBe(404);
    expect(feedbackEvents()).toHaveLength(2);
    await page.context().close();
  });
});

describe('one tap rates, and the question does not outstay the visit', () => {
  // The page's clock stands still and moves only when the test says: polls, the countdown and the
  // minute of the question all run on it.
  let page: Page;
  const score = (n: number) => page.getByRole('button', { name: `${n} ${uk(`rate.score.${n}` as 'rate.score.1')}` });
  /** Lets the page poll the hub once. */
  const poll = async () => {
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/tablet'));
    await page.clock.runFor(POLL);
    await answered;
  };
  const POLL = 2100;

  beforeAll(async () => {
    const context = await browser.newContext({ viewport: TABLET, baseURL: hub.httpUrl, locale: 'uk-UA', hasTouch: true });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.clock.install();
    await gotoDevice(page, '/rate?device=tablet-w3&secret=demo-tablet-w3');
    await page.locator('.rate-idle, form.rate').waitFor(SEEN);
    await page.clock.pauseAt(Date.now() + 60_000);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it('a tap sends the score after a few seconds without "Send"; another tap in that time changes it', async () => {
    const before = feedbackEvents().length;
    const visit = await visitAtW3();
    await poll();
    await expect.poll(() => page.locator('form.rate').count(), SEEN).toBe(1);
    await score(4).tap();
    await expect.poll(() => page.locator('.rate-pending').textContent(), SEEN).toBe(uk('rate.sendingIn', { seconds: 5 }));
    await page.clock.runFor(1000);
    await expect.poll(() => page.locator('.rate-pending').textContent(), SEEN).toBe(uk('rate.sendingIn', { seconds: 4 }));
    await page.screenshot({ path: join(SCREENSHOTS, 'feedback-tablet-countdown-1280x800.png') });
    // A change of mind: the countdown starts again, for the new score.
    await score(2).tap();
    expect(await page.locator('.rate-score[data-score="2"]').getAttribute('aria-pressed')).toBe('true');
    await page.clock.runFor(4000);
    // The page's time stands still between these lines: nothing can have been sent yet.
    expect(feedbackEvents()).toHaveLength(before);
    await page.clock.runFor(1500);
    await expect.poll(() => page.getByRole('status').first().textContent(), SEEN).toBe(uk('feedback.thanks'));
    expect(feedbackEvents().slice(before)).toEqual([expect.objectContaining({ ticketId: visit.ticket.id, score: 2, comment: null })]);
  });

  it('the window calling the next visitor clears the question, and a score tapped just before still counts', async () => {
    const before = feedbackEvents().length;
    const visit = await visitAtW3();
    await page.clock.runFor(10_000);
    await poll();
    await expect.poll(() => page.locator('form.rate').count(), SEEN).toBe(1);
    await score(5).tap();
    await kiosk.command('ticket.issue', { service: SERVICE, language: 'uk' });
    await counter.command('counter.callNext', {});
    await poll();
    await expect.poll(() => page.locator('.rate-idle').count(), SEEN).toBe(1);
    expect(await page.locator('form.rate').count()).toBe(0);
    await expect.poll(() => feedbackEvents().length, SEEN).toBe(before + 1);
    expect(feedbackEvents().at(-1)).toMatchObject({ ticketId: visit.ticket.id, score: 5 });
    // The hub no longer offers it either: the one in front of the tablet is the next visitor.
    expect((await (await tabletApi('/api/tablet', TABLET_AUTH)).json()).ticket).toBeNull();
    await counter.command('counter.finish', {});
  });

  it('the question clears after a minute, and does not come back', async () => {
    await page.clock.runFor(10_000);
    await poll();
    await expect.poll(() => page.locator('form.rate').count(), SEEN).toBe(1);
    const offered = (await (await tabletApi('/api/tablet', TABLET_AUTH)).json()).ticket;
    await page.clock.runFor(55_000);
    expect(await page.locator('form.rate').count()).toBe(1);
    await page.clock.runFor(5000);
    await expect.poll(() => page.locator('.rate-idle').count(), SEEN).toBe(1);
    await poll();
    expect(await page.locator('form.rate').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'feedback-tablet-cleared-1280x800.png') });
    // The hub's own clock has not moved a minute: only the page's minute cleared it.
    expect(offered).not.toBeNull();
  });
});

describe('who may use the tablet endpoints', () => {
  it('no credentials or a wrong secret: 401; another kind of device: 403', async () => {
    expect((await fetch(`${hub.httpUrl}/api/tablet`)).status).toBe(401);
    const wrong = await tabletApi('/api/tablet', basic('tablet-w3', 'not-the-secret'));
    expect(wrong.status).toBe(401);
    // A challenge would make the tablet's browser put up its own sign-in dialog over the page.
    expect(wrong.headers.get('www-authenticate')).toBeNull();
    expect((await tabletApi('/api/tablet', basic('display-hall', 'demo-display-hall'))).status).toBe(403);
    expect((await tabletApi('/api/tablet/feedback', basic('counter-w3', 'demo-counter-w3'), { number: 'A1', score: 5 })).status).toBe(403);
  });

  it('a tablet whose secret is refused forgets it and asks for a pairing code', async () => {
    const refused = await open('/rate?device=tablet-w3&secret=wrong');
    await expect.poll(() => refused.getByRole('alert').textContent(), SEEN).toBe(uk('device.pair.revoked'));
    expect(await refused.getByRole('heading', { name: uk('device.pair.title') }).isVisible()).toBe(true);
    await refused.context().close();
  });

  it('a tablet sends no MQTT commands and must name its counter', () => {
    const rules = aclRules('demo', 'tablet-w3', 'tablet');
    expect(rules.filter((r) => r.access === 'write').map((r) => r.topic)).toEqual([
      `${ROOT}/demo/presence/tablet-w3`,
      `${ROOT}/demo/health/tablet-w3`,
    ]);
    expect(rules.some((r) => r.topic.includes('/cmd/') || r.topic.includes('/reply/'))).toBe(false);

    const input = demoConfigInput();
    const without = configSchema.safeParse({
      ...input,
      devices: (input.devices ?? []).map((d) => (d.id === 'tablet-w3' ? { ...d, counter: undefined } : d)),
    });
    expect(without.success).toBe(false);
    expect(without.error?.issues.map(issueMessage)).toContain('a tablet needs the counter whose visitors it asks');
  });
});
