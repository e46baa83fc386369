import type { FastifyRequest } from 'fastify';
import { DEVICE_TOKEN_PREFIX, MAX_TOKEN_LENGTH } from '../../core/auth/wire.js';
import { AppError, ErrorCode } from '../../core/errors.js';
import type { CentralDb } from '../../db/central/connection.js';
import { deviceByTokenHash, touchDeviceLastSeen } from '../../db/central/queries/devices.js';
import { tokenHash } from '../../sync/identity/secret-token.js';
import type { DeviceAuthenticator, DeviceIdentity } from './device-auth.js';

const BEARER = /^Bearer (\S+)$/;
const TOKEN_BODY = /^[A-Za-z0-9_-]+$/;

/**
 * The device token an `Authorization: Bearer vdd_...` header carries, or undefined when the
 * header is absent or carries anything else (another scheme, a malformed or oversized token).
 */
export function parseDeviceToken(authorization: string | undefined): string | undefined {
  const token = authorization === undefined ? undefined : BEARER.exec(authorization.trim())?.[1];
  if (token === undefined || !token.startsWith(DEVICE_TOKEN_PREFIX) || token.length > MAX_TOKEN_LENGTH) {
    return undefined;
  }
  return TOKEN_BODY.test(token.slice(DEVICE_TOKEN_PREFIX.length)) ? token : undefined;
}

/** The answer to a request without usable device credentials. */
export function missingDeviceToken(): AppError {
  return new AppError(
    ErrorCode.Unauthenticated,
    'Requests need the header Authorization: Bearer <device token>; enrol this workstation with a code from an admin',
  );
}

/**
 * Enrolled devices: `Authorization: Bearer vdd_...` (the token `POST /v1/enrol` gave). The
 * token is looked up by its SHA-256 hash on every request, never cached, so a revocation holds
 * from the very next request. `last_seen_at` is refreshed once it is more than five minutes old.
 * @throws AppError UNAUTHENTICATED (no, malformed or unknown token) or DEVICE_REVOKED; both 401.
 */
export function tokenDeviceAuth(db: CentralDb): DeviceAuthenticator {
  return {
    async authenticate(request: FastifyRequest): Promise<DeviceIdentity> {
      const token = parseDeviceToken(request.headers.authorization);
      if (token === undefined) throw missingDeviceToken();
      const device = await deviceByTokenHash(db, tokenHash(token));
      if (!device) throw new AppError(ErrorCode.Unauthenticated, 'This device token is not known: enrol again');
      if (device.revoked) {
        throw new AppError(ErrorCode.DeviceRevoked, 'This workstation was revoked: enrol it again', {
          deviceId: device.deviceId,
        });
      }
      if (device.stale) await touchDeviceLastSeen(db, device.deviceId);
      return { deviceId: device.deviceId, clinicId: device.clinicId, scheme: 'token' };
    },
  };
}
