import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // The hub serves the build at /admin/.
  base: '/admin/',
  // The files every app serves as they are (the icon): one folder, in ui/.
  publicDir: '../ui/public',
  plugins: [react()],
  // 'source' first: the shared workspace is bundled from its TypeScript sources.
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  // One bundle, loaded once from the hub on the LAN.
  build: { chunkSizeWarningLimit: 1024 },
});
