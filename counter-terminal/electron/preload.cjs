// The counter page's one bridge to the machine: its call-button pad (shared/src/bridge.ts, `CounterBridge`).
'use strict';
const { contextBridge, ipcRenderer } = require('electron');

contextBridge.exposeInMainWorld('vikno', {
  counter: {
    onButton(handler) {
      const listener = (_event, action) => handler(action);
      ipcRenderer.on('vikno:counter:button', listener);
      return () => ipcRenderer.off('vikno:counter:button', listener);
    },
  },
});
