import type { FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../../core/errors.js';
import { UUID_PATTERN } from '../../core/ids.js';
import type { CentralDb } from '../../db/central/connection.js';
import type { DeviceAuthenticator, DeviceIdentity } from './device-auth.js';

const SCHEME = /^Bearer dev-device:(\S+)$/;

/** How stale `devices.last_seen_at` may get before a request refreshes it. */
const LAST_SEEN_RESOLUTION = '5 minutes';

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
      let { rows } = await db.query<{ revoked: boolean; stale: boolean }>(
        `select revoked_at is not null as revoked,
                coalesce(last_seen_at < now() - $2::interval, true) as stale
           from devices where id = $1`,
        [deviceId, LAST_SEEN_RESOLUTION],
      );
      if (rows.length === 0) {
        rows = await db.transaction(
          async (tx) => {
            await tx.query(
              `insert into devices (id, name, last_seen_at) values ($1, 'Development device', now())
               on conflict (id) do nothing`,
              [deviceId],
            );
            return (
              await tx.query<{ revoked: boolean; stale: boolean }>(
                'select revoked_at is not null as revoked, false as stale from devices where id = $1',
                [deviceId],
              )
            ).rows;
          },
          { audit: { deviceId } },
        );
      }
      if (rows[0]?.revoked !== false) {
        throw new AppError(ErrorCode.DeviceRevoked, 'This workstation was revoked: enrol it again', { deviceId });
      }
      if (rows[0].stale) {
        // Every device row change is audited and replicated, so "last seen" is kept to the
        // nearest few minutes rather than written on every request.
        await db.transaction(
          async (tx) => {
            await tx.query(
              `update devices set last_seen_at = now()
                where id = $1 and coalesce(last_seen_at < now() - $2::interval, true)`,
              [deviceId, LAST_SEEN_RESOLUTION],
            );
          },
          { audit: { deviceId } },
        );
      }
      return { deviceId };
    },
  };
}
