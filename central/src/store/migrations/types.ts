import type { PoolClient } from 'pg';

export interface Migration {
  /** Recorded in `schema_migrations` once applied; strictly increasing. */
  version: number;
  name: string;
  up: (db: PoolClient) => Promise<void>;
}
