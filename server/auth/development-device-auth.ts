import type { FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../../core/errors.js';
import { UUID_PATTERN } from '../../core/ids.js';
import type { CentralDb } from '../../db/central/connection.js';
import { deviceAccess, registerDevelopmentDevice, touchDeviceLastSeen } from '../../db/central/queries/devices.js';
import type { DeviceAuthenticator, DeviceIdentity } from './device-auth.js';

const SCHEME = /^Bearer dev-device:(\S+)$/;

/** The device id a development bearer token names, or undefined when it is not one. */
export function parseDevelopmentToken(authorization: string | undefined): string | undefined {
  const id = authorization === undefined ? undefined : SCHEME.exec(authorization.trim())?.[1];
  return id !== undefined && UUID_PATTERN.test(id) ? id.toLowerCase() : undefined;
}

/**
 * DEVELOPMENT ONLY: `Authorization: Bearer dev-device:<device uuid>` names the device, with no
 * secret at all. The device row is created on first use (name 'Development device'); a device
 * whose `revoked_at` is set is refused. `last_seen_at` is set on first use and refreshed by a
 * request once it is more than five minutes old. Real enrolment (one-time codes traded for device
 * tokens) replaces this scheme behind the same `DeviceAuthenticator` seam.
 */
export function developmentDeviceAuth(db: CentralDb): DeviceAuthenticator {
  return {
    async authenticate(request: FastifyRequest): Promise<DeviceIdentity> {
      const deviceId = parseDevelopmentToken(request.headers.authorization);
      if (deviceId === undefined) {
        throw new AppError(
          ErrorCode.Unauthenticated,
          'Sync requests need the header Authorization: Bearer dev-device:<device uuid>',
        );
      }
      const access = (await deviceAccess(db, deviceId)) ?? (await registerDevelopmentDevice(db, deviceId));
      if (access?.revoked !== false) {
        throw new AppError(ErrorCode.DeviceRevoked, 'This workstation was revoked: enrol it again', { deviceId });
      }
      if (access.stale) await touchDeviceLastSeen(db, deviceId);
      return { deviceId, scheme: 'development' };
    },
  };
}
