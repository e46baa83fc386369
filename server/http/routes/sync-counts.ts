import type { FastifyPluginCallback } from 'fastify';
import type { CentralDb } from '../../../db/central/connection.js';
import { replicatedRowCounts } from '../../../db/central/queries/replicated-counts.js';
import type { DeviceAuthenticator } from '../../auth/device-auth.js';

export interface SyncCountsOptions {
  db: CentralDb;
  auth: DeviceAuthenticator;
}

/** The body of `GET /v1/sync/counts`. */
export interface SyncCounts {
  tables: Record<string, number>;
  total: number;
}

/**
 * `GET /v1/sync/counts`: how many rows each replicated table holds, so a workstation's first
 * sync can show progress as rows received out of rows expected. One statement, one snapshot.
 */
export const syncCountsRoutes: FastifyPluginCallback<SyncCountsOptions> = (app, options, done) => {
  app.get('/v1/sync/counts', async (request): Promise<SyncCounts> => {
    await options.auth.authenticate(request);
    const tables = await replicatedRowCounts(options.db);
    return { tables, total: Object.values(tables).reduce((sum, n) => sum + n, 0) };
  });
  done();
};
