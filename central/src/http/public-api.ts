// The public API for city websites: /api/public/centres, no sign-in, any origin may read it (CORS
// open: the answer holds nothing private), and caches and browsers may keep it a few seconds — the
// hubs send their summaries no faster.
import { centralApi, routeOf } from '@vikno/shared';
import type { Pool } from 'pg';
import { publicCentres } from '../views/public-centres.js';
import type { CentralApp } from './types.js';

export const PUBLIC_MAX_AGE_SECONDS = 5;

export function publicApi(app: CentralApp, deps: { pool: Pool; now: () => number }): void {
  app.route({
    ...routeOf(centralApi.publicCentres),
    handler: async (request, reply) => {
      reply.header('access-control-allow-origin', '*').header('cache-control', `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
      return publicCentres(deps.pool, request.query, deps.now());
    },
  });
}
