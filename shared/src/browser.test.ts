// The browser helpers without a browser: a fake page (address, storage, history) and a fake client.
import { describe, expect, it } from 'vitest';
import { browserMqttUrl, type ConnectionStatus, pairingFromAddress, waitingByGroup, watchConnection, watchRetained } from './browser.js';
import type { ViknoClient } from './client.js';
import type { CounterState, QueueSummary } from './domain.js';
import { pairingLink } from './http-api.js';
import { topicMatches } from './topics.js';

function fakePage(href: string) {
  const page = {
    location: {
      href,
      get hash() {
        return new URL(page.location.href).hash;
      },
    },
    history: {
      state: null,
      replaceState: (_state: unknown, _unused: string, url: URL) => {
        page.location.href = String(url);
      },
    },
  };
  return { page, asPage: page as unknown as Pick<Window, 'location' | 'history'> };
}

describe('pairingFromAddress', () => {
  it('takes the code and the CA fingerprint a pairing QR put after #, and clears them from the address bar', () => {
    const link = pairingLink('https://hub.local:8443', 'display', 'ABCD2345', 'AB:CD:EF');
    expect(link).toBe('https://hub.local:8443/display/#pair=ABCD2345&ca=AB%3ACD%3AEF');
    const { page, asPage } = fakePage(link);
    expect(pairingFromAddress(asPage)).toEqual({ code: 'ABCD2345', caFingerprint: 'AB:CD:EF' });
    expect(page.location.href).toBe('https://hub.local:8443/display/');
  });

  it('finds nothing in an address without a code, credentials in the query included', () => {
    const { page, asPage } = fakePage('http://hub:8080/display/?device=display-hall&secret=s3cret');
    expect(pairingFromAddress(asPage)).toBeNull();
    expect(page.location.href).toBe('http://hub:8080/display/?device=display-hall&secret=s3cret');
  });
});

describe('browserMqttUrl', () => {
  it('turns the relative path into a WebSocket URL on the page’s host', () => {
    expect(browserMqttUrl({ mqtt: { url: '/mqtt' } }, 'http://10.0.0.5:8080/display/')).toBe('ws://10.0.0.5:8080/mqtt');
    expect(browserMqttUrl({ mqtt: { url: '/mqtt' } }, 'https://cnap.example/kiosk/')).toBe('wss://cnap.example/mqtt');
  });

  it('passes an external broker’s WebSocket URL through', () => {
    expect(browserMqttUrl({ mqtt: { url: 'wss://broker.example:9001/mqtt' } }, 'http://hub/display/')).toBe(
      'wss://broker.example:9001/mqtt',
    );
    expect(browserMqttUrl({ mqtt: { url: 'ws://broker:9001' } }, 'http://hub/display/')).toBe('ws://broker:9001');
  });
});

describe('waitingByGroup', () => {
  const config = {
    serviceGroups: [
      { id: 'passports', names: {} },
      { id: 'id-card', parent: 'passports', names: {} },
      { id: 'social', names: {} },
    ],
    services: [
      { id: 'id-first', group: 'id-card' },
      { id: 'id-lost', group: 'id-card' },
      { id: 'subsidy', group: 'social' },
    ],
  } as Parameters<typeof waitingByGroup>[0];
  const queue = (service: string, waiting: number) => ({ service, waiting }) as QueueSummary;

  it('counts each line for its group and every group above it', () => {
    const waiting = waitingByGroup(config, [queue('id-first', 2), queue('id-lost', 3), queue('subsidy', 1), queue('gone', 9)]);
    expect(Object.fromEntries(waiting)).toEqual({ 'id-card': 5, passports: 5, social: 1 });
  });
});

/** Enough of a ViknoClient for the watchers: events, a connected flag, subscriptions. */
function fakeClient() {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const subscriptions = new Set<{ filter: string; handler: (topic: string, payload: unknown) => void }>();
  const mqtt = {
    connected: false,
    on(event: string, fn: (...args: unknown[]) => void) {
      listeners.set(event, (listeners.get(event) ?? new Set()).add(fn));
    },
    off(event: string, fn: (...args: unknown[]) => void) {
      listeners.get(event)?.delete(fn);
    },
    emit(event: string, ...args: unknown[]) {
      for (const fn of listeners.get(event) ?? []) fn(...args);
    },
  };
  const client = {
    mqtt,
    subscribe(filter: string, handler: (topic: string, payload: unknown) => void) {
      const entry = { filter, handler };
      subscriptions.add(entry);
      return () => subscriptions.delete(entry);
    },
  };
  const deliver = (topic: string, payload: unknown) => {
    for (const s of subscriptions) if (topicMatches(s.filter, topic)) s.handler(topic, payload);
  };
  return { mqtt, client: client as unknown as ViknoClient, deliver, listeners, subscriptions };
}

describe('watchConnection', () => {
  it('follows the connection and the hub’s presence', () => {
    const { mqtt, client, deliver } = fakeClient();
    const seen: ConnectionStatus[] = [];
    watchConnection(client, 'demo', (s) => seen.push(s));
    mqtt.connected = true;
    mqtt.emit('connect');
    deliver('vikno/v1/demo/presence/hub', { status: 'offline' });
    deliver('vikno/v1/demo/presence/hub', { status: 'online', at: 1 });
    mqtt.connected = false;
    mqtt.emit('close');
    expect(seen).toEqual(['connecting', 'online', 'hubOffline', 'online', 'offline']);
  });

  it('reports refused credentials (CONNACK 4 or 5) as rejected, other errors not', () => {
    const { mqtt, client } = fakeClient();
    const seen: ConnectionStatus[] = [];
    watchConnection(client, 'demo', (s) => seen.push(s));
    mqtt.emit('error', Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }));
    mqtt.emit('error', Object.assign(new Error('Connection refused: Bad username or password'), { code: 4 }));
    mqtt.emit('close');
    expect(seen).toEqual(['connecting', 'connecting', 'rejected', 'rejected']);
  });

  it('lets go of everything when stopped', () => {
    const { client, listeners, subscriptions } = fakeClient();
    const stop = watchConnection(client, 'demo', () => undefined);
    stop();
    expect([...listeners.values()].every((set) => set.size === 0)).toBe(true);
    expect(subscriptions.size).toBe(0);
  });
});

describe('watchRetained', () => {
  const summary: QueueSummary = {
    service: 'subsidy',
    waiting: 2,
    oldestQueuedAt: 1,
    estimatedWaitMinutes: 10,
    estimatedWaitRange: { low: 8, high: 12 },
    openCounters: 1,
    at: 2,
  };

  it('keeps the latest valid payload per topic and drops cleared topics', () => {
    const { client, deliver } = fakeClient();
    const maps: ReadonlyMap<string, unknown>[] = [];
    watchRetained(client, 'vikno/v1/demo/state/queue/+', 'queue', (m) => maps.push(m));
    deliver('vikno/v1/demo/state/queue/subsidy', summary);
    deliver('vikno/v1/demo/state/queue/subsidy', { nonsense: true });
    deliver('vikno/v1/demo/state/queue/other', { ...summary, service: 'other' });
    deliver('vikno/v1/demo/state/queue/subsidy', null);
    expect(maps.map((m) => [...m.keys()])).toEqual([
      ['vikno/v1/demo/state/queue/subsidy'],
      ['vikno/v1/demo/state/queue/subsidy', 'vikno/v1/demo/state/queue/other'],
      ['vikno/v1/demo/state/queue/other'],
    ]);
    expect(maps[0]?.get('vikno/v1/demo/state/queue/subsidy')).toEqual(summary);
  });

  it('reads a counter state from a hub older than its `directed` count as 0', () => {
    const { client, deliver } = fakeClient();
    const maps: ReadonlyMap<string, CounterState>[] = [];
    watchRetained(client, 'vikno/v1/demo/state/counter/+', 'counter', (m) => maps.push(m));
    const older = {
      counter: 'w1',
      window: 1,
      zone: 'front-office',
      status: 'closed',
      operator: null,
      device: null,
      ticket: null,
      pauseReason: null,
      since: 0,
      parked: [],
      autoCall: null,
      autoCallAt: null,
    };
    deliver('vikno/v1/demo/state/counter/w1', older);
    expect(maps.at(-1)?.get('vikno/v1/demo/state/counter/w1')).toEqual({ ...older, directed: 0 });
  });

  it('passes over the payloads the caller does not keep, without a change', () => {
    const { client, deliver } = fakeClient();
    const maps: ReadonlyMap<string, QueueSummary>[] = [];
    watchRetained(
      client,
      'vikno/v1/demo/state/queue/+',
      'queue',
      (m) => maps.push(m),
      (q) => q.service === 'subsidy',
    );
    for (let waiting = 0; waiting < 3; waiting++) deliver('vikno/v1/demo/state/queue/other', { ...summary, service: 'other', waiting });
    expect(maps).toEqual([]);
    deliver('vikno/v1/demo/state/queue/subsidy', summary);
    expect(maps.map((m) => [...m.values()].map((q) => q.service))).toEqual([['subsidy']]);
  });
});
