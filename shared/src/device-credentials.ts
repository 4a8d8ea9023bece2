// Where a device keeps the credentials it got by pairing (POST /api/pair): in Electron, the main
// process, which encrypts them with the OS keychain (safeStorage, desktop/credentials.cjs); in a plain
// browser, IndexedDB of the hub's origin. Never the address: a secret there ends up in history, logs
// and over the shoulder. The hub's own CA fingerprint from the pairing QR is kept with them, so that
// the Electron shell can pin it.
import { createStore, del, get, set } from 'idb-keyval';
import { viknoBridge } from './bridge.js';
import { httpApi, type Paired } from './http-api.js';
import { callApi } from './http-client.js';

export type DeviceApp = 'kiosk' | 'display' | 'counter' | 'tablet';

export interface DeviceCredentials {
  device: string;
  secret: string;
}

export interface StoredCredentials extends DeviceCredentials {
  /** SHA-256 of the hub's CA (colon-separated hex), when the pairing QR carried one. */
  caFingerprint?: string;
}

/** One database for the apps of an origin, one key per app: a test PC may run a kiosk and a display side by side. */
export const CREDENTIALS_DB = 'vikno-device';
export const CREDENTIALS_STORE = 'credentials';

const browserStore = () => createStore(CREDENTIALS_DB, CREDENTIALS_STORE);

export async function loadDeviceCredentials(app: DeviceApp): Promise<StoredCredentials | null> {
  const bridge = viknoBridge()?.credentials;
  const stored: unknown = bridge ? await bridge.load() : await get(app, browserStore()).catch(() => null);
  return isCredentials(stored) ? stored : null;
}

export async function saveDeviceCredentials(app: DeviceApp, creds: StoredCredentials): Promise<void> {
  const bridge = viknoBridge()?.credentials;
  const kept = { device: creds.device, secret: creds.secret, ...(creds.caFingerprint && { caFingerprint: creds.caFingerprint }) };
  if (bridge) await bridge.save(kept);
  else await set(app, kept, browserStore());
}

/** The hub refused them (the device was revoked or replaced): the device goes back to pairing. */
export async function forgetDeviceCredentials(app: DeviceApp): Promise<void> {
  const bridge = viknoBridge()?.credentials;
  if (bridge) await bridge.forget();
  else await del(app, browserStore());
}

/** Sends the pairing code; the hub answers with the device's own id and secret (or refuses: ApiError 404, 429). */
export function pair(code: string): Promise<Paired> {
  return callApi(httpApi.pair, { body: { code } });
}

/**
 * The code and CA fingerprint a pairing QR put after `#` (shared `pairingLink`), taken out of the
 * address bar at once.
 */
export function pairingFromAddress(page: Pick<Window, 'location' | 'history'> = window): { code: string; caFingerprint?: string } | null {
  const fragment = new URLSearchParams(page.location.hash.replace(/^#/, ''));
  const code = fragment.get('pair');
  if (!code) return null;
  const url = new URL(page.location.href);
  url.hash = '';
  page.history.replaceState(page.history.state, '', url);
  const ca = fragment.get('ca');
  return { code, ...(ca && { caFingerprint: ca }) };
}

function isCredentials(value: unknown): value is StoredCredentials {
  if (typeof value !== 'object' || value === null) return false;
  const { device, secret } = value as Record<string, unknown>;
  return typeof device === 'string' && device !== '' && typeof secret === 'string' && secret !== '';
}
