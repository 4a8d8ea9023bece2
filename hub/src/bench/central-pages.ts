// The section "central-pages": the region's pages (central/src/bench/pages.ts), run as central's own
// process — the hub does not depend on the central service — its figures read from its stdout.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** What central/src/bench/pages.ts reports (CentralPagesResults there). */
export interface CentralPagesBench {
  live: {
    centres: number;
    summaryBytes: number;
    overview: PageLatency;
    publicCentres: PageLatency;
    publicByGroup: PageLatency;
  };
  report: {
    centres: number;
    days: number;
    perDay: number;
    tickets: number;
    generateSeconds: number;
    recordBytes: number;
    bySeconds: Record<string, number>;
    worstSeconds: number;
  };
}
interface PageLatency {
  n: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export async function benchCentralPages(repo: string, quick: boolean): Promise<CentralPagesBench> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(repo, 'central/dist/bench/pages-main.js'), ...(quick ? ['--quick'] : [])],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as CentralPagesBench;
}
