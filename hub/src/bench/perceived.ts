// What people feel, timed in Debian's Chromium against a real hub (its own process, embedded broker,
// the demo centre) while background lanes keep it busy:
//  - the operator's click on "call next" at window 3 → the hall display's frame with the call drawn,
//    → the chime heard, and the chime → the first word spoken;
//  - a visitor's tap on a service at the kiosk → the first byte of the ticket at its printer.
// All pages run in one browser on this machine, so the pages' `performance.timeOrigin + t` and the
// hub process's are one wall clock and can be subtracted. The operator's path starts at the click
// event's time stamp (the button acts on release, as targets.md times it: "operator click"), the
// kiosk's at the touch (pointerdown); the pointer's down → click is reported beside them. The paint
// and the sound are the display's own marks (display/src/paint-marks.ts, the audio
// clock mapped through the output's timestamp in display/src/voice/announcer.ts); the first byte is
// reported by the printer simulator inside the hub (perceived-hub.ts).
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConfigInput, translate } from '@vikno/shared';
import { createClient, type ViknoClient } from '@vikno/shared/client';
import { chromium, type Page } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { gotoDevice } from './device-pages.js';
import { closeAll, type Lane, runLanes } from './load.js';
import { type Latency, latency, round, sleep } from './measure.js';
import type { PerceivedHubMessage } from './perceived-hub.js';

const HUB = fileURLToPath(new URL('./perceived-hub.js', import.meta.url));
const DEMO = fileURLToPath(new URL('../../../config/demo-centre.yaml', import.meta.url));
const uk = (key: Parameters<typeof translate>[1]) => translate('uk', key);

/** The measured window and its operator; its tickets are of a service no background lane serves. */
const WINDOW = { counter: 'w3', operator: 'mykola', service: 'id-card-first' };
/**
 * The background lanes: windows of the pickup and consultation zones, whose services window 3 does
 * not serve, so that neither side calls the other's tickets. The hall display is limited to the front
 * office for the run: it receives every change of the calls but announces only window 3's, as a hall
 * whose centre shares the hub with busier ones would.
 */
const LANES = [
  { counter: 'w10', operator: 'oksana', service: 'pickup-documents' },
  { counter: 'w11', operator: 'nataliia', service: 'pickup-passport' },
  { counter: 'w12', operator: 'taras', service: 'legal-aid' },
];
const LOAD_KIOSK = 'kiosk-2';
const PAGE_KIOSK = 'kiosk-1';
const WAIT = 60_000;

export interface PerceivedOptions {
  scratch: string;
  samples: number;
  backgroundCommandsPerSecond: number;
  /** Extra options for the hub's node, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
}

export interface PerceivedBench {
  samples: number;
  /** Commands per second the background lanes completed during the samples. */
  backgroundCommandsPerSecond: number;
  loadAverage: { before: number; after: number };
  /** The pointer's down → the click on "call next" (its release). */
  pressToClick: Latency;
  /** Click on "call next" → the counter's socket sends the command. */
  callToSent: Latency;
  /** Click on "call next" → the display's socket receives the call (the hub's commit and the broker in between). */
  callToArrived: Latency;
  /** Click on "call next" → the display's app has the call's message. */
  callToReceived: Latency;
  /** Click on "call next" → the row in the display's DOM. */
  callToShown: Latency;
  /** Click on "call next" → the frame with the call painted. */
  callToPainted: Latency;
  /** Click on "call next" → the chime heard. */
  callToChime: Latency;
  /** The chime heard → the first word heard. */
  chimeToFirstWord: Latency;
  /** Tap on a service at the kiosk → the ticket's first byte at the printer. */
  touchToPrinter: Latency;
  /** Tap → the ticket's number on the kiosk's screen. */
  touchToTicketShown: Latency;
}

export async function benchPerceived(o: PerceivedOptions): Promise<PerceivedBench> {
  const dir = join(o.scratch, 'perceived');
  mkdirSync(dir, { recursive: true });
  const loadBefore = loadavg()[0]!;
  const hub = await startPerceivedHub(dir, o.nodeArgs ?? []);
  const clients: ViknoClient[] = [];
  const client = (device: string) => {
    const c = createClient({ url: hub.mqttUrl, site: 'demo', device, secret: `demo-${device}`, mqtt: { reconnectPeriod: 0 } });
    clients.push(c);
    return c;
  };
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'],
  });
  let stopLoad = false;
  let background: Promise<{ commands: number; seconds: number }> | null = null;
  try {
    const kiosk = client(LOAD_KIOSK);
    const lanes: Lane[] = LANES.map((l) => ({ kiosk, counter: client(`counter-${l.counter}`), service: l.service }));
    await Promise.all(clients.map((c) => c.ready()));
    await Promise.all(lanes.map((l, i) => l.counter.command('operator.login', { username: LANES[i]!.operator, pin: '1234' })));

    const open = async (path: string, viewport: { width: number; height: number }) => {
      const context = await browser.newContext({ viewport, baseURL: hub.httpUrl });
      // The press as the page received it: the pointerdown event's time stamp, on the page's timeline.
      // (A script as text: the hub's code is compiled without the DOM's types.)
      await context.addInitScript(
        "addEventListener('pointerdown', (e) => performance.mark('vikno:press', { startTime: e.timeStamp }), { capture: true });" +
          "addEventListener('click', (e) => performance.mark('vikno:click', { startTime: e.timeStamp }), { capture: true })",
      );
      // Each frame the page's sockets send and receive, timed, with its bytes (read as text only when
      // the bench looks, not as the page works; a sent one copied, as its sender may reuse the buffer):
      // where between the press and the paint the time goes.
      await context.addInitScript(`{
        const frames = (globalThis.__frames = []);
        const keep = (kind, data) => { frames.push({ kind, at: performance.timeOrigin + performance.now(), data }); if (frames.length > 1000) frames.splice(0, 500); };
        const send = WebSocket.prototype.send;
        WebSocket.prototype.send = function (data) { keep('sent', ArrayBuffer.isView(data) ? new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)) : data); return send.call(this, data); };
        const Socket = WebSocket;
        globalThis.WebSocket = class extends Socket {
          constructor(...args) { super(...args); this.addEventListener('message', (e) => keep('arrived', e.data)); }
        };
      }`);
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT);
      await gotoDevice(page, path);
      return page;
    };
    const display = await open('/display/?device=display-hall&secret=demo-display-hall', { width: 1920, height: 1080 });
    const counter = await open(`/counter/?device=counter-${WINDOW.counter}&secret=demo-counter-${WINDOW.counter}`, {
      width: 1366,
      height: 768,
    });
    await counter.getByLabel(uk('counter.login.username')).fill(WINDOW.operator);
    await counter.getByLabel(uk('counter.login.pin')).fill('1234');
    await button(counter, 'counter.login.submit').click();
    await button(counter, 'counter.action.callNext').waitFor();
    const kioskPage = await open(`/kiosk/?device=${PAGE_KIOSK}&secret=demo-${PAGE_KIOSK}`, { width: 1080, height: 1920 });

    // A warm-up of each path (bundles parsed, the synthesizer's first phrase), not counted.
    await callOnce(counter, display, kiosk);
    await tapOnce(kioskPage, hub);

    const started = performance.now();
    const perLaneRate = o.backgroundCommandsPerSecond / 4 / lanes.length;
    background = runLanes(lanes, () => stopLoad, perLaneRate);
    const calls: CallSample[] = [];
    for (let i = 0; i < o.samples; i++) calls.push(await callOnce(counter, display, kiosk));
    const taps: TapSample[] = [];
    for (let i = 0; i < o.samples; i++) taps.push(await tapOnce(kioskPage, hub));
    stopLoad = true;
    const run = await background;
    const seconds = (performance.now() - started) / 1000;
    return {
      samples: o.samples,
      backgroundCommandsPerSecond: round(run.commands / seconds, 1),
      loadAverage: { before: loadBefore, after: loadavg()[0]! },
      pressToClick: latency(calls.map((c) => c.click - c.press)),
      callToSent: latency(calls.map((c) => c.sent - c.click)),
      callToArrived: latency(calls.map((c) => c.arrived - c.click)),
      callToReceived: latency(calls.map((c) => c.received - c.click)),
      callToShown: latency(calls.map((c) => c.shown - c.click)),
      callToPainted: latency(calls.map((c) => c.painted - c.click)),
      callToChime: latency(calls.map((c) => c.chime - c.click)),
      chimeToFirstWord: latency(calls.map((c) => c.firstWord - c.chime)),
      touchToPrinter: latency(taps.map((t) => t.firstByte - t.press)),
      touchToTicketShown: latency(taps.map((t) => t.shown - t.press)),
    };
  } finally {
    stopLoad = true;
    await background?.catch(() => undefined);
    await browser.close();
    await closeAll(clients);
    await hub.stop();
  }
}

const button = (page: Page, key: Parameters<typeof uk>[0]) => page.getByRole('button', { name: uk(key), exact: true });

/** A page's marks of one name as wall times, with their details. */
function marks(page: Page, name: string): Promise<{ at: number; ticket: string | undefined }[]> {
  return page.evaluate(
    (name) =>
      performance.getEntriesByName(name, 'mark').map((m) => ({
        at: performance.timeOrigin + m.startTime,
        ticket: (m as { detail?: { ticket?: string } | null }).detail?.ticket,
      })),
    name,
  );
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const t0 = performance.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() - t0 > WAIT) throw new Error(`perceived bench: no ${what} within ${WAIT / 1000} s`);
    await sleep(20);
  }
}

interface CallSample {
  press: number;
  click: number;
  sent: number;
  arrived: number;
  received: number;
  shown: number;
  painted: number;
  chime: number;
  firstWord: number;
}

/** A ticket waits for window 3; the operator presses "call next"; the call is drawn and announced; it is finished. */
async function callOnce(counter: Page, display: Page, kiosk: ViknoClient): Promise<CallSample> {
  await kiosk.command('ticket.issue', { service: WINDOW.service, language: 'uk' });
  const callNext = button(counter, 'counter.action.callNext');
  await until(async () => ((await callNext.isEnabled()) ? true : undefined), 'call next button enabled');
  const pressesBefore = (await marks(counter, 'vikno:press')).length;
  const clicksBefore = (await marks(counter, 'vikno:click')).length;
  // The display gathers the next call's marks as they come, in the page: nothing polls the pages
  // (a round trip to the browser each time) while the call travels and is drawn.
  const since = await display.evaluate(() => performance.timeOrigin + performance.now());
  const displayed = display.evaluate(nextCallMarks, { since, timeoutMs: WAIT });
  await callNext.click();
  const { ticket: number, at } = await displayed;
  const press = (await marks(counter, 'vikno:press'))[pressesBefore]!.at;
  const click = (await marks(counter, 'vikno:click'))[clicksBefore]!.at;
  const called = await counter.locator('.current-number').textContent();
  if (called !== number) throw new Error(`perceived bench: window 3 called ${called}, the display drew ${number}`);
  const frame = (page: Page, kind: 'sent' | 'arrived', text: string) =>
    until(
      () =>
        page.evaluate(
          ({ kind, text, press }) =>
            ((globalThis as { __frames?: { kind: string; at: number; data: string | ArrayBuffer | Uint8Array }[] }).__frames ?? []).find(
              (f) =>
                f.kind === kind && f.at >= press && (typeof f.data === 'string' ? f.data : new TextDecoder().decode(f.data)).includes(text),
            )?.at,
          { kind, text, press },
        ),
      `${kind} frame with ${text}`,
    );
  const sent = await frame(counter, 'sent', 'counter.callNext');
  const arrived = await frame(display, 'arrived', `"number":"${number}"`);
  await button(counter, 'counter.action.finish').click();
  // The next sample's chime must not wait behind this announcement: a hall hears one at a time.
  await display.evaluate(
    ({ number, timeoutMs }) =>
      new Promise<void>((resolve, reject) => {
        const started = performance.now();
        const look = () => {
          const log = (globalThis as { __announcements?: { ticket: string; endedAt: number | null }[] }).__announcements ?? [];
          if (log.filter((a) => a.ticket === number).at(-1)?.endedAt != null) resolve();
          else if (performance.now() - started > timeoutMs) reject(new Error(`no end of the announcement of ${number}`));
          else setTimeout(look, 50);
        };
        look();
      }),
    { number, timeoutMs: WAIT },
  );
  return {
    press,
    click,
    sent,
    arrived,
    received: at['vikno:call-received']!,
    shown: at['vikno:call-shown']!,
    painted: at['vikno:call-painted']!,
    chime: at['vikno:chime']!,
    firstWord: at['vikno:first-word']!,
  };
}

/**
 * In the display's page: the ticket of the first call received after `since`, and the wall time of
 * each of its marks, once all are there (a PerformanceObserver wakes it as each is made).
 */
function nextCallMarks({ since, timeoutMs }: { since: number; timeoutMs: number }) {
  // Here, not outside: the function runs in the page, alone.
  const names = ['vikno:call-received', 'vikno:call-shown', 'vikno:call-painted', 'vikno:chime', 'vikno:first-word'];
  return new Promise<{ ticket: string; at: Record<string, number> }>((resolve, reject) => {
    let ticket: string | undefined;
    const at: Record<string, number> = {};
    const observer = new PerformanceObserver(() => look());
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`perceived bench: no call drawn and spoken within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const look = () => {
      for (const name of names)
        for (const m of performance.getEntriesByName(name, 'mark')) {
          const wall = performance.timeOrigin + m.startTime;
          const of = (m as { detail?: { ticket?: string } | null }).detail?.ticket;
          if (wall < since) continue;
          if (name === 'vikno:call-received') ticket ??= of;
          if (of === ticket && at[name] === undefined) at[name] = wall;
        }
      if (ticket === undefined || names.some((n) => at[n] === undefined)) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve({ ticket, at });
    };
    observer.observe({ type: 'mark' });
    look();
  });
}

interface TapSample {
  press: number;
  firstByte: number;
  shown: number;
}

/** A visitor at the kiosk: Ukrainian, passports, ID card, then the tap on a service that issues and prints. */
async function tapOnce(page: Page, hub: PerceivedHubProcess): Promise<TapSample> {
  await gotoDevice(page, `/kiosk/?device=${PAGE_KIOSK}&secret=demo-${PAGE_KIOSK}`);
  await page.locator('.language-choice').getByRole('button', { name: 'Українська' }).click();
  await page.locator('[data-group="passports"]').click();
  await page.locator('[data-group="id-card"]').click();
  const printed = hub.nextFirstByte(PAGE_KIOSK);
  await page.locator('[data-service="id-card-exchange"]').click();
  const [press] = (await marks(page, 'vikno:press')).slice(-1);
  const firstByte = await printed;
  await page.locator('.ticket-number').waitFor();
  const shown = await page.evaluate(() => performance.timeOrigin + performance.now());
  return { press: press!.at, firstByte, shown };
}

interface PerceivedHubProcess {
  httpUrl: string;
  mqttUrl: string;
  nextFirstByte(kiosk: string): Promise<number>;
  stop(): Promise<void>;
}

/** The demo centre, open at any hour and never quiet, in perceived-hub.ts's process. */
async function startPerceivedHub(dir: string, nodeArgs: string[]): Promise<PerceivedHubProcess> {
  const demo = parse(readFileSync(DEMO, 'utf8')) as ConfigInput;
  const input: ConfigInput = {
    ...demo,
    site: { ...demo.site, businessHours: {} },
    dataDir: join(dir, 'data'),
    http: { port: 0, host: '127.0.0.1' },
    broker: { port: 0, host: '127.0.0.1' },
    backups: { enabled: false },
    announcements: { ...demo.announcements, quietHours: [] },
    devices: demo.devices?.map((d) => (d.id === 'display-hall' ? { ...d, zone: 'front-office' } : d)),
  };
  const configFile = join(dir, 'centre.yaml');
  writeFileSync(configFile, stringify(input));
  const child: ChildProcess = fork(HUB, [configFile, join(dir, 'hub.log')], {
    execArgv: nodeArgs,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<string, ((at: number) => void)[]>();
  const exited = once(child, 'exit');
  const ready = new Promise<{ httpUrl: string; mqttUrl: string }>((resolve, reject) => {
    child.on('message', (m: PerceivedHubMessage) => {
      if (m.kind === 'ready') resolve(m);
      else waiting.get(m.kiosk)?.shift()?.(m.at);
    });
    void exited.then(([code]) => reject(new Error(`the perceived-speed hub exited with ${code}`)));
  });
  const { httpUrl, mqttUrl } = await ready;
  return {
    httpUrl,
    mqttUrl,
    nextFirstByte: (kiosk) =>
      new Promise((resolve) => {
        const list = waiting.get(kiosk) ?? [];
        list.push(resolve);
        waiting.set(kiosk, list);
      }),
    async stop() {
      if (child.exitCode === null) {
        child.disconnect();
        await exited;
      }
    },
  };
}
