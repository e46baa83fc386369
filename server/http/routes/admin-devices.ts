import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteKey } from '../../../core/auth/permissions.js';
import { createEnrolmentCodeRequestSchema, type EnrolmentCodeResponse } from '../../../core/auth/wire.js';
import { uuidSchema } from '../../../core/domain/values.js';
import { validationError } from '../../../core/errors.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { revokeDevice } from '../../../db/central/queries/devices.js';
import { createEnrolmentCode } from '../../auth/enrolment.js';

/** The signed-in admin a request acts for. */
export interface AdminActor {
  staffId: string;
  /** The admin's clinic: codes are made for it, and only its devices may be revoked. */
  clinicId: string;
  /** The device the admin works at. */
  deviceId: string;
}

/**
 * Checks that a request comes from an enrolled device with a session of an active staff member
 * of that device's clinic whom ROUTE_PERMISSIONS lets call `route` (server/auth/session-auth.ts).
 * @throws AppError UNAUTHENTICATED / DEVICE_REVOKED (device), SESSION_REQUIRED (no valid
 *   session), FORBIDDEN (not an admin).
 */
export type RequireAdmin = (request: FastifyRequest, route: RouteKey) => Promise<AdminActor>;

export interface AdminDeviceRoutesOptions {
  db: CentralDb;
  requireAdmin: RequireAdmin;
}

const deviceParamsSchema = z.object({ id: uuidSchema });

/**
 * Admin routes for workstations (ROUTE_PERMISSIONS in core/auth/permissions.ts). Credentials
 * are checked before the body is read, so a stranger learns nothing from validation messages.
 * - `POST /v1/admin/enrolment-codes`: 201 with a one-time code for the admin's clinic (shown
 *   once, never stored in clear); 400 for a bad body.
 * - `POST /v1/admin/devices/:id/revoke`: 204; the device's token is refused from its next
 *   request and its staff sessions end. 404 for an unknown device or one of another clinic.
 */
export const adminDeviceRoutes: FastifyPluginCallback<AdminDeviceRoutesOptions> = (app, { db, requireAdmin }, done) => {
  app.post('/v1/admin/enrolment-codes', async (request, reply): Promise<EnrolmentCodeResponse> => {
    const admin = await requireAdmin(request, 'POST /v1/admin/enrolment-codes');
    const parsed = createEnrolmentCodeRequestSchema.safeParse(request.body);
    if (!parsed.success) throw validationError(parsed.error, 'Malformed enrolment code request');
    const code = await createEnrolmentCode(db, {
      clinicId: admin.clinicId,
      deviceName: parsed.data.deviceName,
      hours: parsed.data.hours,
      createdBy: admin.staffId,
    });
    void reply.status(201).header('cache-control', 'no-store');
    return code;
  });

  app.post('/v1/admin/devices/:id/revoke', async (request, reply) => {
    const admin = await requireAdmin(request, 'POST /v1/admin/devices/:id/revoke');
    const params = deviceParamsSchema.safeParse(request.params);
    if (!params.success) throw validationError(params.error, 'Malformed device id');
    await revokeDevice(db, params.data.id.toLowerCase(), {
      staffId: admin.staffId,
      deviceId: admin.deviceId,
      clinicId: admin.clinicId,
    });
    return reply.status(204).send();
  });
  done();
};
