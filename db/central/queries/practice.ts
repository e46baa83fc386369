import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { StaffRole } from '../../../core/domain/enums.js';
import type { SqlExecutor } from '../connection.js';
import { owners } from '../schema/owners-patients.js';
import { staff } from '../schema/practice.js';

// Typed through drizzle from db/central/schema (which a test holds to the migrations), so the
// row types here are the schema's, not restated.

/** Owners in the database, soft-deleted ones included (is this an empty practice?). */
export async function countOwners(db: SqlExecutor): Promise<number> {
  const [row] = await db.orm.select({ owners: count() }).from(owners);
  return row?.owners ?? 0;
}

const staffName = { id: staff.id, displayName: staff.displayName, username: staff.username } as const;

/** A staff member as a launcher or CLI names them. */
export interface StaffName {
  id: string;
  /** The display name, else the user name, else the id. */
  name: string;
}

function named(row: { id: string; displayName: string | null; username: string | null }): StaffName {
  return { id: row.id, name: row.displayName ?? row.username ?? row.id };
}

/** The staff member with this id, unless removed. */
export async function activeStaffMember(db: SqlExecutor, id: string): Promise<StaffName | undefined> {
  const [row] = await db.orm
    .select(staffName)
    .from(staff)
    .where(and(eq(staff.id, id), isNull(staff.deletedAt)))
    .limit(1);
  return row && named(row);
}

/** The first staff member with `role` who was not removed, by creation then user name. */
export async function firstStaffWithRole(db: SqlExecutor, role: StaffRole): Promise<StaffName | undefined> {
  const [row] = await db.orm
    .select(staffName)
    .from(staff)
    .where(and(eq(staff.role, role), isNull(staff.deletedAt)))
    .orderBy(asc(staff.createdAt), asc(staff.username))
    .limit(1);
  return row && named(row);
}

/** An active staff member who cannot sign in yet (no password hash): the seeded demo staff. */
export interface StaffWithoutPassword {
  id: string;
  role: StaffRole;
  displayName: string | null;
  username: string | null;
}

/** Active staff members without a password, by role then user name (the demo's printed list). */
export async function staffWithoutPassword(db: SqlExecutor): Promise<StaffWithoutPassword[]> {
  return db.orm
    .select({ id: staff.id, role: staff.role, displayName: staff.displayName, username: staff.username })
    .from(staff)
    .where(and(isNull(staff.passwordHash), isNull(staff.deletedAt)))
    .orderBy(asc(staff.role), asc(staff.username));
}

/** Gives a staff member without a user name one (the demo's accounts need one to sign in). */
export async function setUsername(tx: SqlExecutor, id: string, username: string): Promise<void> {
  await tx.orm.update(staff).set({ username }).where(eq(staff.id, id));
}
