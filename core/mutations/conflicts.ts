import { z } from 'zod';
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
 * `restoreValue`, so this mutation cannot write anything but the recorded losing value, and
 * that the person may edit the conflict's table (`conflictResolveRoles` in
 * core/auth/permissions.ts; the conflict row, not the arguments, names the table of a keep or
 * dismiss, so only the server can check it).
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
