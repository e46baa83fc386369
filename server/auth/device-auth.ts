import type { FastifyRequest } from 'fastify';

/** The workstation a sync request comes from. */
export interface DeviceIdentity {
  deviceId: string;
  /** The device's clinic (null only for development devices made before a clinic existed). */
  clinicId?: string | null;
  /**
   * How the device proved itself: `token` (an enrolled device's token) or `development` (the
   * loopback-only development scheme). Mutations from `token` devices must be signed.
   */
  scheme: 'token' | 'development';
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
