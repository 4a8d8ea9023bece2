// The one Electron main process of the three apps: a thin window around the page the hub serves,
// locked down as Electron's security checklist asks (the decisions themselves are in policy.cjs).
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, safeStorage, session } = require('electron');
const { credentialStore } = require('./credentials.cjs');
const { createBackoff, onOrigin, permissionAllowed, pinnedChain, senderAllowed } = require('./policy.cjs');

/** Chromium's net::ERR_ABORTED: a load replaced by another, not a failure. */
const ABORTED = -3;

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
  // A crashed page comes back by itself, and so does one opened before the hub was up: later each
  // time it fails again soon, so a page that crashes as it loads does not spin the machine.
  const backoff = createBackoff();
  const reload = (why) => {
    const delay = backoff.next();
    console.error(`vikno: ${why}; reloading in ${delay / 1000} s`);
    setTimeout(() => win.loadURL(pageUrl), delay);
  };
  page.on('render-process-gone', (_event, details) => reload(`the page's process is gone (${details?.reason})`));
  page.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
    if (isMainFrame && code !== ABORTED) reload(`the page did not load (${description})`);
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
 * `{ "hubUrl": "https://hub:8080", "caFingerprint": "AB:CD:…", …app-specific parts }`: `caFingerprint`
 * when the hub serves HTTPS with its own CA (`http.tls: auto`), as the admin's pairing dialog shows it.
 * The device's credentials are not in it: the page pairs with a code and the main process keeps them.
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
 * (default http://127.0.0.1:8080). The page pairs the device and keeps its credentials through the
 * `vikno:credentials:*` channels (the OS keychain); the hub's own CA is pinned once its fingerprint is known.
 * A public screen is fullscreen, plays sound without a touch first and keeps the screen awake.
 * `permissions`: the only ones the page may be granted (Electron's names); `handlers`: the page's IPC
 * channels (`invoke`), each answered only to the hub's page (`handler(...args)`). Resolves with the window.
 */
function openHubPage({ path, publicScreen, preload, config = {}, permissions = [], handlers = {} }) {
  const hub = (config.hubUrl || process.env.VIKNO_HUB_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
  const url = new URL(`${hub}${path}`);
  const origin = url.origin;
  const credentials = credentialStore(join(app.getPath('userData'), 'credentials.bin'), safeStorage);
  const channels = {
    ...handlers,
    'vikno:credentials:load': () => credentials.load(),
    'vikno:credentials:save': (kept) => credentials.save(kept),
    'vikno:credentials:forget': () => credentials.forget(),
  };
  for (const [channel, handler] of Object.entries(channels)) {
    ipcMain.handle(channel, (event, ...args) => {
      if (!senderAllowed(event.senderFrame, origin))
        throw new Error(`vikno: ${channel} is only for the hub's page, not ${event.senderFrame?.url}`);
      return handler(...args);
    });
  }
  if (publicScreen) app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
  Menu.setApplicationMenu(null);
  app.on('window-all-closed', () => app.quit());
  return app.whenReady().then(() => {
    const allowed = (permission, requestingUrl) => permissionAllowed({ permission, requestingUrl, origin, allowed: permissions });
    session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) =>
      callback(allowed(permission, details.requestingUrl || contents.getURL())),
    );
    session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
    // The hub's own CA, once its fingerprint is known (device config, else the pairing QR's): only a chain
    // up to it is accepted for the hub; any other host is left to Chromium's own checks (-3).
    session.defaultSession.setCertificateVerifyProc((request, callback) => {
      const fingerprint = config.caFingerprint || credentials.load()?.caFingerprint;
      if (!fingerprint || request.hostname !== url.hostname) return callback(-3);
      callback(pinnedChain({ hostname: request.hostname, certificate: request.certificate, fingerprint }) ? 0 : -2);
    });
    if (publicScreen) powerSaveBlocker.start('prevent-display-sleep');
    return createWindow(url.toString(), publicScreen, preload);
  });
}

module.exports = { openHubPage, loadDeviceConfig };
