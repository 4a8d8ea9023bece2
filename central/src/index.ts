export { benchCentralPages, type CentralPagesResults } from './bench/pages.js';
export { regionAcl, writeRegionBrokerFiles } from './broker/mosquitto.js';
export { type RunningCentral, startCentral } from './central.js';
export { CENTRAL_USERNAME, type CentralConfig, centralConfigSchema, loadCentralConfig } from './config.js';
export { type CentralHttp, type CentralHttpOptions, startCentralHttp } from './http/server.js';
export { migrate } from './store/migrate.js';
export { type PgCluster, pgBinaries, startPgCluster } from './store/pg-cluster.js';
export { startTestDatabase, type TestDatabase } from './store/test-database.js';
export { addUser, bootstrapFirstUser } from './users/users.js';
