import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // vikno-central serves the build's files at /central/, index.html there and centres.html at /centres.
  base: '/central/',
  publicDir: '../ui/public',
  plugins: [react()],
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  build: {
    chunkSizeWarningLimit: 1024,
    // Two pages: the supervisors' (with Chart.js) and the public one, which a phone loads without the charts.
    rollupOptions: { input: { index: resolve(import.meta.dirname, 'index.html'), centres: resolve(import.meta.dirname, 'centres.html') } },
  },
});
