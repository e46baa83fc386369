import { STAFF_ROLES, type StaffRole } from '../../core/domain/enums.js';
import { AppError, ErrorCode } from '../../core/errors.js';
import type { SqlExecutor } from '../../db/central/connection.js';

/** The staff member a mutation acts for, as the central database knows them. */
export interface ActingStaff {
  id: string;
  role: StaffRole;
  displayName: string | null;
}

/**
 * Loads the acting staff member and checks their role may perform the operation. The server's
 * check is the guard; the workstation's is only a convenience (architecture §5).
 * @throws AppError FORBIDDEN when the staff member is unknown, removed (soft-deleted), or has a
 *   role outside `allowed`; details say which (`reason`).
 */
export async function authorizeStaff(
  tx: SqlExecutor,
  staffId: string,
  allowed: readonly StaffRole[],
  operation: string,
): Promise<ActingStaff> {
  const { rows } = await tx.query<{ role: string; display_name: string | null; deleted: boolean }>(
    `select role::text as role, display_name, deleted_at is not null as deleted from staff where id = $1`,
    [staffId],
  );
  const staff = rows[0];
  if (!staff) {
    throw new AppError(ErrorCode.Forbidden, `Unknown staff member ${staffId}`, { reason: 'unknown_staff', staffId });
  }
  if (staff.deleted) {
    throw new AppError(ErrorCode.Forbidden, `Staff member ${staffId} no longer has access`, {
      reason: 'staff_removed',
      staffId,
    });
  }
  const role = STAFF_ROLES.find((known) => known === staff.role);
  if (role === undefined || !allowed.includes(role)) {
    throw new AppError(ErrorCode.Forbidden, `A ${staff.role} may not perform ${operation}`, {
      reason: 'role',
      role: staff.role,
      allowed: [...allowed],
    });
  }
  return { id: staffId, role, displayName: staff.display_name };
}
