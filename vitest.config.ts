import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The workspaces resolve each other's TypeScript sources: tests run in Vite's server environment,
  // whose conditions are ssr.resolve's (resolve.conditions alone left them on the last build's dist/).
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    include: ['*/src/**/*.test.ts', '*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start hubs, brokers and browsers; two cores do not gain from more forks.
    maxWorkers: 2,
  },
});
