// Framework-free helpers for the browser apps (kiosk, display, counter terminal): the public config,
// the device's credentials, the broker connection and its state, retained state, and the words.
import { createClient, type ViknoClient } from './client.js';
import type { LocalizedText, PublicConfig } from './config.js';
import type { DeviceApp, DeviceCredentials } from './device-credentials.js';
import type { QueueSummary } from './domain.js';
import { httpApi } from './http-api.js';
import { callApi } from './http-client.js';
import { catalogs, localized, type MessageKey, translate } from './i18n.js';
import { sendsCommands, type TopicKind, type TopicPayload, topicPayloads, topics } from './topics.js';

export type BrowserApp = DeviceApp;

/** Fetches and checks the hub's `/api/config`. */
export function loadPublicConfig(): Promise<PublicConfig> {
  return callApi(httpApi.config, {});
}

/**
 * The config's MQTT URL for this page: `/mqtt` becomes `ws://<this host>/mqtt` (`wss://` under
 * https); an external broker's absolute `ws://…` or `wss://…` URL passes through unchanged.
 */
export function browserMqttUrl(config: Pick<PublicConfig, 'mqtt'>, pageUrl: string = window.location.href): string {
  if (/^wss?:\/\//i.test(config.mqtt.url)) return config.mqtt.url;
  const url = new URL(config.mqtt.url, pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Signs in to the broker as the device. Watch the outcome with `watchConnection`. */
export function connectDevice(config: PublicConfig, creds: DeviceCredentials): ViknoClient {
  const role = config.devices.find((d) => d.id === creds.device)?.role;
  return createClient({
    url: browserMqttUrl(config),
    site: config.site.id,
    device: creds.device,
    secret: creds.secret,
    readOnly: role !== undefined && !sendsCommands(role),
    mqtt: { reconnectPeriod: 2000 },
  });
}

/**
 * `connecting` until the first connection or the first failure, then `online` or `offline`;
 * `hubOffline` when connected but the hub's retained presence says it stopped; `rejected` when the
 * broker refused the credentials (the client then stops retrying).
 */
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'hubOffline' | 'rejected';

/** CONNACK return codes 4 (bad user name or password) and 5 (not authorised), MQTT 3.1.1 §3.2.2.3. */
const REFUSED = new Set([4, 5]);

export function watchConnection(client: ViknoClient, site: string, onChange: (status: ConnectionStatus) => void): () => void {
  let failed = false;
  let rejected = false;
  let hubOnline = true;
  const report = () => {
    if (rejected) onChange('rejected');
    else if (client.mqtt.connected) onChange(hubOnline ? 'online' : 'hubOffline');
    else onChange(failed ? 'offline' : 'connecting');
  };
  const onClose = () => {
    failed = true;
    report();
  };
  const onError = (error: Error & { code?: unknown }) => {
    if (typeof error.code === 'number' && REFUSED.has(error.code)) rejected = true;
    report();
  };
  client.mqtt.on('connect', report);
  client.mqtt.on('close', onClose);
  client.mqtt.on('error', onError);
  const unsubscribe = client.subscribe(topics.presence(site, 'hub'), (_topic, payload) => {
    const presence = topicPayloads.presence.safeParse(payload);
    hubOnline = !presence.success || presence.data.status === 'online';
    report();
  });
  report();
  return () => {
    client.mqtt.off('connect', report);
    client.mqtt.off('close', onClose);
    client.mqtt.off('error', onError);
    unsubscribe();
  };
}

/**
 * The latest valid payload of every topic matching `filter`, retained ones first; an empty retained
 * message (the topic was cleared) removes its topic. `onChange` gets a new map on every change.
 * `keep`: the payloads the caller shows; the others change nothing and call nothing (a screen that
 * shows a few of a centre's 400 lines need not redraw at every change of the rest).
 */
export function watchRetained<K extends TopicKind>(
  client: ViknoClient,
  filter: string,
  kind: K,
  onChange: (entries: ReadonlyMap<string, TopicPayload<K>>) => void,
  keep?: (payload: TopicPayload<K>) => boolean,
): () => void {
  let entries = new Map<string, TopicPayload<K>>();
  return client.subscribe(filter, (topic, payload) => {
    const parsed = topicPayloads[kind].safeParse(payload);
    if (!parsed.success && payload !== null) return;
    if (parsed.success && keep && !keep(parsed.data as TopicPayload<K>)) return;
    entries = new Map(entries);
    if (parsed.success) entries.set(topic, parsed.data as TopicPayload<K>);
    else entries.delete(topic);
    onChange(entries);
  });
}

/** People waiting per service group: each service's line counts for its group and every group above it. */
export function waitingByGroup(
  config: Pick<PublicConfig, 'serviceGroups' | 'services'>,
  queues: Iterable<QueueSummary>,
): Map<string, number> {
  const parents = new Map(config.serviceGroups.map((g) => [g.id, g.parent]));
  const groupOf = new Map(config.services.map((s) => [s.id, s.group]));
  const waiting = new Map<string, number>();
  for (const queue of queues) {
    const seen = new Set<string>();
    for (let group = groupOf.get(queue.service); group && !seen.has(group); group = parents.get(group)) {
      seen.add(group);
      waiting.set(group, (waiting.get(group) ?? 0) + queue.waiting);
    }
  }
  return waiting;
}

/** Catalog words and config names in one language, falling back to the centre's languages. */
export interface Locale {
  lang: string;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  name(text: LocalizedText): string;
}

export function makeLocale(lang: string, siteLanguages: readonly string[]): Locale {
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    name: (text) => localized(text, lang, siteLanguages),
  };
}

/** The language to speak before the config arrives: the browser's first one the catalog has. */
export function browserLanguage(languages: readonly string[] = navigator.languages): string {
  for (const tag of languages) {
    const lang = tag.split('-')[0]?.toLowerCase();
    if (lang && lang in catalogs) return lang;
  }
  return 'uk';
}

export {
  type DeviceApp,
  type DeviceCredentials,
  forgetDeviceCredentials,
  loadDeviceCredentials,
  pair,
  pairingFromAddress,
  type StoredCredentials,
  saveDeviceCredentials,
} from './device-credentials.js';
