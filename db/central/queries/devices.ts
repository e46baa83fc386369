import { AppError, ErrorCode } from '../../../core/errors.js';
import type { CentralDb, SqlExecutor } from '../connection.js';

/** How stale `devices.last_seen_at` may get before a request refreshes it. */
const LAST_SEEN_RESOLUTION = '5 minutes';

/** What a request needs to know of the device it comes from. Read fresh on every request. */
export interface DeviceAccess {
  deviceId: string;
  /** The device's clinic (null only for development devices, which belong to none). */
  clinicId: string | null;
  revoked: boolean;
  /** The device holds a token (it was enrolled), so only that token may speak for it. */
  enrolled: boolean;
  /** `last_seen_at` is older than the resolution (or unset): the request should refresh it. */
  stale: boolean;
}

const ACCESS_COLUMNS = `id as "deviceId", clinic_id as "clinicId", revoked_at is not null as revoked,
  token_hash is not null as enrolled, coalesce(last_seen_at < now() - $2::interval, true) as stale`;

/** The device's access state, or undefined when no such device exists. */
export async function deviceAccess(db: SqlExecutor, deviceId: string): Promise<DeviceAccess | undefined> {
  const { rows } = await db.query<DeviceAccess>(`select ${ACCESS_COLUMNS} from devices where id = $1`, [
    deviceId,
    LAST_SEEN_RESOLUTION,
  ]);
  return rows[0];
}

/**
 * The device whose token hashes to `tokenHash` (sync/identity/secret-token.ts `tokenHash`), or
 * undefined when no device holds that token. Revoked devices are returned (with `revoked`), so
 * the caller can say why it refuses them.
 */
export async function deviceByTokenHash(db: SqlExecutor, tokenHash: string): Promise<DeviceAccess | undefined> {
  const { rows } = await db.query<DeviceAccess>(`select ${ACCESS_COLUMNS} from devices where token_hash = $1`, [
    tokenHash,
    LAST_SEEN_RESOLUTION,
  ]);
  return rows[0];
}

/**
 * DEVELOPMENT ONLY (server/auth/development-device-auth.ts, behind VETDESK_DEV_AUTH): creates
 * the device row a development token names, with no clinic and no token (concurrent first uses
 * create it once), audited as that device's own change.
 * @returns its access state afterwards (a row created meanwhile may already be revoked).
 */
export async function registerDevelopmentDevice(db: CentralDb, deviceId: string): Promise<DeviceAccess | undefined> {
  return db.transaction(
    async (tx) => {
      await tx.query(
        `insert into devices (id, name, last_seen_at) values ($1, 'Development device', now())
         on conflict (id) do nothing`,
        [deviceId],
      );
      return deviceAccess(tx, deviceId);
    },
    { audit: { deviceId } },
  );
}

/**
 * Refreshes `last_seen_at` when it is older than the resolution. Every device row change is
 * audited and replicated, so "last seen" is kept to the nearest few minutes rather than written
 * on every request.
 */
export async function touchDeviceLastSeen(db: CentralDb, deviceId: string): Promise<void> {
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

/** A device as the enrol CLI lists it. */
export interface DeviceSummary {
  id: string;
  name: string | null;
  clinicId: string | null;
  enrolledAt: Date;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
}

/** Every device, newest enrolment first (development devices included). */
export async function listDevices(db: SqlExecutor): Promise<DeviceSummary[]> {
  const { rows } = await db.query<DeviceSummary>(
    `select id, name, clinic_id as "clinicId", enrolled_at as "enrolledAt", last_seen_at as "lastSeenAt",
            revoked_at as "revokedAt"
       from devices order by enrolled_at desc, id`,
  );
  return rows;
}

/** Who revokes a device, for the audit trail and the clinic check. */
export interface RevokeBy {
  /** The admin acting (null from the server CLI). */
  staffId: string | null;
  /** The device the admin acts from (null from the server CLI). */
  deviceId: string | null;
  /** Only a device of this clinic may be revoked; any device when null (the server CLI). */
  clinicId: string | null;
}

/**
 * Revokes a device: from the next request on, its token is refused with DEVICE_REVOKED. Also
 * ends the staff sessions opened on it (when the sessions table exists; it comes with a later
 * migration). Revoking a revoked device changes nothing and answers its first revocation time.
 * One transaction, audited as `by`'s change.
 * @returns when the device was revoked.
 * @throws AppError NOT_FOUND when no such device exists or it belongs to another clinic than
 *   `by.clinicId` (an admin cannot learn of other clinics' devices).
 */
export async function revokeDevice(db: CentralDb, deviceId: string, by: RevokeBy): Promise<Date> {
  const audit = {
    ...(by.staffId === null ? {} : { staffId: by.staffId }),
    ...(by.deviceId === null ? {} : { deviceId: by.deviceId }),
    auditContext: { action: 'device.revoke' },
  };
  return db.transaction(
    async (tx) => {
      const { rows } = await tx.query<{ revokedAt: Date | null }>(
        `select revoked_at as "revokedAt" from devices
          where id = $1 and ($2::uuid is null or clinic_id = $2)
            for update`,
        [deviceId, by.clinicId],
      );
      const device = rows[0];
      if (!device) throw new AppError(ErrorCode.NotFound, 'No such workstation', { deviceId });
      let revokedAt = device.revokedAt;
      if (revokedAt === null) {
        const updated = await tx.query<{ revokedAt: Date }>(
          'update devices set revoked_at = now() where id = $1 returning revoked_at as "revokedAt"',
          [deviceId],
        );
        revokedAt = updated.rows[0]!.revokedAt;
      }
      await endDeviceSessions(tx, deviceId);
      return revokedAt;
    },
    { audit },
  );
}

/**
 * Ends the staff sessions opened on a device. `staff_sessions` arrives with its own migration;
 * until it exists there is nothing to end, and the statement must not fail.
 */
async function endDeviceSessions(tx: SqlExecutor, deviceId: string): Promise<void> {
  const { rows } = await tx.query<{ present: boolean }>(`select to_regclass('staff_sessions') is not null as present`);
  if (!rows[0]?.present) return;
  await tx.query('update staff_sessions set revoked_at = now() where device_id = $1 and revoked_at is null', [
    deviceId,
  ]);
}
