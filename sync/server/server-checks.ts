import { AppError, ErrorCode, validationError } from '../../core/errors.js';
import { conflictResolveRoles } from '../../core/auth/permissions.js';
import { clinicUpdate } from '../../core/mutations/clinics.js';
import { conflictResolve, type ConflictResolveArgs } from '../../core/mutations/conflicts.js';
import type { MutationDefinition } from '../../core/mutations/define.js';
import { sameValue } from '../../core/sync/values.js';
import type { SqlExecutor } from '../../db/central/connection.js';
import type { ActingStaff } from './authorize.js';
import { columnTypeOf } from './sql.js';

/**
 * Checks only the server can make before a mutation's operations run: facts the pure `ops`
 * cannot see. Each throws an AppError, which rejects the mutation.
 */
type ServerCheck = (tx: SqlExecutor, args: unknown, staff: ActingStaff) => Promise<void>;

function serverCheck<Args>(
  definition: MutationDefinition<string, Args>,
  check: (tx: SqlExecutor, args: Args, staff: ActingStaff) => Promise<void>,
): [string, ServerCheck] {
  // The args reaching a check were parsed by this definition's own schema (applyMutation).
  return [definition.name, (tx, args, staff) => check(tx, args as Args, staff)];
}

/**
 * `conflict.resolve` closes an open conflict, by a role that may edit the table the conflict
 * was recorded on (the conflict row says which, whatever the arguments claim), and a restore
 * may write only the recorded losing value back to the recorded field.
 */
async function checkConflictResolve(tx: SqlExecutor, args: ConflictResolveArgs, staff: ActingStaff): Promise<void> {
  const { rows } = await tx.query<{
    kind: string;
    status: string;
    table_name: string;
    row_id: string;
    field: string | null;
    loser_value: unknown;
  }>(`select kind, status, table_name, row_id, field, loser_value from sync.conflicts where id = $1 for update`, [
    args.id,
  ]);
  const conflict = rows[0];
  if (!conflict) throw new AppError(ErrorCode.NotFound, `No conflict ${args.id}`, { table: 'conflicts', id: args.id });
  const allowed = conflictResolveRoles(conflict.table_name);
  if (!allowed.includes(staff.role)) {
    throw new AppError(ErrorCode.Forbidden, `A ${staff.role} may not resolve conflicts on ${conflict.table_name}`, {
      reason: 'role',
      role: staff.role,
      allowed: [...allowed],
    });
  }
  if (conflict.status !== 'open') {
    throw new AppError(ErrorCode.ConflictAlreadyResolved, 'This conflict was already resolved', { id: args.id });
  }
  if (args.action !== 'restore') return;
  if (conflict.kind === 'duplicate' || conflict.kind === 'overlap') {
    throw validationError([
      { path: ['action'], message: `A ${conflict.kind} flag has no value to restore: dismiss it` },
    ]);
  }
  const type = columnTypeOf(args.table, args.field);
  const matches =
    conflict.table_name === args.table &&
    sameValue('uuid', conflict.row_id, args.rowId) &&
    conflict.field === args.field &&
    type !== undefined &&
    sameValue(type, conflict.loser_value, args.restoreValue);
  if (!matches) {
    throw validationError([
      { path: ['restoreValue'], message: 'The value to restore is not the one this conflict recorded' },
    ]);
  }
}

/**
 * `clinic.update` edits the acting admin's own clinic only: the details another clinic prints
 * on its invoices are not theirs to change. An unknown clinic id is not found.
 */
async function checkClinicUpdate(tx: SqlExecutor, args: { id: string }, staff: ActingStaff): Promise<void> {
  const { rows } = await tx.query<{ own: boolean | null }>(
    `select c.id = s.clinic_id as own from clinics c left join staff s on s.id = $2 where c.id = $1`,
    [args.id, staff.id],
  );
  const clinic = rows[0];
  if (!clinic) throw new AppError(ErrorCode.NotFound, `No clinic ${args.id}`, { table: 'clinics', id: args.id });
  if (!clinic.own) {
    throw new AppError(ErrorCode.Forbidden, 'An admin may edit only their own clinic', { reason: 'other_clinic' });
  }
}

const CHECKS: ReadonlyMap<string, ServerCheck> = new Map([
  serverCheck(conflictResolve, checkConflictResolve),
  serverCheck(clinicUpdate, checkClinicUpdate),
]);

/** Runs the server-side check of mutation `name`, if it has one. @throws AppError to reject. */
export async function runServerCheck(tx: SqlExecutor, name: string, args: unknown, staff: ActingStaff): Promise<void> {
  await CHECKS.get(name)?.(tx, args, staff);
}

/**
 * The audit context for every row a mutation writes, when its writes are themselves the
 * outcome of conflict resolution (a restore names the conflict it resolves); null otherwise.
 */
export function mutationAuditContext(name: string, args: unknown): Record<string, unknown> | null {
  if (name !== conflictResolve.name) return null;
  // args were parsed by conflict.resolve's own schema.
  const { id, action } = args as ConflictResolveArgs;
  return { resolvesConflict: { id, action } };
}
