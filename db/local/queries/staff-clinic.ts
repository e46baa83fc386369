import type { ClinicRow, StaffRow } from '../../../core/api/views.js';
import type { LocalDatabase } from '../open.js';
import { readRows } from './rows.js';

/**
 * The clinic of the staff member signed in on this workstation, as the replica holds it.
 * A replica normally holds one practice's clinic; when the staff row has not arrived yet (or
 * names no clinic) the first clinic by id is used so the header and time zone still follow
 * the practice. Returns null while the replica holds no clinic at all (before the first sync).
 * Never throws for missing data.
 */
export function currentClinic(db: LocalDatabase, staffId: string): ClinicRow | null {
  const [clinic] = readRows<ClinicRow>(
    db,
    'clinics',
    `select c.* from clinics c
       left join staff s on s.id = ? and s.clinic_id = c.id
      order by s.id is null, c.id
      limit 1`,
    [staffId],
  );
  return clinic ?? null;
}

/** A staff member by id, removed ones included; null when unknown. */
export function staffMember(db: LocalDatabase, id: string): StaffRow | null {
  const [member] = readRows<StaffRow>(db, 'staff', `select * from staff where id = ?`, [id]);
  return member ?? null;
}

/** Staff who can be picked (not removed), by name. */
export function activeStaff(db: LocalDatabase): StaffRow[] {
  return readRows<StaffRow>(db, 'staff', `select * from staff where deleted_at is null order by display_name`);
}

/** Every staff member, removed ones included: active first, then by name (case-insensitive). */
export function allStaff(db: LocalDatabase): StaffRow[] {
  return readRows<StaffRow>(
    db,
    'staff',
    `select * from staff
      order by deleted_at is not null, lower(coalesce(display_name, username, '')), id`,
  );
}
