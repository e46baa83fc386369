import type { FastifyPluginCallback } from 'fastify';
import type { CentralDb } from '../../../db/central/connection.js';
import type { RestoreGapsResponse } from '../../../core/sync/restore-gaps.js';
import { listRestoreGaps } from '../../../sync/server/restore-gaps.js';
import type { RequireAdmin } from './admin-devices.js';

export interface AdminSyncRoutesOptions {
  db: CentralDb;
  requireAdmin: RequireAdmin;
}

/**
 * Admin routes about sync (ROUTE_PERMISSIONS in core/auth/permissions.ts).
 * - `GET /v1/admin/sync/restore-gaps`: changes the database this one was restored over had
 *   applied and no workstation has pushed again since (sync/server/restore-gaps.ts), of the
 *   admin's clinic, oldest first. Never cached: it shrinks as workstations replay.
 */
export const adminSyncRoutes: FastifyPluginCallback<AdminSyncRoutesOptions> = (app, { db, requireAdmin }, done) => {
  app.get('/v1/admin/sync/restore-gaps', async (request, reply): Promise<RestoreGapsResponse> => {
    const admin = await requireAdmin(request, 'GET /v1/admin/sync/restore-gaps');
    void reply.header('cache-control', 'no-store');
    return { gaps: await listRestoreGaps(db, admin.clinicId) };
  });
  done();
};
