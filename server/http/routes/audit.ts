import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import {
  AUDIT_HISTORY_LIMIT,
  auditHistoryParamsSchema,
  auditHistorySchema,
  STAFF_ID_HEADER,
  type AuditEntry,
  type AuditHistory,
} from '../../../core/api/audit.js';
import { uuidSchema } from '../../../core/domain/values.js';
import { validationError } from '../../../core/errors.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { auditHistoryRows, type AuditHistoryRow } from '../../../db/central/queries/audit-history.js';
import { authorizeStaff } from '../../../sync/server/authorize.js';
import type { DeviceAuthenticator } from '../../auth/device-auth.js';

export interface AuditRoutesOptions {
  db: CentralDb;
  auth: DeviceAuthenticator;
}

/**
 * The signed-in staff member the workstation names in the STAFF_ID_HEADER.
 * @throws AppError VALIDATION_FAILED (400) when the header is missing or not a uuid.
 */
function staffIdOf(request: FastifyRequest): string {
  const parsed = uuidSchema.safeParse(request.headers[STAFF_ID_HEADER]);
  if (!parsed.success) {
    throw validationError(parsed.error, `The ${STAFF_ID_HEADER} header must name the signed-in staff member`);
  }
  return parsed.data.toLowerCase();
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
 * stay redacted as the trigger wrote them). Admins only: the request carries the device
 * credential like every sync request, plus the signed-in staff member in STAFF_ID_HEADER, and
 * the server checks that person is an admin who was not removed (the workstation's own check is
 * a convenience). Answers 400 (unknown table, bad id or header), 401 (device), 403 (not an
 * admin), 200 with an empty list for a record without history.
 */
export const auditRoutes: FastifyPluginCallback<AuditRoutesOptions> = (app, { db, auth }, done) => {
  app.get('/v1/audit/:table/:id', async (request): Promise<AuditHistory> => {
    await auth.authenticate(request);
    const params = auditHistoryParamsSchema.safeParse(request.params);
    if (!params.success) throw validationError(params.error, 'Unknown table or malformed record id');
    await authorizeStaff(db, staffIdOf(request), ['admin'], 'read the audit trail');
    const { table } = params.data;
    const id = params.data.id.toLowerCase();
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
