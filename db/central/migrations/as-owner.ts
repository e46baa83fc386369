import type { CentralDbConfig } from '../config.js';
import { migrationDbConfig } from '../config.js';
import type { CentralDb } from '../connection.js';
import { openCentralDb } from '../open.js';

/**
 * Runs `work` on a connection as the database owner: `serverDb` itself when no separate owner is
 * configured (`migrationDbConfig` returns the same configuration), otherwise a short-lived
 * one-connection database opened from `MIGRATION_DATABASE_URL` and closed afterwards, whatever
 * `work` does. The server's own connection (the application role) cannot run DDL.
 * Rejects with `work`'s error, or DATABASE_UNAVAILABLE when the owner cannot connect.
 */
export async function withOwnerDb<T>(
  config: CentralDbConfig,
  serverDb: CentralDb,
  work: (ownerDb: CentralDb) => Promise<T>,
): Promise<T> {
  const ownerConfig = migrationDbConfig(config);
  if (ownerConfig === config) return work(serverDb);
  const ownerDb = await openCentralDb(ownerConfig);
  try {
    return await work(ownerDb);
  } finally {
    await ownerDb.close();
  }
}
