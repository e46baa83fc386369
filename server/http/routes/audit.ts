import type { FastifyPluginCallback } from 'fastify';
import {
  AUDIT_HISTORY_LIMIT,
  auditHistoryParamsSchema,
  auditHistorySchema,
  type AuditEntry,
  type AuditHistory,
} from '../../../core/api/audit.js';
import { AppError, ErrorCode, validationError } from '../../../core/errors.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { auditHistoryRows, type AuditHistoryRow } from '../../../db/central/queries/audit-history.js';
import { belongsToOtherClinic } from '../../../db/central/queries/record-clinic.js';
import type { SessionAuthenticator } from '../../auth/session-auth.js';

export interface AuditRoutesOptions {
  db: CentralDb;
  sessions: SessionAuthenticator;
}

function toEntry(row: AuditHistoryRow): AuditEntry {
  return {
    id: Number(row.id),
    action: row.action,
    changedAt: new Date(row.changed_at).toISOString(),
    changedBy: row.changed_by,
    changedByName: row.changed_by_name,
    deviceId: row.device_id,
    deviceName: row.device_name,
    mutationId: row.mutation_id,
    oldValues: row.old_values,
    newValues: row.new_values,
    context: row.context,
  };
}

/**
 * `GET /v1/audit/:table/:id`: every recorded change of one record, oldest first, with who made
 * it (staff name resolved), from which device, and the values before and after (secret columns
 * stay redacted as the trigger wrote them). Admins only, from their session (device token plus
 * `x-vetdesk-session`): the server takes the person from the session, never from the request.
 * Answers 400 (unknown table, bad id), 401 (device or session), 403 (not an admin), 404 (a
 * record of another clinic, see `belongsToOtherClinic`), 200 with an empty list for a record
 * without history.
 */
export const auditRoutes: FastifyPluginCallback<AuditRoutesOptions> = (app, { db, sessions }, done) => {
  app.get('/v1/audit/:table/:id', async (request): Promise<AuditHistory> => {
    const params = auditHistoryParamsSchema.safeParse(request.params);
    const admin = await sessions.requireRoles(request, 'GET /v1/audit/:table/:id');
    if (!params.success) throw validationError(params.error, 'Unknown table or malformed record id');
    const { table } = params.data;
    const id = params.data.id.toLowerCase();
    if (await belongsToOtherClinic(db, table, id, admin.clinicId)) {
      throw new AppError(ErrorCode.NotFound, 'No such record in this clinic', { table, id });
    }
    // One row more than the limit, so a record with a very long history still answers quickly
    // and says that older changes were left out.
    const rows = await auditHistoryRows(db, table, id, AUDIT_HISTORY_LIMIT + 1);
    const kept = rows.slice(0, AUDIT_HISTORY_LIMIT).reverse();
    // Validated on the way out too: a trigger or column change that breaks the contract fails
    // here, loudly, rather than in every workstation.
    return auditHistorySchema.parse({
      table,
      id,
      entries: kept.map(toEntry),
      truncated: rows.length > AUDIT_HISTORY_LIMIT,
    });
  });
  done();
};
