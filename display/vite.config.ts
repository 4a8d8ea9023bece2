import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // The hub serves the build at /display/.
  base: '/display/',
  // The files every app serves as they are (the icon): one folder, in ui/.
  publicDir: '../ui/public',
  plugins: [react()],
  // 'source' first: the shared workspaces are bundled from their TypeScript sources.
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  // One ~700 kB bundle (mqtt's browser build is half of it), loaded once from the hub on the LAN.
  build: { chunkSizeWarningLimit: 1024 },
  // The speech synthesizer runs in a module worker (ui/src/speech/espeak.worker.ts). Its package also
  // holds Node-only branches, which Vite reports while building ("module" externalized): they never
  // run in a browser.
  worker: { format: 'es' },
});
