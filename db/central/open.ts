import type { CentralDb } from './connection.js';
import type { CentralDbConfig } from './config.js';
import { openPostgres } from './pg-database.js';
import { openPglite } from './pglite-database.js';

/** Opens the central database the configuration names (see `centralDbConfigFromEnv`). */
export async function openCentralDb(config: CentralDbConfig): Promise<CentralDb> {
  return config.kind === 'postgres' ? openPostgres(config) : openPglite(config);
}
