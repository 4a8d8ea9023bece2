// The central service's ingest as one part the process starts (main.ts), beside its HTTP server
// (central/src/http/), on one pool: the region broker's messages into the record.
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { type BrokerLink, connectBroker } from './broker/link.js';
import { CataloguePublisher } from './catalogue/publisher.js';
import { brokerPassword, type CentralConfig } from './config.js';
import { Ingest } from './ingest/ingest.js';

export interface RunningCentral {
  ingest: Ingest;
  catalogue: CataloguePublisher;
  close(): Promise<void>;
}

/** Connects to the region broker and takes the sites' messages into `pool`'s database (migrated already). */
export async function startCentral({ config, pool, log }: { config: CentralConfig; pool: Pool; log: Logger }): Promise<RunningCentral> {
  // A database that goes away fails its idle connections too: said, and the ingest tries again.
  pool.on('error', (err) => log.warn({ err: err.message }, 'central: a database connection failed'));
  const ingest = new Ingest({
    pool,
    log,
    acknowledge: (ack) => link.acknowledge(ack),
    online: (site) => catalogue.siteOnline(site),
  });
  const catalogue = new CataloguePublisher({
    pool,
    log,
    sites: async () => {
      const { rows } = await pool.query<{ id: string }>('SELECT id FROM sites');
      return [...new Set([...config.sites.map((s) => s.id), ...rows.map((r) => r.id)])];
    },
    send: (site, message) => link.catalogue(site, message),
  });
  const link: BrokerLink = connectBroker(config.broker.url, brokerPassword(config), ingest, log);
  await link.ready;
  // Hubs waiting for an acknowledgement (central's first start, or a broker that lost its retained ones).
  await ingest.acknowledgeAll();
  await catalogue.start();
  return {
    ingest,
    catalogue,
    async close() {
      await catalogue.stop();
      await link.close();
      await ingest.close();
    },
  };
}
