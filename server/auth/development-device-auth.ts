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
 * DEVELOPMENT ONLY, and only when the server runs with VETDESK_DEV_AUTH=1 on a loopback address
 * (server/start.ts refuses anything else): `Authorization: Bearer dev-device:<device uuid>`
 * names the device, with no secret at all. The device row is created on first use (name
 * 'Development device', no clinic); a revoked device is refused; a device that was enrolled
 * (it holds a token) is refused too, so the scheme can never speak for a real workstation, whose
 * mutations must be signed. `last_seen_at` is refreshed as for token devices.
 * @throws AppError UNAUTHENTICATED or DEVICE_REVOKED (401).
 */
export function developmentDeviceAuth(db: CentralDb): DeviceAuthenticator {
  return {
    async authenticate(request: FastifyRequest): Promise<DeviceIdentity> {
      const deviceId = parseDevelopmentToken(request.headers.authorization);
      if (deviceId === undefined) {
        throw new AppError(
          ErrorCode.Unauthenticated,
          'Requests need the header Authorization: Bearer <device token> (or, on this development server, Bearer dev-device:<device uuid>)',
        );
      }
      const access = (await deviceAccess(db, deviceId)) ?? (await registerDevelopmentDevice(db, deviceId));
      if (access?.revoked !== false) {
        throw new AppError(ErrorCode.DeviceRevoked, 'This workstation was revoked: enrol it again', { deviceId });
      }
      if (access.enrolled) {
        throw new AppError(ErrorCode.Unauthenticated, 'This device is enrolled: it must use its device token', {
          deviceId,
        });
      }
      if (access.stale) await touchDeviceLastSeen(db, deviceId);
      return { deviceId, clinicId: access.clinicId, scheme: 'development' };
    },
  };
}
