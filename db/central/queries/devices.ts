import type { CentralDb } from '../connection.js';

/** How stale `devices.last_seen_at` may get before a request refreshes it. */
const LAST_SEEN_RESOLUTION = '5 minutes';

/** What a sync request needs to know of the device it comes from. */
export interface DeviceAccess {
  revoked: boolean;
  /** `last_seen_at` is older than the resolution (or unset): the request should refresh it. */
  stale: boolean;
}

/** The device's access state, or undefined when no such device exists. */
export async function deviceAccess(db: CentralDb, deviceId: string): Promise<DeviceAccess | undefined> {
  const { rows } = await db.query<DeviceAccess>(
    `select revoked_at is not null as revoked,
            coalesce(last_seen_at < now() - $2::interval, true) as stale
       from devices where id = $1`,
    [deviceId, LAST_SEEN_RESOLUTION],
  );
  return rows[0];
}

/**
 * DEVELOPMENT ONLY: creates the device row a development token names (concurrent first uses
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
      const { rows } = await tx.query<DeviceAccess>(
        'select revoked_at is not null as revoked, false as stale from devices where id = $1',
        [deviceId],
      );
      return rows[0];
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
