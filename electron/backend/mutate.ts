import { AppError, ErrorCode } from '../../core/errors.js';
import type { MutationDefinition } from '../../core/mutations/define.js';
import { findMutation } from '../../core/mutations/registry.js';
import type { FieldValue } from '../../core/sync/row-ops.js';
import type { LocalReplica } from '../../db/local/replica.js';

/**
 * Completes a mutation's arguments with what this workstation shows: for an edit, the `base`
 * value of every field it changes; for a soft delete, the `baseVersion` of the row. Arguments
 * that already carry them are left alone. The mutation's own pure `ops` tell which rows and
 * fields it changes.
 */
export function withBase(
  replica: LocalReplica,
  definition: MutationDefinition,
  args: Record<string, unknown>,
  staffId: string,
): Record<string, unknown> {
  const given = args['base'] as Record<string, FieldValue> | undefined;
  let ops;
  try {
    ops = definition.ops({ ...args, base: given ?? {} }, { staffId, now: new Date().toISOString() });
  } catch {
    // Arguments too incomplete even to describe the change: validation will say why.
    return args;
  }
  const completed: Record<string, unknown> = { ...args };
  const base: Record<string, FieldValue> = {};
  for (const op of ops) {
    if (op.kind !== 'update') continue;
    const row = replica.get(op.table, op.id);
    for (const field of Object.keys(op.changes)) base[field] = row?.[field] ?? null;
    if (op.deleteAtVersion !== undefined && args['baseVersion'] === undefined) {
      completed['baseVersion'] = typeof row?.['version'] === 'number' ? row['version'] : 1;
    }
  }
  // Schemas without a `base` strip the extra key, so adding it is always safe.
  if (given === undefined && Object.keys(base).length > 0) completed['base'] = base;
  return completed;
}

/**
 * Runs a mutation on the workstation for the signed-in staff member.
 * @throws AppError NOT_FOUND (unknown mutation), FORBIDDEN (role), VALIDATION_FAILED.
 */
export function runMutation(
  replica: LocalReplica,
  name: string,
  args: Record<string, unknown>,
  staff: { id: string; role: string },
): { id: string } {
  const definition = findMutation(name);
  if (!definition) throw new AppError(ErrorCode.NotFound, `Unknown operation ${name}`);
  if (!(definition.roles as readonly string[]).includes(staff.role)) {
    throw new AppError(ErrorCode.Forbidden, `A ${staff.role.replace('_', ' ')} may not ${name}`, { name });
  }
  const { id } = replica.mutate(name, withBase(replica, definition, args, staff.id), staff.id);
  return { id };
}
