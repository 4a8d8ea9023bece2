// The counter terminal as operators use it: the built page served by a real hub, in Debian's
// Chromium, with a kiosk issuing over MQTT and the hall display watching. Needs the apps built
// (`npm run build -w @vikno/counter-terminal -w @vikno/display`).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, topics, translate } from '@vikno/shared';
import type { ViknoClient } from '@vikno/shared/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import {
  closeClients,
  counterAt,
  demoConfig,
  device,
  freePort,
  gotoDevice,
  launchChromium,
  REPO,
  runHub,
  until,
  watch,
} from './harness.js';

const SCREENSHOTS = join(REPO, 'screenshots');
const LAPTOP = { width: 1366, height: 768 };
const DESKTOP = { width: 1920, height: 1080 };
const SEEN = { timeout: 10_000 };
const uk = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('uk', key, params);

let config: Config;
let hub: RunningHub;
let browser: Browser;
let kiosk: ViknoClient;
const pageErrors: Error[] = [];
const operatorName = (username: string) => config.operators.find((o) => o.username === username)?.name;
const serviceName = (id: string) => config.services.find((s) => s.id === id)?.names.uk;

beforeAll(async () => {
  for (const app of ['counter-terminal', 'display'])
    if (!existsSync(join(REPO, app, 'dist/index.html'))) throw new Error(`${app} is not built: run npm run build first`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Fixed ports, so that the pages find the hub again after it restarts.
  const [http, mqtt] = [await freePort(), await freePort()];
  config = demoConfig((c) => ({
    ...c,
    http: { port: http, host: '127.0.0.1' },
    broker: { port: mqtt, host: '127.0.0.1' },
    // A terminal not fixed to a counter, with counter-w1's secret.
    devices: [
      ...(c.devices ?? []),
      { id: 'counter-roam', role: 'counter', secretHash: c.devices!.find((d) => d.id === 'counter-w1')!.secretHash },
    ],
  }));
  hub = await runHub(config);
  browser = await launchChromium();
  kiosk = await device(hub, 'kiosk-1');
});

afterAll(async () => {
  await browser?.close();
  await closeClients();
  await hub?.stop();
});

/** A page in its own browser context: its own remembered device; `clock`: Playwright's, installed before it loads. */
async function open(path: string, viewport = DESKTOP, clock = false): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: hub.httpUrl });
  // A locator that never becomes actionable fails with its name instead of the whole test timing out.
  context.setDefaultTimeout(SEEN.timeout);
  context.setDefaultNavigationTimeout(30_000);
  // Each command the page's socket sends, and whether it left in the task of the key press or click
  // that made it: a timer in between (the next task) is time the operator waits for nothing.
  await context.addInitScript(`{
    let input = null;
    const pressed = () => {
      const current = (input = { sameTask: true });
      setTimeout(() => { current.sameTask = false; }, 0);
    };
    addEventListener('keydown', pressed, { capture: true });
    addEventListener('click', pressed, { capture: true });
    const text = (data) => (typeof data === 'string' ? data : new TextDecoder().decode(data));
    const sent = (globalThis.__sent = []);
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      const bytes = typeof data === 'string' ? null : new Uint8Array(data instanceof ArrayBuffer ? data : data.buffer, data.byteOffset ?? 0);
      sent.push({ text: text(data), inInputTask: input?.sameTask === true, packet: bytes ? bytes[0] >> 4 : null });
      return send.call(this, data);
    };
    // And what arrives, for tests that wait until a message has reached the page.
    const arrived = (globalThis.__arrived = []);
    const Socket = WebSocket;
    globalThis.WebSocket = class extends Socket {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (e) => arrived.push(text(e.data)));
      }
    };
  }`);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  if (clock) await page.clock.install();
  await gotoDevice(page, path);
  return page;
}

/** The frames the page sent with a command's topic, and whether each left in its press's task. */
const commandsSent = (page: Page, command: string) =>
  page.evaluate(
    (command) =>
      (globalThis as unknown as { __sent: { text: string; inInputTask: boolean }[] }).__sent
        .filter((f) => f.text.includes(`/${command}`))
        .map((f) => f.inInputTask),
    command,
  );

const terminal = (counter: string, viewport = DESKTOP) =>
  open(`/counter/?device=counter-${counter}&secret=demo-counter-${counter}`, viewport);
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
const button = (page: Page, key: Parameters<typeof uk>[0]) => page.getByRole('button', { name: uk(key), exact: true });
const current = (page: Page) => page.locator('.current-number');
const listed = (page: Page) => page.locator('.tickets li .ticket-number').allTextContents();
const loginTitle = (page: Page) => page.locator('.login h2').textContent();
const figure = (page: Page, id: string) => page.locator(`.today [data-figure="${id}"] dd`).textContent();

/** Presses an action's key once its button says the action can be done. */
async function press(page: Page, key: string, action: Parameters<typeof uk>[0]): Promise<void> {
  await expect.poll(() => button(page, action).isEnabled(), SEEN).toBe(true);
  await page.keyboard.press(key);
}

async function logIn(page: Page, username: string, pin = '1234'): Promise<void> {
  await page.getByLabel(uk('counter.login.username')).fill(username);
  await page.getByLabel(uk('counter.login.pin')).fill(pin);
  await button(page, 'counter.login.submit').click();
}

async function issue(service: string): Promise<string> {
  return (await kiosk.command('ticket.issue', { service, language: 'uk' })).ticket.number;
}

// The queries the terminal draws itself from, over MQTT. Window 3 and ID cards keep out of the way
// of the browser tests below (windows 1 and 2, residence services).
describe('read-only queries', () => {
  let w3: ViknoClient;

  it('tell a terminal where it is logged in, and which counters an operator may use', async () => {
    w3 = await device(hub, 'counter-w3');
    expect(await w3.command('counter.session', {})).toEqual({ fixedCounter: 'w3', counter: null });
    await expect(w3.command('counter.waiting', {})).rejects.toMatchObject({ code: 'not_logged_in' });
    await expect(w3.command('operator.today', {})).rejects.toMatchObject({ code: 'not_logged_in' });
    expect(await w3.command('operator.counters', { username: 'mykola' })).toEqual({ counters: ['w3', 'w4', 'w5'] });
    const every = config.counters.map((c) => c.id);
    expect(await w3.command('operator.counters', { username: 'olena' })).toEqual({ counters: every });
    expect(await w3.command('operator.counters', { username: 'nobody' })).toEqual({ counters: every });

    await w3.command('operator.login', { username: 'mykola', pin: '1234' });
    expect(await w3.command('counter.session', {})).toMatchObject({
      fixedCounter: 'w3',
      counter: { counter: 'w3', device: 'counter-w3', status: 'open', operator: { username: 'mykola' } },
    });
  });

  it('answer from the state as it stands: a repeated id is answered afresh, and nothing is published', async () => {
    const seen: string[] = [];
    for (const kind of ['event', 'state'] as const) w3.subscribe(`vikno/v1/demo/${kind}/#`, (topic) => seen.push(topic));
    const id = 'query-repeated-id-1';
    const before = await w3.command('counter.waiting', {}, { id });
    await w3.command('operator.today', {});
    await w3.command('counter.session', {});
    // The retained state first: every counter, every service's line, the calls, the config version.
    const retained = config.counters.length + config.services.length + 2;
    await until(() => seen.length >= retained, 5000, 'the retained state');
    seen.length = 0;
    for (let i = 0; i < 5; i++) await w3.command('counter.waiting', {});
    const number = await issue('id-card-first');
    await until(() => seen.includes(topics.event('demo', 'ticket.issued')), 5000, 'the issue event');
    // Only the issue's messages: the queries published nothing before it.
    expect(seen[0]).toBe(topics.event('demo', 'ticket.issued'));

    const after = await w3.command('counter.waiting', {}, { id });
    expect(after.waiting.map((t) => t.number)).toEqual([...before.waiting.map((t) => t.number), number]);
    expect(after.waiting.at(-1)).toMatchObject({ number, service: 'id-card-first', priority: null, returned: false });
    expect(after.at).toBeGreaterThan(before.at);
  });

  it('count the operator’s finished visits', async () => {
    const called = await w3.command('counter.callNext', {});
    await w3.command('counter.finish', {});
    const today = await w3.command('operator.today', {});
    expect(today).toMatchObject({ operator: 'mykola', served: 1, noShows: 0, transferred: 0 });
    expect(today.averageServiceMs).toBeGreaterThanOrEqual(0);
    expect((await w3.command('counter.waiting', {})).waiting.map((t) => t.id)).not.toContain(called.ticket.id);
  });
});

describe('counter terminal', () => {
  let w1: Page;
  let w2: Page;
  let issued: string[];

  it('refuses a wrong PIN, then logs the operator in at the terminal’s own window', async () => {
    w1 = await terminal('w1', LAPTOP);
    await expect.poll(() => loginTitle(w1), SEEN).toBe(uk('counter.login.titleAt', { window: 1 }));
    await logIn(w1, 'olena', '9999');
    await expect.poll(() => w1.getByRole('alert').textContent(), SEEN).toBe(uk('error.wrong_pin'));
    expect(await w1.getByLabel(uk('counter.login.pin')).inputValue()).toBe('');
    await shot(w1, 'counter-login-refused-1366x768');

    await logIn(w1, 'olena');
    await expect.poll(() => w1.locator('.desk-operator').textContent(), SEEN).toBe(operatorName('olena'));
    expect(await w1.locator('.desk-window').textContent()).toBe(uk('counter.window', { window: 1 }));
    expect(await w1.locator('.desk-status').textContent()).toBe(uk('counterStatus.open'));
    expect(await w1.locator('.current-title').textContent()).toBe(uk('counter.current.none'));
    // Today's figures are a query of their own, asked once the login is seen: they may come a moment later.
    await expect.poll(() => figure(w1, 'served'), SEEN).toBe('0');
  });

  it('lists the kiosk’s tickets, calls the next with its key, and the hall display shows the call', async () => {
    issued = [await issue('residence-register'), await issue('residence-register'), await issue('residence-child')];
    await expect.poll(() => listed(w1), SEEN).toEqual(issued);
    expect(await w1.locator('.line-total').textContent()).toBe('3');
    expect(await w1.locator('.tickets li.next .ticket-number').textContent()).toBe(issued[0]);

    const display = await open('/display/?device=display-hall&secret=demo-display-hall');
    const sentBefore = await w1.evaluate(() => (globalThis as unknown as { __sent: unknown[] }).__sent.length);
    await press(w1, 'n', 'counter.action.callNext');
    await expect.poll(() => current(w1).textContent(), SEEN).toBe(issued[0]);
    // Sent once, in the key press's own task, not after the terminal's re-render.
    expect(await commandsSent(w1, 'counter.callNext')).toEqual([true]);
    // The states the call changed (the counter's, the line's) it does not acknowledge one by one:
    // its subscriptions are QoS 0 (docs/protocol.md), so no PUBACK (packet type 4) goes back.
    await expect.poll(() => listed(w1), SEEN).toEqual(issued.slice(1));
    const packets = await w1.evaluate(
      (from) => (globalThis as unknown as { __sent: { packet: number | null }[] }).__sent.slice(from).map((f) => f.packet),
      sentBefore,
    );
    expect(packets).toContain(3);
    expect(packets).not.toContain(4);
    expect(await w1.locator('.current-state').textContent()).toBe(uk('counter.current.called'));
    expect(await w1.locator('.current-service').textContent()).toBe(serviceName('residence-register'));
    await expect.poll(() => display.locator('body').textContent(), SEEN).toContain(issued[0]);
    await expect.poll(() => listed(w1), SEEN).toEqual(issued.slice(1));
    await button(w1, 'counter.action.start').waitFor();
    await shot(w1, 'counter-called-1366x768');
    await display.context().close();
  });

  it('starts and finishes with an outcome mark, and the operator’s figures count the visit', async () => {
    await button(w1, 'counter.action.start').click();
    await expect.poll(() => w1.locator('.current-state').textContent(), SEEN).toBe(uk('counter.current.serving'));
    const accepted = config.queue.outcomes.find((o) => o.id === 'accepted')!;
    const mark = w1.getByRole('button', { name: accepted.names.uk, exact: true });
    await mark.click();
    expect(await mark.getAttribute('aria-pressed')).toBe('true');
    await button(w1, 'counter.action.finish').click();

    await expect.poll(() => w1.locator('.feedback-done').textContent(), SEEN).toBe(uk('counter.done.finish', { number: issued[0]! }));
    await expect.poll(() => figure(w1, 'served'), SEEN).toBe('1');
    expect(await figure(w1, 'average')).not.toBe('—');
    expect(await w1.locator('.current-number').count()).toBe(0);
    const finished = [...hub.hub.state.tickets()].find((t) => t.number === issued[0]);
    expect(finished).toMatchObject({ status: 'finished', outcomes: ['accepted'], counter: 'w1' });
  });

  it('gives two terminals pressing call next at once two different tickets', async () => {
    w2 = await terminal('w2');
    await logIn(w2, 'petro');
    await expect.poll(() => listed(w2), SEEN).toEqual(issued.slice(1));
    await Promise.all([button(w1, 'counter.action.callNext').click(), button(w2, 'counter.action.callNext').click()]);
    await expect.poll(() => current(w1).count(), SEEN).toBe(1);
    await expect.poll(() => current(w2).count(), SEEN).toBe(1);
    const called = [await current(w1).textContent(), await current(w2).textContent()];
    expect(called.sort()).toEqual(issued.slice(1).sort());
    await expect.poll(() => listed(w1), SEEN).toEqual([]);
  });

  it('transfers to another service: the ticket keeps its number and joins that service’s line', async () => {
    const number = (await current(w2).textContent())!;
    await press(w2, 't', 'counter.action.transfer');
    const dialog = w2.getByRole('dialog', { name: uk('counter.transfer.title', { number }) });
    await dialog.getByLabel(uk('counter.transfer.service')).selectOption('birth-registration');
    await dialog.getByLabel(uk('counter.transfer.comment')).fill('Потрібне свідоцтво про шлюб');
    await shot(w2, 'counter-transfer-1920x1080');
    await dialog.getByRole('button', { name: uk('counter.transfer.submit') }).click();
    await expect
      .poll(() => w2.locator('.feedback-done').textContent(), SEEN)
      .toBe(uk('counter.done.transfer', { number, target: serviceName('birth-registration')! }));
    expect(await current(w2).count()).toBe(0);

    // Window 2 does not serve birth registration; window 1 does, and lists the same number with the note.
    const row = w1.locator(`.tickets li[data-ticket="${number}"]`);
    await expect.poll(() => row.locator('.ticket-service').textContent(), SEEN).toContain(serviceName('birth-registration'));
    expect(await row.locator('.ticket-comment').textContent()).toBe('Потрібне свідоцтво про шлюб');
    expect(await listed(w2)).toEqual([]);
    expect([...hub.hub.state.tickets()].find((t) => t.number === number)).toMatchObject({
      service: 'birth-registration',
      status: 'waiting',
      transfers: 1,
    });
    await expect.poll(() => figure(w2, 'transferred'), SEEN).toBe('1');
    await w1.setViewportSize(DESKTOP);
    await shot(w1, 'counter-serving-1920x1080');
    await w1.setViewportSize({ width: 1080, height: 1920 });
    await shot(w1, 'counter-serving-1080x1920');
    await w1.setViewportSize(LAPTOP);
    await shot(w1, 'counter-serving-1366x768');
    await w1.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => w1.locator('.current-state').textContent(), SEEN).toBe(translate('en', 'counter.current.called'));
    await shot(w1, 'counter-serving-en-1366x768');
    await w1.getByRole('button', { name: 'Українська' }).click();
  });

  it('calls a chosen ticket from the list, and says why a call is refused', async () => {
    const transferred = (await w1.locator('.tickets li .ticket-number').first().textContent())!;
    await press(w1, 'f', 'counter.action.finish');
    await expect.poll(() => figure(w1, 'served'), SEEN).toBe('2');
    await w1.getByRole('button', { name: uk('counter.line.callTicket', { number: transferred }) }).click();
    await expect.poll(() => current(w1).textContent(), SEEN).toBe(transferred);
    expect(await w1.locator('.current-comment').textContent()).toBe(
      uk('counter.current.comment', { comment: 'Потрібне свідоцтво про шлюб' }),
    );
    await button(w1, 'counter.action.finish').click();

    await expect.poll(() => button(w1, 'counter.action.callNext').isEnabled(), SEEN).toBe(true);
    await button(w1, 'counter.action.callNext').click();
    await expect.poll(() => w1.getByRole('alert').textContent(), SEEN).toBe(uk('error.queue_empty'));
  });

  it('sets a visitor aside and calls them back; pauses with a reason and resumes', async () => {
    const number = await issue('residence-extract');
    await expect.poll(() => listed(w1), SEEN).toEqual([number]);
    await press(w1, 'n', 'counter.action.callNext');
    await expect.poll(() => current(w1).textContent(), SEEN).toBe(number);
    await press(w1, 'p', 'counter.action.park');
    const parked = w1.locator('.parked li .ticket-number');
    await expect.poll(() => parked.allTextContents(), SEEN).toEqual([number]);
    await w1.getByRole('button', { name: uk('counter.parked.returnTicket', { number }) }).click();
    await expect.poll(() => current(w1).textContent(), SEEN).toBe(number);
    await expect.poll(() => parked.count(), SEEN).toBe(0);
    await button(w1, 'counter.action.noShow').click();
    await expect.poll(() => figure(w1, 'noShows'), SEEN).toBe('1');

    await press(w1, 'b', 'counter.action.pause');
    await w1
      .getByRole('dialog')
      .getByRole('button', { name: uk('counter.pause.lunch') })
      .click();
    await expect.poll(() => w1.locator('.desk-status').textContent(), SEEN).toBe(uk('counterStatus.paused'));
    expect(await w1.locator('.current-title').textContent()).toBe(uk('counter.current.paused', { reason: uk('counter.pause.lunch') }));
    expect(await button(w1, 'counter.action.callNext').isDisabled()).toBe(true);
    await shot(w1, 'counter-paused-1366x768');
    await button(w1, 'counter.action.resume').click();
    await expect.poll(() => w1.locator('.desk-status').textContent(), SEEN).toBe(uk('counterStatus.open'));
    expect(await button(w1, 'counter.action.callNext').isEnabled()).toBe(true);
  });

  it('shows a lost connection and disables the actions until the hub is back, still logged in', async () => {
    await hub.stop();
    await expect.poll(() => w1.locator('.offline-note').textContent(), SEEN).toBe(uk('counter.offline'));
    expect(await button(w1, 'counter.action.callNext').isDisabled()).toBe(true);
    await shot(w1, 'counter-offline-1366x768');

    hub = await runHub(config);
    await expect.poll(() => w1.locator('.offline-note').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => button(w1, 'counter.action.callNext').isEnabled(), SEEN).toBe(true);
    expect(await w1.locator('.desk-operator').textContent()).toBe(operatorName('olena'));
    // The figures come back from the replayed record.
    await expect.poll(() => figure(w1, 'served'), SEEN).toBe('3');
  });

  it('keeps the operator logged in across a page reload, and logs out', async () => {
    await w1.reload();
    await expect.poll(() => w1.locator('.desk-operator').textContent(), SEEN).toBe(operatorName('olena'));
    await press(w1, 'q', 'counter.action.logout');
    await expect.poll(() => loginTitle(w1), SEEN).toBe(uk('counter.login.titleAt', { window: 1 }));
    expect(hub.hub.state.counterState('w1')).toMatchObject({ operator: null, status: 'closed' });
  });

  it('on a terminal not fixed to a counter, offers the counters the operator may use', async () => {
    const roam = await open('/counter/?device=counter-roam&secret=demo-counter-w1', LAPTOP);
    await expect.poll(() => loginTitle(roam), SEEN).toBe(uk('counter.login.title'));
    const counter = roam.getByLabel(uk('counter.login.counter'));
    expect(await counter.locator('option').count()).toBe(config.counters.length + 1);
    await roam.getByLabel(uk('counter.login.username')).fill('iryna');
    // Iryna may work at windows 6 and 7 only.
    const choices = [uk('counter.login.chooseCounter'), uk('counter.window', { window: 6 }), uk('counter.window', { window: 7 })];
    await expect.poll(() => counter.locator('option').allTextContents(), SEEN).toEqual(choices);
    await counter.selectOption('w7');
    await roam.getByLabel(uk('counter.login.pin')).fill('1234');
    await shot(roam, 'counter-login-choose-1366x768');
    await button(roam, 'counter.login.submit').click();
    await expect.poll(() => roam.locator('.desk-window').textContent(), SEEN).toBe(uk('counter.window', { window: 7 }));
    expect(hub.hub.state.counterState('w7')).toMatchObject({ device: 'counter-roam', operator: { username: 'iryna' } });
    await press(roam, 'q', 'counter.action.logout');
    await expect.poll(() => loginTitle(roam), SEEN).toBe(uk('counter.login.title'));
    await roam.context().close();
  });
});

describe('the waiting list at the terminal', () => {
  it('is asked for again when its own lines change or a ticket is sent to the window, not when any line of the centre does', async () => {
    // The page's clock stands still, so that the half-minute refresh of the list cannot come in between.
    const page = await open('/counter/?device=counter-w9&secret=demo-counter-w9', LAPTOP, true);
    await page.getByLabel(uk('counter.login.username')).waitFor();
    await page.clock.setFixedTime(Date.now());
    await logIn(page, 'nataliia');
    await expect.poll(() => page.locator('.desk-status').textContent(), SEEN).toBe(uk('counterStatus.open'));
    const queries = () => commandsSent(page, 'counter.waiting').then((sent) => sent.length);
    const reached = (topic: string) =>
      expect
        .poll(
          () => page.evaluate((t) => (globalThis as unknown as { __arrived: string[] }).__arrived.some((m) => m.includes(t)), topic),
          SEEN,
        )
        .toBe(true);
    // Window 9's own line: asked again.
    const own = await issue('fop-registration');
    await expect.poll(() => listed(page), SEEN).toEqual([own]);
    const before = await queries();

    // Other windows' lines change three times; each change reaches the page; it asks nothing.
    for (const service of ['pickup-documents', 'pickup-passport', 'legal-aid']) {
      await page.evaluate(() => {
        (globalThis as unknown as { __arrived: string[] }).__arrived.length = 0;
      });
      await issue(service);
      await reached(topics.queue('demo', service));
    }
    // A ticket of a service window 9 does not serve, sent to window 9 alone: listed.
    const w12 = await counterAt(hub, 'w12', 'taras');
    const sent = (await w12.command('counter.callNext', {})).ticket;
    expect(sent.service).toBe('legal-aid');
    await w12.command('counter.transfer', { counter: 'w9' });
    await expect.poll(async () => (await listed(page)).sort(), SEEN).toEqual([sent.number, own].sort());
    expect((await queries()) - before).toBe(1);
    await page.context().close();
  });
});

// Windows 4 and 5 of the demo centre offer auto-call with a 30-second wrap-up. The hub's clock stands
// still unless the test moves it, and the page's is Playwright's, moved with it (the terminal shows
// the countdown by the hub's clock, through its skew): nothing here waits for real time.
describe('the desk on the common counter screens', () => {
  const SCREENS = [LAPTOP, { width: 1280, height: 1024 }, DESKTOP];

  it('fits 1366×768, 1280×1024 and 1920×1080 with a visitor called: every button on the screen, the waiting list scrolls and says so', async () => {
    // Window 8's land and property services: nobody else in this file uses them.
    const services = ['land-cadastre-extract', 'land-plot-registration', 'property-registration', 'property-register-info'];
    for (let i = 0; i < 12; i++) await issue(services[i % services.length]!);
    const page = await terminal('w8', LAPTOP);
    await logIn(page, 'andrii');
    await expect.poll(() => page.locator('.tickets li').count(), SEEN).toBe(12);
    await press(page, 'n', 'counter.action.callNext');
    await expect.poll(() => page.locator('.tickets li').count(), SEEN).toBe(11);
    for (const viewport of SCREENS) {
      const size = `${viewport.width}x${viewport.height}`;
      await page.setViewportSize(viewport);
      const list = page.locator('.tickets');
      const fit = await page.evaluate(() => {
        const inside = (e: Element) => {
          const r = e.getBoundingClientRect();
          return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
        };
        return {
          page: document.documentElement.scrollHeight - innerHeight,
          wide: document.documentElement.scrollWidth - innerWidth,
          hiddenButtons: Array.from(document.querySelectorAll('.work button, .line h2'))
            .filter((b) => !inside(b))
            .map((b) => b.textContent),
        };
      });
      expect(fit, size).toEqual({ page: 0, wide: 0, hiddenButtons: [] });
      // At least three tickets are whole on the screen; the rest are below, and the list says so.
      const whole = await list.evaluate((ol) => {
        const box = ol.getBoundingClientRect();
        return Array.from(ol.querySelectorAll('li')).filter((li) => {
          const r = li.getBoundingClientRect();
          return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
        }).length;
      });
      await shot(page, `counter-list-${size}`);
      expect(whole, size).toBeGreaterThanOrEqual(3);
      const more = page.locator('.line-more');
      if (whole < 11) expect(await more.textContent(), size).toBe(`↓ ${uk('counter.line.more', { count: 11 - whole })}`);
      await shot(page, `counter-list-${size}`);
      // Scrolled to its end, the last ticket is whole and the hint is gone.
      await list.evaluate((ol) => ol.scrollTo(0, ol.scrollHeight));
      await expect.poll(() => more.count(), SEEN).toBe(0);
      await list.evaluate((ol) => ol.scrollTo(0, 0));
    }
    await page.context().close();
  });
});

describe('auto-call at the terminal', () => {
  let autoHub: RunningHub;
  let hubNow = Date.parse('2026-11-23T10:00:00+02:00');
  let page: Page;
  let pageNow: number;
  let desk: ViknoClient;

  beforeAll(async () => {
    autoHub = await runHub(demoConfig(), () => hubNow);
    desk = await device(autoHub, 'kiosk-1');
    const context = await browser.newContext({ viewport: LAPTOP, baseURL: autoHub.httpUrl });
    context.setDefaultTimeout(SEEN.timeout);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    // Playwright's clock, installed before the page loads (its timers keep running: MQTT needs them),
    // then holding the page's time still: the test moves it with the hub's.
    await page.clock.install();
    await gotoDevice(page, '/counter/?device=counter-w5&secret=demo-counter-w5');
    await page.getByLabel(uk('counter.login.username')).waitFor();
    pageNow = Date.now();
    await page.clock.setFixedTime(pageNow);
  });
  afterAll(async () => {
    await page?.context().close();
    await autoHub?.stop();
  });

  const autoCall = () => page.locator('[data-auto-call]');
  const toggle = () => page.getByRole('switch', { name: uk('counter.auto.label') });
  const issueHere = async () => (await desk.command('ticket.issue', { service: 'travel-passport', language: 'uk' })).ticket.number;
  /**
   * Moves the hub's clock (its timer looks every half second on its own) and the page's with it: the
   * terminal counts down on its own clock, kept to the hub's by the skew it measures at each query.
   */
  const later = (seconds: number) => {
    hubNow += seconds * 1000;
    pageNow += seconds * 1000;
    return page.clock.setFixedTime(pageNow);
  };

  it('is off until the operator turns it on; then counts down on the page’s clock and can be cancelled', async () => {
    await logIn(page, 'nataliia');
    await expect.poll(() => page.locator('.desk-operator').textContent(), SEEN).toBe(operatorName('nataliia'));
    expect(await toggle().getAttribute('aria-checked')).toBe('false');
    expect(await page.locator('.auto-call-hint').textContent()).toBe(uk('counter.auto.hint', { seconds: 30 }));
    expect(await autoCall().count()).toBe(0);

    await toggle().click();
    await expect.poll(() => toggle().getAttribute('aria-checked'), SEEN).toBe('true');
    expect(autoHub.hub.state.counterState('w5').autoCallAt).toBe(hubNow + 30_000);
    const time = page.locator('.auto-call-time');
    await expect.poll(() => time.textContent(), SEEN).toBe(uk('counter.auto.countdown', { seconds: 30 }));
    await later(12);
    await expect.poll(() => time.textContent(), SEEN).toBe(uk('counter.auto.countdown', { seconds: 18 }));
    await shot(page, 'counter-auto-call-countdown-1366x768');

    await page.getByRole('button', { name: uk('counter.auto.cancel') }).click();
    await expect.poll(() => autoCall().getAttribute('data-auto-call'), SEEN).toBe('held');
    expect(await autoCall().textContent()).toBe(uk('counter.auto.held'));
    expect(autoHub.hub.state.counterState('w5').autoCallAt).toBeNull();
    // Held: a visitor waits and the wrap-up is long past, yet the window is not due to call.
    const waiting = await issueHere();
    await later(60);
    await expect.poll(() => listed(page), SEEN).toEqual([waiting]);
    expect(autoHub.hub.state.autoCallsDue()).toEqual([]);

    // The operator's own call ends the hold: after that visit, the countdown starts again.
    await press(page, 'n', 'counter.action.callNext');
    await expect.poll(() => current(page).textContent(), SEEN).toBe(waiting);
    expect(await autoCall().count()).toBe(0);
    await press(page, 'f', 'counter.action.finish');
    await expect.poll(() => autoCall().getAttribute('data-auto-call'), SEEN).toBe('countdown');
    await expect.poll(() => time.textContent(), SEEN).toBe(uk('counter.auto.countdown', { seconds: 30 }));
  });

  it('calls the next visitor by itself when the wrap-up ends, recorded as an auto call', async () => {
    const calls = watch(await device(autoHub, 'display-hall'), topics.event('demo', 'ticket.called'));
    const number = await issueHere();
    await later(29);
    await expect.poll(() => page.locator('.auto-call-time').textContent(), SEEN).toBe(uk('counter.auto.countdown', { seconds: 1 }));
    expect(await current(page).count()).toBe(0);
    await later(1);
    await expect.poll(() => current(page).textContent(), SEEN).toBe(number);
    expect(await page.locator('.current-state').textContent()).toBe(uk('counter.current.called'));
    await expect
      .poll(() => calls.get(topics.event('demo', 'ticket.called')), SEEN)
      .toMatchObject({ counter: 'w5', operator: 'nataliia', rule: 'normal', auto: true });
    expect(await autoCall().count()).toBe(0);
  });

  it('stops after three auto-called visitors in a row do not come, and says why', async () => {
    const numbers = [await issueHere(), await issueHere()];
    // The visitor called above is the first of the three.
    for (const next of [...numbers, null]) {
      await press(page, 'x', 'counter.action.noShow');
      if (!next) break;
      await expect.poll(() => autoCall().getAttribute('data-auto-call'), SEEN).toBe('countdown');
      await later(30);
      await expect.poll(() => current(page).textContent(), SEEN).toBe(next);
    }
    await expect.poll(() => autoCall().getAttribute('data-auto-call'), SEEN).toBe('stopped');
    expect(await autoCall().textContent()).toBe(uk('counter.auto.stopped'));
    expect(await toggle().getAttribute('aria-checked')).toBe('false');
    await shot(page, 'counter-auto-call-stopped-1366x768');
    // Stopped: someone waits, the wrap-up passes, and no one is called.
    const waiting = await issueHere();
    await later(60);
    await expect.poll(() => listed(page), SEEN).toEqual([waiting]);
    expect(autoHub.hub.state.autoCallsDue()).toEqual([]);
    expect(autoHub.hub.state.counterState('w5')).toMatchObject({ ticket: null, autoCallAt: null, autoCall: { stopped: 'no_shows' } });
  });

  it('records a call-button pad’s pause with the reason call-button, as the pad’s own commander does', async () => {
    // Electron's preload gives the page `window.vikno`; here the page gets the same bridge, pressed by the test.
    const context = await browser.newContext({ viewport: LAPTOP, baseURL: hub.httpUrl });
    context.setDefaultTimeout(SEEN.timeout);
    await context.addInitScript(() => {
      const w = window as unknown as { vikno: unknown; press?: (action: string) => void };
      w.vikno = {
        counter: {
          onButton(handler: (action: string) => void) {
            w.press = handler;
            return () => undefined;
          },
        },
      };
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    await gotoDevice(page, '/counter/?device=counter-w11&secret=demo-counter-w11');
    await logIn(page, 'oksana');
    await expect.poll(() => page.locator('.desk-status').textContent(), SEEN).toBe(uk('counterStatus.open'));
    const pad = (action: string) => page.evaluate((a) => (window as unknown as { press: (action: string) => void }).press(a), action);
    await pad('pause');
    await until(() => hub.hub.state.counterState('w11').status === 'paused', 5000, 'the pad’s pause');
    expect(hub.hub.state.counterState('w11').pauseReason).toBe('call-button');
    await expect
      .poll(() => page.locator('.current-title').textContent(), SEEN)
      .toBe(uk('counter.current.paused', { reason: uk('counter.pause.callButton') }));
    await pad('resume');
    await until(() => hub.hub.state.counterState('w11').status === 'open', 5000, 'the pad’s resume');
    await context.close();
  });

  it('raised no uncaught errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
