import type { FastifyPluginCallback } from 'fastify';
import { enrolRequestSchema, type EnrolResponse } from '../../../core/auth/wire.js';
import { validationError } from '../../../core/errors.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { enrolDevice } from '../../auth/enrolment.js';

export interface EnrolRoutesOptions {
  db: CentralDb;
}

/**
 * `POST /v1/enrol` (no credentials: the code is the credential): trades a one-time enrolment
 * code for a device token (core/auth/wire.ts enrolRequestSchema, enrolResponseSchema). Answers
 * 201 with the token, shown this once; 400 for a malformed body (nothing looked up); 401
 * ENROLMENT_CODE_INVALID with `details.reason` unknown, used or expired (nothing written).
 */
export const enrolRoutes: FastifyPluginCallback<EnrolRoutesOptions> = (app, { db }, done) => {
  app.post('/v1/enrol', async (request, reply): Promise<EnrolResponse> => {
    const parsed = enrolRequestSchema.safeParse(request.body);
    if (!parsed.success) throw validationError(parsed.error, 'Malformed enrolment request');
    const enrolled = await enrolDevice(db, parsed.data);
    // A secret in the body: no cache, proxy or browser may keep a copy.
    void reply.status(201).header('cache-control', 'no-store');
    return enrolled;
  });
  done();
};
