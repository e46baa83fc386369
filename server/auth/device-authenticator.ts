import type { CentralDb } from '../../db/central/connection.js';
import { AppError, ErrorCode } from '../../core/errors.js';
import type { DeviceAuthenticator } from './device-auth.js';
import { developmentDeviceAuth, parseDevelopmentToken } from './development-device-auth.js';
import { parseDeviceToken, tokenDeviceAuth } from './token-device-auth.js';

/**
 * The server's one way of telling which device a request comes from: enrolled devices' tokens
 * always; the development scheme (`Bearer dev-device:<uuid>`) only when `development` is set,
 * which the server allows only on a loopback address (server/start.ts). Without it a
 * development credential is refused like any other unknown one, and no device is ever created
 * by a request: devices come from enrolment alone.
 */
export function deviceAuthenticator(db: CentralDb, options: { development: boolean }): DeviceAuthenticator {
  const token = tokenDeviceAuth(db);
  const development = options.development ? developmentDeviceAuth(db) : undefined;
  return {
    authenticate(request) {
      const { authorization } = request.headers;
      if (parseDeviceToken(authorization) !== undefined || parseDevelopmentToken(authorization) === undefined) {
        return token.authenticate(request);
      }
      if (development) return development.authenticate(request);
      return Promise.reject(
        new AppError(
          ErrorCode.Unauthenticated,
          'Development device credentials are refused: this server runs without VETDESK_DEV_AUTH=1; enrol this workstation with a code from an admin',
        ),
      );
    },
  };
}
