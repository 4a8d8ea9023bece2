// The one Electron main process of the three apps: a thin window around the page the hub serves.
'use strict';
const { app, BrowserWindow, Menu } = require('electron');

const RETRY_MS = 5000;
/** Chromium's net::ERR_ABORTED: a load replaced by another, not a failure. */
const ABORTED = -3;

function onOrigin(url, origin) {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

function createWindow(pageUrl, publicScreen) {
  const origin = new URL(pageUrl).origin;
  const onHub = (url) => onOrigin(url, origin);
  const win = new BrowserWindow({
    // A public screen (kiosk, hall display): fullscreen, no way out to the desktop. An operator's
    // desk: a normal window, maximised once it is ready.
    fullscreen: publicScreen,
    kiosk: publicScreen,
    show: publicScreen,
    autoHideMenuBar: true,
    backgroundColor: '#0b0f14',
    webPreferences: { contextIsolation: true, nodeIntegration: false, sandbox: true },
  });
  const page = win.webContents;
  // Stay on the hub: no navigation or redirect elsewhere, no new windows.
  const stayOnHub = (event, url) => {
    if (!onHub(url)) event.preventDefault();
  };
  page.on('will-navigate', stayOnHub);
  page.on('will-redirect', stayOnHub);
  page.setWindowOpenHandler(() => ({ action: 'deny' }));
  // A crashed page comes back by itself, and so does one opened before the hub was up.
  page.on('render-process-gone', () => win.loadURL(pageUrl));
  page.on('did-fail-load', (_event, code, _description, _url, isMainFrame) => {
    if (isMainFrame && code !== ABORTED) setTimeout(() => win.loadURL(pageUrl), RETRY_MS);
  });
  if (!publicScreen) {
    win.once('ready-to-show', () => {
      win.maximize();
      win.show();
    });
  }
  win.loadURL(pageUrl);
}

/**
 * Opens the hub's page `path` (e.g. `/display/`). VIKNO_HUB_URL says where the hub is (default
 * http://127.0.0.1:8080). The page signs in as a device itself: open it once with ?device=…&secret=…
 * or use its sign-in form; it remembers the credentials.
 */
function openHubPage({ path, publicScreen }) {
  const hub = (process.env.VIKNO_HUB_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
  Menu.setApplicationMenu(null);
  app.whenReady().then(() => createWindow(`${hub}${path}`, publicScreen));
  app.on('window-all-closed', () => app.quit());
}

module.exports = { openHubPage };
