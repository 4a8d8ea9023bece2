export { type CentralHttp, type CentralHttpOptions, startCentralHttp } from './http/server.js';
export { migrate } from './store/migrate.js';
export { type PgCluster, pgBinaries, startPgCluster } from './store/pg-cluster.js';
export { bootstrapFirstUser, putUser } from './users/users.js';
