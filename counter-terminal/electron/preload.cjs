// The counter page's bridge to the machine: its call-button pad and the device's kept credentials (shared/src/bridge.ts).
'use strict';
const { contextBridge, ipcRenderer } = require('electron');

contextBridge.exposeInMainWorld('vikno', {
  credentials: {
    load: () => ipcRenderer.invoke('vikno:credentials:load'),
    save: (credentials) => ipcRenderer.invoke('vikno:credentials:save', credentials),
    forget: () => ipcRenderer.invoke('vikno:credentials:forget'),
  },
  counter: {
    onButton(handler) {
      const listener = (_event, action) => handler(action);
      ipcRenderer.on('vikno:counter:button', listener);
      return () => ipcRenderer.off('vikno:counter:button', listener);
    },
  },
});
