// The kiosk page's bridge to the machine: its printer and the device's kept credentials (shared/src/bridge.ts).
'use strict';
const { contextBridge, ipcRenderer } = require('electron');

contextBridge.exposeInMainWorld('vikno', {
  credentials: {
    load: () => ipcRenderer.invoke('vikno:credentials:load'),
    save: (credentials) => ipcRenderer.invoke('vikno:credentials:save', credentials),
    forget: () => ipcRenderer.invoke('vikno:credentials:forget'),
  },
  kiosk: {
    printerStatus: () => ipcRenderer.invoke('vikno:kiosk:printerStatus'),
    print: (ticket) => ipcRenderer.invoke('vikno:kiosk:print', ticket),
  },
});
