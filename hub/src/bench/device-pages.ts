// Opening a device page as a device that has paired (the tests' and the bench's way in): its
// credentials go into the page origin's IndexedDB, where the apps keep them, before the page opens.
import type { Page } from 'playwright-core';

/** The app whose credentials a device page keeps (shared/src/device-credentials.ts), by its path. */
function deviceAppOf(pathname: string): 'kiosk' | 'display' | 'counter' | 'tablet' {
  if (pathname.startsWith('/rate')) return 'tablet';
  const app = pathname.split('/')[1];
  if (app === 'kiosk' || app === 'display' || app === 'counter') return app;
  throw new Error(`${pathname} is no device page`);
}

/**
 * Opens a device page as a device that has already paired: `path` names the device and its secret as
 * `?device=…&secret=…` (the tests' shorthand, with a config device's demo secret standing in for a
 * paired one), and these go where the page keeps its credentials, IndexedDB, before the page opens —
 * never into the page's address, which the apps no longer read credentials from.
 */
export async function gotoDevice(page: Page, path: string): ReturnType<Page['goto']> {
  const url = new URL(path, 'http://page');
  const device = url.searchParams.get('device');
  const secret = url.searchParams.get('secret');
  url.searchParams.delete('device');
  url.searchParams.delete('secret');
  const target = `${url.pathname}${url.search}${url.hash}`;
  if (device && secret) {
    // A page of the hub's origin that runs no app, to write the app's IndexedDB from.
    await page.goto('/api/health');
    await storeDeviceCredentials(page, deviceAppOf(url.pathname), { device, secret });
  }
  return page.goto(target);
}

/** Writes a device's credentials into the page origin's IndexedDB as the apps keep them (idb-keyval's layout). */
export async function storeDeviceCredentials(
  page: Page,
  app: 'kiosk' | 'display' | 'counter' | 'tablet',
  creds: { device: string; secret: string },
): Promise<void> {
  // A script as text: the hub's code is compiled without the DOM's types.
  await page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('vikno-device');
    open.onupgradeneeded = () => open.result.createObjectStore('credentials');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('credentials', 'readwrite');
      tx.objectStore('credentials').put(${JSON.stringify(creds)}, ${JSON.stringify(app)});
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  })`);
}
