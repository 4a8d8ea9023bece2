// The kiosk page's one bridge to the machine: its printer (shared/src/bridge.ts, `KioskBridge`).
'use strict';
const { contextBridge, ipcRenderer } = require('electron');

contextBridge.exposeInMainWorld('vikno', {
  kiosk: {
    printerStatus: () => ipcRenderer.invoke('vikno:kiosk:printerStatus'),
    print: (ticket) => ipcRenderer.invoke('vikno:kiosk:print', ticket),
  },
});
