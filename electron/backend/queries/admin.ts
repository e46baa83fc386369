import type { DeviceRow, DeviceView, StaffRow } from '../../../core/api/views.js';
import { AppError, ErrorCode } from '../../../core/errors.js';
import type { LocalReplica } from '../../../db/local/replica.js';
import { decodeRow } from '../../../db/local/row-codec.js';

/**
 * Refuses everyone but an admin. The central server checks again where it serves data of its
 * own (record history); for the replicated staff and devices lists this is the guard the
 * workstation can give, since every replica holds those rows.
 * @throws AppError FORBIDDEN naming the operation when `role` is not admin.
 */
export function requireAdmin(role: string, operation: string): void {
  if (role !== 'admin') {
    throw new AppError(ErrorCode.Forbidden, `Only a practice admin may ${operation}`, { reason: 'role', role });
  }
}

/** Every staff member, removed ones included: active first, then by name (case-insensitive). */
export function adminStaff(replica: LocalReplica): StaffRow[] {
  const rows = replica.db
    .prepare(
      `select * from staff
        order by deleted_at is not null, lower(coalesce(display_name, username, '')), id`,
    )
    .all() as Record<string, unknown>[];
  return rows.map((row) => decodeRow('staff', row) as StaffRow);
}

/**
 * Every workstation the practice enrolled, `this_workstation` set on the one whose id this
 * replica keeps as its own: active first, then most recently seen.
 */
export function adminDevices(replica: LocalReplica): DeviceView[] {
  const ownId = replica.meta('device_id') ?? null;
  const rows = replica.db
    .prepare(
      `select * from devices
        order by revoked_at is not null, coalesce(last_seen_at, enrolled_at) desc, id`,
    )
    .all() as Record<string, unknown>[];
  return rows.map((row) => {
    const device = decodeRow('devices', row) as DeviceRow;
    return { ...device, this_workstation: device.id === ownId };
  });
}
