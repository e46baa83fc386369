import { z } from 'zod';
import type { StaffRole } from '../domain/enums.js';
import { uuidSchema } from '../domain/values.js';
import { fieldValueSchema } from '../sync/row-ops.js';
import { REPLICATED_TABLE_NAMES, type ReplicatedTableName } from '../sync/tables.js';
import { ALL_ROLES, defineMutation, updateOp } from './define.js';

const tableName = z.enum(REPLICATED_TABLE_NAMES as [ReplicatedTableName, ...ReplicatedTableName[]]);

/**
 * How staff close a conflict from the inbox:
 * - `keep`: the value the server chose stays;
 * - `restore`: the losing value (`restoreValue`, the conflict's `loser_value`) is written back
 *   to `table.field`, with `base` the value the writer saw there;
 * - `dismiss`: for flags with nothing to restore (possible duplicates, overlapping appointments).
 * The server checks the conflict exists, is still open and matches `table`/`rowId`/`field`/
 * `restoreValue`, so this mutation cannot write anything but the recorded losing value.
 */
export const conflictResolveArgs = z.discriminatedUnion('action', [
  z.object({ id: uuidSchema, action: z.enum(['keep', 'dismiss']) }),
  z.object({
    id: uuidSchema,
    action: z.literal('restore'),
    table: tableName,
    rowId: uuidSchema,
    field: z.string().min(1).max(63),
    restoreValue: fieldValueSchema,
    base: fieldValueSchema,
  }),
]);
export type ConflictResolveArgs = z.infer<typeof conflictResolveArgs>;

const RESOLUTION = { keep: 'kept', restore: 'restored', dismiss: 'dismissed' } as const;

/**
 * Who may restore a losing value, by table: restoring writes the table like its own edit
 * mutations do, so it needs their roles (the strictest of them where they differ, e.g. only
 * admins and the front desk cancel bills). Tables not listed: admins only.
 */
export const RESTORE_ROLES: Readonly<Partial<Record<ReplicatedTableName, readonly StaffRole[]>>> = {
  owners: ALL_ROLES,
  patients: ALL_ROLES,
  appointments: ALL_ROLES,
  medical_records: ['vet', 'nurse'],
  bills: ['admin', 'front_desk'],
  bill_items: ALL_ROLES,
};

/** The roles allowed to restore a losing value of `table`. */
export function restoreRoles(table: ReplicatedTableName): readonly StaffRole[] {
  return RESTORE_ROLES[table] ?? ['admin'];
}

export const conflictResolve = defineMutation({
  name: 'conflict.resolve',
  args: conflictResolveArgs,
  roles: ALL_ROLES,
  ops: (args, context) => {
    const close = updateOp(
      'conflicts',
      args.id,
      {
        status: 'resolved',
        resolution: RESOLUTION[args.action],
        resolved_by: context.staffId,
        resolved_at: context.now,
      },
      { status: 'open', resolution: null, resolved_by: null, resolved_at: null },
    );
    if (args.action !== 'restore') return [close];
    return [updateOp(args.table, args.rowId, { [args.field]: args.restoreValue }, { [args.field]: args.base }), close];
  },
});
