export { migrate } from './store/migrate.js';
export { type PgCluster, pgBinaries, startPgCluster } from './store/pg-cluster.js';
