import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // The hub serves the build at /counter/.
  base: '/counter/',
  // The files every app serves as they are (the icon): one folder, in ui/.
  publicDir: '../ui/public',
  plugins: [react()],
  // 'source' first: the shared workspaces are bundled from their TypeScript sources.
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  // One ~700 kB bundle (mqtt's browser build is half of it), loaded once from the hub on the LAN.
  build: { chunkSizeWarningLimit: 1024 },
});
