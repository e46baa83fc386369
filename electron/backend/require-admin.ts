import { AppError, ErrorCode } from '../../core/errors.js';

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
