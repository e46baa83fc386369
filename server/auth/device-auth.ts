import type { FastifyRequest } from 'fastify';

/** The workstation a sync request comes from. */
export interface DeviceIdentity {
  deviceId: string;
}

/**
 * The seam between sync routes and device credentials. Today the development scheme
 * (`developmentDeviceAuth`); enrolment with revocable device tokens (architecture §5)
 * replaces it without touching the routes.
 */
export interface DeviceAuthenticator {
  /**
   * Identifies the device behind a request.
   * @throws AppError UNAUTHENTICATED (no or malformed credentials) or DEVICE_REVOKED; both
   *   answer 401. Database failures propagate (5xx).
   */
  authenticate(request: FastifyRequest): Promise<DeviceIdentity>;
}
