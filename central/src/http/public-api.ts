// The public API for city websites: /api/public/centres, no sign-in, any origin may read it (CORS
// open: the answer holds nothing private), and caches and browsers may keep it a few seconds — the
// hubs send their summaries no faster.
import { centralApi, routeOf } from '@vikno/shared';
import type { Pool } from 'pg';
import { servicesOf } from '../views/centres.js';
import { publicCentres, type ServiceList } from '../views/public-centres.js';
import type { CentralApp } from './types.js';

export const PUBLIC_MAX_AGE_SECONDS = 5;
/** The region's list of services is read again after this long: it changes with the catalogue, seldom. */
const SERVICES_MS = 30_000;

export function publicApi(app: CentralApp, deps: { pool: Pool; now: () => number }): void {
  let services: { until: number; list: Promise<ServiceList> } | null = null;
  const serviceList = (): Promise<ServiceList> => {
    const now = deps.now();
    if (!services || services.until < now) {
      const list = servicesOf(deps.pool, null);
      services = { until: now + SERVICES_MS, list };
      // A failed read is not kept: the next request tries again.
      list.catch(() => {
        services = null;
      });
    }
    return services.list;
  };
  app.route({
    ...routeOf(centralApi.publicCentres),
    handler: async (request, reply) => {
      reply.header('access-control-allow-origin', '*').header('cache-control', `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
      return publicCentres(deps.pool, request.query, deps.now(), serviceList);
    },
  });
}
