// Vikno hall display in Electron: the page the hub serves at /display/, fullscreen, sound allowed
// without a touch, the screen kept awake (desktop/shell.cjs).
'use strict';
const { openHubPage, loadDeviceConfig } = require('@vikno/desktop');

openHubPage({ path: '/display/', publicScreen: true, config: loadDeviceConfig('display') });
