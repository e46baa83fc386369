import type { FastifyPluginCallback } from 'fastify';
import { EPOCH_HEADER, type RestoreEpoch } from '../../../core/sync/restore-epoch.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { readRestoreEpoch } from '../../../sync/server/shape-epoch.js';
import type { DeviceAuthenticator } from '../../auth/device-auth.js';

export interface SyncEpochOptions {
  db: CentralDb;
  auth: DeviceAuthenticator;
  /** How long the ledger keeps a mutation (its retention schedule), if it is pruned at all. */
  ledgerRetainMs?: number | undefined;
}

/**
 * `GET /v1/sync/epoch`: the database's shape epoch and how far back its ledger reaches
 * (core/sync/restore-epoch.ts). A workstation whose shapes named a new epoch asks here before it
 * replays, since it may have nothing to push that would be refused with the same facts.
 */
export const syncEpochRoutes: FastifyPluginCallback<SyncEpochOptions> = (app, options, done) => {
  app.get('/v1/sync/epoch', async (request, reply): Promise<RestoreEpoch> => {
    await options.auth.authenticate(request);
    const current = await readRestoreEpoch(options.db, options.ledgerRetainMs);
    void reply.header(EPOCH_HEADER, current.epoch).header('cache-control', 'no-store');
    return current;
  });
  done();
};
