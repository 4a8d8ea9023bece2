// The central service's config file (YAML), as a zod schema: the database, the region's broker and
// the sites that may report to it. `vikno-central mosquitto` writes the broker's files from it.
import { readFileSync } from 'node:fs';
import { idSchema, secretHashSchema } from '@vikno/shared';
import { parse } from 'yaml';
import { z } from 'zod';

/** Central's own user on the region's broker: it reads every site's messages and writes their acknowledgements. */
export const CENTRAL_USERNAME = 'vikno-central';

export const centralConfigSchema = z.object({
  database: z.object({
    /** A `pg` connection string; or the environment's DATABASE_URL. */
    url: z.string().min(1).optional(),
    /** Connections the ingest may hold at once. */
    poolSize: z.number().int().min(1).max(100).default(10),
  }),
  broker: z.object({
    url: z.string().url(),
    /** Central's password on it; or the environment's VIKNO_CENTRAL_BROKER_PASSWORD. */
    password: z.string().min(1).optional(),
  }),
  /** The centres that report here: each signs in to the region's broker as its site id. */
  sites: z
    .array(
      z.object({
        id: idSchema.refine((id) => id !== CENTRAL_USERNAME, `"${CENTRAL_USERNAME}" is central's own user`),
        /** `vikno-hub hash-secret PASSWORD`: the hub's `central.password`, as Mosquitto's password file keeps it. */
        secretHash: secretHashSchema,
      }),
    )
    .default([])
    .refine((sites) => new Set(sites.map((s) => s.id)).size === sites.length, 'a site is listed twice'),
});
export type CentralConfig = z.infer<typeof centralConfigSchema>;

/** The file's problems, one per line with where they are, or the config. */
export function loadCentralConfig(file: string): CentralConfig {
  const parsed = centralConfigSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`);
  throw new Error(`${file} is not a valid central config:\n${lines.join('\n')}`);
}

export function databaseUrl(config: CentralConfig): string {
  const url = config.database.url ?? process.env.DATABASE_URL;
  if (!url) throw new Error('no database: set database.url in the config or DATABASE_URL');
  return url;
}

export function brokerPassword(config: CentralConfig): string {
  return config.broker.password ?? process.env.VIKNO_CENTRAL_BROKER_PASSWORD ?? '';
}
