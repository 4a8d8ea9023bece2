// The region's catalogue of services (docs/central.md, "The catalogue"): a YAML file the region edits,
// checked with the hub's own schemas (shared/src/central.ts, `catalogueSchema`), kept in PostgreSQL
// under its version (migration 004) by `vikno-central catalogue publish FILE`, and sent retained to
// every site's catalogue topic by the running service (publisher.ts).
import { readFileSync } from 'node:fs';
import { type Catalogue, type CentralCatalogue, catalogueSchema, describeConfigIssues } from '@vikno/shared';
import { catalogueVersion } from '@vikno/shared/node';
import type { Pool } from 'pg';
import { parse } from 'yaml';

export type LoadedCatalogue = { ok: true; catalogue: Catalogue } | { ok: false; problems: string[] };

/** The file's catalogue, or every problem with where it is (`services.3.prefix: …`). */
export function loadCatalogueFile(file: string): LoadedCatalogue {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, problems: [`${file}: ${(error as Error).message}`] };
  }
  const parsed = catalogueSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: describeConfigIssues(parsed.error, data) };
  return { ok: true, catalogue: parsed.data };
}

export interface Published {
  version: string;
  publishedAt: number;
  /** False when this content was already the current one: nothing changed. */
  changed: boolean;
}

/** Makes `catalogue` the region's current one. */
export async function storeCatalogue(pool: Pool, catalogue: Catalogue): Promise<Published> {
  const version = catalogueVersion(catalogue);
  const current = await currentCatalogue(pool);
  if (current?.version === version) return { version, publishedAt: current.publishedAt, changed: false };
  const { rows } = await pool.query<{ first: Date }>(
    `INSERT INTO catalogues (version, content) VALUES ($1, $2)
     ON CONFLICT (version) DO UPDATE SET published_at = now()
     RETURNING first_published_at AS first`,
    [version, JSON.stringify(catalogue)],
  );
  return { version, publishedAt: rows[0]!.first.getTime(), changed: true };
}

/** The message for the sites' catalogue topics; null before the region has published any. */
export async function currentCatalogue(pool: Pool): Promise<CentralCatalogue | null> {
  const { rows } = await pool.query<{ version: string; content: Catalogue; first: Date }>(
    'SELECT version, content, first_published_at AS first FROM catalogues ORDER BY published_at DESC LIMIT 1',
  );
  const row = rows[0];
  return row ? { version: row.version, publishedAt: row.first.getTime(), catalogue: row.content } : null;
}

/** The region's current version and when its content was first published, for the pages; null before any. */
export async function regionCatalogue(pool: Pool): Promise<{ version: string; publishedAt: number } | null> {
  const { rows } = await pool.query<{ version: string; first: Date }>(
    'SELECT version, first_published_at AS first FROM catalogues ORDER BY published_at DESC LIMIT 1',
  );
  const row = rows[0];
  return row ? { version: row.version, publishedAt: row.first.getTime() } : null;
}
