// Vikno hall display in Electron: the page the hub serves at /display/, fullscreen, sound allowed
// without a touch, the screen kept awake (desktop/shell.cjs).
'use strict';
const { join } = require('node:path');
const { openHubPage, loadDeviceConfig } = require('@vikno/desktop');

openHubPage({
  path: '/display/',
  publicScreen: true,
  preload: join(__dirname, 'preload.cjs'),
  config: loadDeviceConfig('display'),
  // The one permission a page that speaks can ask for: choosing its audio output. Playing sound needs
  // none (autoplay is allowed by the shell); the microphone, camera and all else stay refused.
  permissions: ['speaker-selection'],
});
