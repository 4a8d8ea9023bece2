// Vikno ticket kiosk in Electron: the page the hub serves at /kiosk/, plus the local printer the
// page reaches through the preload's `window.vikno.kiosk`. The device config file adds
// `"printer": { "type": "usb" | "serial" | "network" | "virtual", "model": "epson-tm-t20", … }`.
'use strict';
const { join } = require('node:path');
const { openHubPage, loadDeviceConfig } = require('@vikno/desktop');

const config = loadDeviceConfig('kiosk');
// The hardware package is ESM and loads its drivers lazily: a missing USB stack reports the printer
// as unavailable instead of stopping the kiosk.
const hardware = import('@vikno/hardware');
const printer = hardware.then((hw) => hw.openPrinter(hw.printerConfigSchema.parse(config.printer ?? { type: 'virtual' })));

openHubPage({
  path: '/kiosk/',
  publicScreen: true,
  preload: join(__dirname, 'preload.cjs'),
  config,
  handlers: {
    'vikno:kiosk:printerStatus': async () => (await printer).status(),
    'vikno:kiosk:print': async (ticket) => (await hardware).printTicket(await printer, ticket),
  },
});
