// The one Electron main process of the three apps: a thin window around the page the hub serves.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { app, BrowserWindow, Menu, powerSaveBlocker } = require('electron');

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

function createWindow(pageUrl, publicScreen, preload) {
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
    webPreferences: { contextIsolation: true, nodeIntegration: false, sandbox: true, ...(preload ? { preload } : {}) },
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
  return win;
}

/**
 * The device's local config: `VIKNO_DEVICE_CONFIG`, else `<app>.json` in Electron's user-data folder.
 * `{ "hubUrl": "http://hub:8080", "device": "kiosk-1", "secret": "…", …app-specific parts }`. Without a
 * file the page asks for the device's credentials itself and remembers them.
 */
function loadDeviceConfig(name) {
  const file = process.env.VIKNO_DEVICE_CONFIG || join(app.getPath('userData'), `${name}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error.code !== 'ENOENT') console.error(`vikno: cannot read ${file}: ${error.message}`);
    return {};
  }
}

/**
 * Opens the hub's page `path` (e.g. `/display/`) at the hub the device config or VIKNO_HUB_URL names
 * (default http://127.0.0.1:8080), signed in with the config's device and secret when it has them.
 * A public screen is fullscreen, plays sound without a touch first and keeps the screen awake.
 * Resolves with the window.
 */
function openHubPage({ path, publicScreen, preload, config = {} }) {
  const hub = (config.hubUrl || process.env.VIKNO_HUB_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
  const url = new URL(`${hub}${path}`);
  if (config.device && config.secret) {
    url.searchParams.set('device', config.device);
    url.searchParams.set('secret', config.secret);
  }
  if (publicScreen) app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
  Menu.setApplicationMenu(null);
  app.on('window-all-closed', () => app.quit());
  return app.whenReady().then(() => {
    if (publicScreen) powerSaveBlocker.start('prevent-display-sleep');
    return createWindow(url.toString(), publicScreen, preload);
  });
}

module.exports = { openHubPage, loadDeviceConfig };
