import type { StaffRole } from '../../../core/domain/enums.js';
import type { SqlExecutor } from '../connection.js';

/** Owners in the database, soft-deleted ones included (is this an empty practice?). */
export async function countOwners(db: SqlExecutor): Promise<number> {
  const { rows } = await db.query<{ owners: number }>('select count(*)::int as owners from owners');
  return rows[0]?.owners ?? 0;
}

/** A staff member as a launcher or CLI names them. */
export interface StaffName {
  id: string;
  display_name: string;
}

/** The staff member with this id, unless removed. */
export async function activeStaffMember(db: SqlExecutor, id: string): Promise<StaffName | undefined> {
  const { rows } = await db.query<StaffName>(
    'select id, display_name from staff where id = $1 and deleted_at is null',
    [id],
  );
  return rows[0];
}

/** The first staff member with `role` who was not removed, by creation then user name. */
export async function firstStaffWithRole(db: SqlExecutor, role: StaffRole): Promise<StaffName | undefined> {
  const { rows } = await db.query<StaffName>(
    `select id, display_name from staff where role = $1 and deleted_at is null
     order by created_at, username limit 1`,
    [role],
  );
  return rows[0];
}
