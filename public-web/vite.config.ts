import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // The hub serves the build's files at /public-web/ and its index.html at /t/<token>, /status and /book.
  base: '/public-web/',
  // The files every app serves as they are (the icon): one folder, in ui/.
  publicDir: '../ui/public',
  plugins: [react()],
  // 'source' first: the shared workspace is bundled from its TypeScript sources.
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
});
