// Vikno counter terminal in Electron: the page the hub serves at /counter/, plus the desk's call-button
// pad. The device config file adds `"buttons": { "vendorId": 5824, "productId": 1503,
// "buttons": { "1": "callNext", "2": "recall", "3": "finish" } }` (hardware/docs/call-buttons.md).
// Presses go to the page, which sends the command as if its own button were clicked, so the operator
// sees each answer or refusal on screen.
'use strict';
const { join } = require('node:path');
const { openHubPage, loadDeviceConfig } = require('@vikno/desktop');

const config = loadDeviceConfig('counter');
const window = openHubPage({ path: '/counter/', publicScreen: false, preload: join(__dirname, 'preload.cjs'), config });

if (config.buttons) {
  // ESM, loading node-hid only when it looks for the pad: a pad that cannot be used, or a hardware
  // package that cannot be loaded, is reported and never stops the terminal.
  import('@vikno/hardware')
    .then(({ CallButtonPad }) => {
      new CallButtonPad({
        config: config.buttons,
        onAction: (action) => window.then((win) => win.webContents.send('vikno:counter:button', action)),
        onStatus: (status) => console.log(`vikno: call-button pad ${status.state}${status.reason ? `: ${status.reason}` : ''}`),
      });
    })
    .catch((error) => console.error(`vikno: call-button pad cannot be used: ${error.message}`));
}
