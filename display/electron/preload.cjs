// The display page's one bridge to the machine: the device's kept credentials (shared/src/bridge.ts, `CredentialsBridge`).
'use strict';
const { contextBridge, ipcRenderer } = require('electron');

contextBridge.exposeInMainWorld('vikno', {
  credentials: {
    load: () => ipcRenderer.invoke('vikno:credentials:load'),
    save: (credentials) => ipcRenderer.invoke('vikno:credentials:save', credentials),
    forget: () => ipcRenderer.invoke('vikno:credentials:forget'),
  },
});
