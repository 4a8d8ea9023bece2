// Transfers (issue 14, part 1) through the real hub: commands and retained state over MQTT, the
// visitors' tracking API, and in Debian's Chromium the counter terminal's transfer dialog, the hall
// display and the tracking page. Window 1 transferred R-014 to a service it also serves, and its
// next call took it straight back, every time; now it goes to the other windows serving it.
// Needs the apps built (`npm run build`).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CommandError, type Config, type CounterState, type RecentCalls, type Tracking, topics, translate } from '@vikno/shared';
import type { ViknoClient } from '@vikno/shared/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../src/app.js';
import { closeClients, counterAt, demoConfig, device, gotoDevice, launchChromium, REPO, runHub, until, watch } from './harness.js';

const SCREENSHOTS = join(REPO, 'screenshots');
const LAPTOP = { width: 1366, height: 768 };
const DISPLAY = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };
const SEEN = { timeout: 10_000 };
const uk = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('uk', key, params);

let config: Config;
let hub: RunningHub;
let kiosk: ViknoClient;
let hall: Map<string, unknown>;
const serviceName = (id: string) => config.services.find((s) => s.id === id)!.names.uk!;

beforeAll(async () => {
  config = demoConfig();
  hub = await runHub(config);
  kiosk = await device(hub, 'kiosk-1');
  hall = watch(await device(hub, 'display-hall'), topics.calls('demo'));
});

afterAll(async () => {
  await closeClients();
  await hub?.stop();
});

async function issue(service: string): Promise<{ number: string; token: string; id: string }> {
  const { ticket, token } = await kiosk.command('ticket.issue', { service, language: 'uk' });
  return { number: ticket.number, token, id: ticket.id };
}

async function track(token: string): Promise<Tracking> {
  const response = await fetch(`${hub.httpUrl}/api/track/${token}`);
  return (await response.json()) as Tracking;
}

const hallTransfers = () => (hall.get(topics.calls('demo')) as RecentCalls | undefined)?.transfers ?? [];

async function refusal(promise: Promise<unknown>): Promise<CommandError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof CommandError) return e;
    throw e;
  }
  throw new Error('the command was not refused');
}

// Windows 1 and 2 both serve the residence services; window 1 alone among them consultations but
// for windows kept closed here.
describe('a transfer over MQTT', () => {
  let w1: ViknoClient;
  let w2: ViknoClient;

  it('to a service window 1 also serves: window 1 calls the next visitor, window 2 the transferred one', async () => {
    w1 = await counterAt(hub, 'w1', 'olena');
    w2 = await counterAt(hub, 'w2', 'petro');
    const first = await issue('residence-register');
    const second = await issue('residence-register');
    expect((await w1.command('counter.callNext', {})).ticket.number).toBe(first.number);
    // Window 2 is busy with the second visitor while window 1 transfers the first.
    expect((await w2.command('counter.callNext', {})).ticket.number).toBe(second.number);
    const third = await issue('residence-register');
    await w1.command('counter.transfer', { service: 'residence-extract', comment: 'потрібен витяг' });

    // Where it went: the tracking page and the hall say so while it waits.
    expect(await track(first.token)).toMatchObject({
      status: 'waiting',
      service: 'residence-extract',
      transferredTo: { to: 'service', window: null },
    });
    await until(() => hallTransfers().find((t) => t.number === first.number), 5000, 'the transfer on state/calls');
    expect(hallTransfers()[0]).toMatchObject({
      number: first.number,
      service: 'residence-extract',
      target: { to: 'service', window: null },
    });

    // Window 1 is not offered it back: its list and its next call skip it, every try.
    const line = await w1.command('counter.waiting', {});
    expect(line.waiting.map((t) => t.number)).not.toContain(first.number);
    expect(line.next).toBe(third.id);
    const again = await w1.command('counter.callNext', {});
    expect(again.ticket.number).toBe(third.number);
    await w1.command('counter.finish', {});
    expect((await refusal(w1.command('counter.callNext', {}))).code).toBe('queue_empty');

    // Window 2, once free, takes it ahead of the line.
    await w2.command('counter.finish', {});
    const taken = await w2.command('counter.callNext', {});
    expect(taken.ticket).toMatchObject({ number: first.number, counter: 'w2', comment: 'потрібен витяг' });
    await until(() => !hallTransfers().some((t) => t.number === first.number), 5000, 'the transfer gone from state/calls');
    await w2.command('counter.finish', {});
  });

  it('with no other window open, is refused until the operator confirms, and then comes back', async () => {
    const visitor = await issue('residence-extract');
    await w1.command('counter.callNext', {});
    await w2.command('counter.pause', { reason: 'Перерва' });
    const options = await w1.command('counter.transferOptions', {});
    expect(options.services.find((s) => s.service === 'residence-extract')).toEqual({
      service: 'residence-extract',
      otherWindows: 0,
      servedHere: true,
    });
    const refused = await refusal(w1.command('counter.transfer', { service: 'residence-extract' }));
    expect(refused).toMatchObject({ code: 'no_other_window', params: { service: 'residence-extract', servedHere: true } });
    // Refused: nothing changed, the visitor is still at window 1.
    expect(hub.hub.state.ticket(visitor.id)).toMatchObject({ status: 'called', counter: 'w1' });
    await w1.command('counter.transfer', { service: 'residence-extract', evenIfNoOtherWindow: true });
    expect((await w1.command('counter.callNext', {})).ticket.number).toBe(visitor.number);
    await w1.command('counter.finish', {});
    await w2.command('counter.resume', {});
  });

  it('to an operator: waits while they are signed in nowhere, then is called at the window they sign in at', async () => {
    const visitor = await issue('residence-register');
    await w1.command('counter.callNext', {});
    const ticket = (await w1.command('counter.transfer', { operator: 'mykola', placement: 'arrival' })).ticket;
    expect(ticket).toMatchObject({ targetOperator: 'mykola', returned: false, queuedAt: ticket.issuedAt });
    expect(await track(visitor.token)).toMatchObject({ transferredTo: { to: 'operator', window: null } });
    await until(() => hallTransfers().find((t) => t.number === visitor.number && t.target.to === 'operator'), 5000, 'the hall');
    expect((await refusal(w2.command('counter.callNext', {}))).code).toBe('queue_empty');

    const w3 = await counterAt(hub, 'w3', 'mykola');
    await until(() => hallTransfers().find((t) => t.number === visitor.number && t.target.window === 3), 5000, 'his window on the hall');
    expect(await track(visitor.token)).toMatchObject({ transferredTo: { to: 'operator', window: 3 } });
    expect((await w3.command('counter.callNext', {})).ticket.number).toBe(visitor.number);
    await w3.command('counter.finish', {});
    await w3.command('operator.logout', {});
  });

  it('is counted in the state of the one window that may call it, as it arrives and as it is called', async () => {
    // A terminal asks for its list again when its state or its services' lines change: a ticket
    // sent to it from a service it does not serve changes neither line it watches.
    const states = watch(await device(hub, 'display-hall'), topics.counter('demo', '+'));
    const directed = (counter: string) => (states.get(topics.counter('demo', counter)) as CounterState | undefined)?.directed;
    await until(() => directed('w2') === 0 && directed('w3') === 0, 5000, 'the counters’ retained states');

    const visitor = await issue('residence-register');
    await w1.command('counter.callNext', {});
    await w1.command('counter.transfer', { counter: 'w2', service: 'id-card-first' });
    await until(() => directed('w2') === 1, 5000, 'window 2’s state counting the ticket sent to it');
    expect(directed('w1')).toBe(0);
    expect((await w2.command('counter.callNext', {})).ticket.number).toBe(visitor.number);
    await until(() => directed('w2') === 0, 5000, 'window 2’s state once it called the ticket');

    // To an operator: counted at the window they are signed in at, and nowhere once they sign out.
    const w3 = await counterAt(hub, 'w3', 'mykola');
    await w2.command('counter.transfer', { operator: 'mykola' });
    await until(() => directed('w3') === 1, 5000, 'his window’s state counting the ticket sent to him');
    await w3.command('operator.logout', {});
    await until(() => directed('w3') === 0, 5000, 'his window’s state once he signed out');
    const again = await counterAt(hub, 'w3', 'mykola');
    expect((await again.command('counter.callNext', {})).ticket.number).toBe(visitor.number);
    await again.command('counter.finish', {});
    await again.command('operator.logout', {});
  });
});

describe('the transfer dialog, the hall and the tracking page in Chromium', () => {
  let browser: Browser;
  let terminal: Page;
  let w2: ViknoClient;
  const pageErrors: Error[] = [];

  beforeAll(async () => {
    for (const app of ['counter-terminal', 'display', 'public-web'])
      if (!existsSync(join(REPO, app, 'dist/index.html'))) throw new Error(`${app} is not built: run npm run build first`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(path: string, viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, baseURL: hub.httpUrl, locale: 'uk-UA' });
    context.setDefaultTimeout(SEEN.timeout);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    await gotoDevice(page, path);
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

  it('offers a service, a window or an operator, and warns before a transfer nobody else would take', async () => {
    // Olena signed in at window 1's terminal (device counter-w1), Petro at window 2's: the page is that
    // terminal, and finds her login there.
    await counterAt(hub, 'w1', 'olena');
    w2 = await counterAt(hub, 'w2', 'petro');
    terminal = await open('/counter/?device=counter-w1&secret=demo-counter-w1', LAPTOP);
    await expect
      .poll(() => terminal.locator('.desk-operator').textContent(), SEEN)
      .toBe(config.operators.find((o) => o.username === 'olena')!.name);
    const visitor = await issue('residence-child');
    const callNext = terminal.getByRole('button', { name: uk('counter.action.callNext'), exact: true });
    await expect.poll(() => callNext.isEnabled(), SEEN).toBe(true);
    await callNext.click();
    await expect.poll(() => terminal.locator('.current-number').textContent(), SEEN).toBe(visitor.number);

    await terminal.getByRole('button', { name: uk('counter.action.transfer'), exact: true }).click();
    const dialog = terminal.getByRole('dialog', { name: uk('counter.transfer.title', { number: visitor.number }) });
    const choices = dialog.locator('.transfer-mode input[type=radio]');
    expect(await choices.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([
      'service',
      'counter',
      'operator',
    ]);
    expect(await dialog.getByLabel(uk('counter.transfer.first')).isChecked()).toBe(true);

    // Window 2 serves residence certificates and is open: no warning.
    await dialog.getByLabel(uk('counter.transfer.service')).selectOption('residence-certificate');
    const warning = dialog.locator('.transfer-warning');
    expect(await warning.count()).toBe(0);
    // Window 2 goes on a break: the ticket would come back to window 1, and the dialog says so.
    await w2.command('counter.pause', { reason: 'Перерва' });
    await expect.poll(() => warning.textContent(), SEEN).toBe(uk('counter.transfer.comesBack'));
    expect(await dialog.getByRole('button', { name: uk('counter.transfer.submitAnyway') }).isVisible()).toBe(true);
    await shot(terminal, 'counter-transfer-warning-1366x768');

    // To an operator who is not signed in: listed as such, and the dialog says the ticket would wait.
    await dialog.getByLabel(uk('counter.transfer.toOperator')).check();
    const mykola = config.operators.find((o) => o.username === 'mykola')!.name;
    const operators = dialog.locator('select[name=operator]');
    await expect
      .poll(() => operators.locator('option').allTextContents(), SEEN)
      .toContain(`${mykola} · ${uk('counter.transfer.signedOut')}`);
    await operators.selectOption('mykola');
    await expect.poll(() => warning.textContent(), SEEN).toBe(uk('counter.transfer.operatorAway', { name: mykola }));
    await shot(terminal, 'counter-transfer-operator-1366x768');

    // Back to the service, window 2 back from its break: no warning, and the transfer goes through.
    await dialog.getByLabel(uk('counter.transfer.toService')).check();
    await w2.command('counter.resume', {});
    await expect.poll(() => warning.count(), SEEN).toBe(0);
    await dialog.getByLabel(uk('counter.transfer.comment')).fill('Потрібна довідка');
    await dialog.getByRole('button', { name: uk('counter.transfer.submit'), exact: true }).click();
    await expect
      .poll(() => terminal.locator('.feedback-done').textContent(), SEEN)
      .toBe(uk('counter.done.transfer', { number: visitor.number, target: serviceName('residence-certificate') }));
    expect(hub.hub.state.ticket(visitor.id)).toMatchObject({ service: 'residence-certificate', sentBy: 'w1', returned: true });
    // Window 1 does not list it; nor does its next call take it.
    expect(await terminal.locator(`.tickets li[data-ticket="${visitor.number}"]`).count()).toBe(0);

    // The hall shows where it went.
    const display = await open('/display/?device=display-hall&secret=demo-display-hall', DISPLAY);
    const row = display.locator(`.transfers li[data-ticket="${visitor.number}"]`);
    await expect.poll(() => row.locator('.transfer-to').textContent(), SEEN).toBe(`→ ${serviceName('residence-certificate')}`);
    await shot(display, 'display-transfers-1920x1080');
    await display.context().close();

    // And so does the visitor's tracking page.
    const phone = await open(`/t/${visitor.token}`, PHONE);
    await expect.poll(() => phone.locator('.notice.transferred').textContent(), SEEN).toBe(uk('track.transferred.service'));
    expect(await phone.locator('.service-name').textContent()).toBe(serviceName('residence-certificate'));
    await shot(phone, 'track-transferred-390x844');
    await phone.context().close();
    // Four pages and a dozen round trips: seconds alone, more on a machine shared with other builds.
  }, 120_000);

  it('raised no uncaught errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
