// Sends the region's current catalogue, retained, to every site's catalogue topic: at start, when
// `vikno-central catalogue publish` has stored another (seen within `pollMs`: the command and the
// service are separate processes, and only the service holds the broker's one connection for
// central's user), and to a site when it comes online — a centre added to the region gets it at once.
import type { CentralCatalogue } from '@vikno/shared';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { currentCatalogue } from './catalogue.js';

export interface CataloguePublisherOptions {
  pool: Pool;
  log: Logger;
  /** The sites of the region's config and those in the record. */
  sites: () => Promise<string[]>;
  send: (site: string, message: CentralCatalogue) => void;
  pollMs?: number;
}

export class CataloguePublisher {
  private current: CentralCatalogue | null = null;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> = Promise.resolve();

  constructor(private readonly o: CataloguePublisherOptions) {}

  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => {
      this.checking = this.check().catch((err) =>
        this.o.log.warn({ err: (err as Error).message }, 'central: could not read the catalogue'),
      );
    }, this.o.pollMs ?? 2000);
  }

  /** The version sent now; null before any. */
  version(): string | null {
    return this.current?.version ?? null;
  }

  siteOnline(site: string): void {
    if (this.current) this.o.send(site, this.current);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
  }

  private async check(): Promise<void> {
    const latest = await currentCatalogue(this.o.pool);
    if (!latest || latest.version === this.current?.version) return;
    this.current = latest;
    const sites = await this.o.sites();
    for (const site of sites) this.o.send(site, latest);
    this.o.log.info({ version: latest.version, sites: sites.length }, 'central: catalogue sent to the sites');
  }
}
