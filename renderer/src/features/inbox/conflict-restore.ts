import type { ConflictRow } from '../../../../core/api/views.js';
import type { ConflictKind } from '../../../../core/domain/enums.js';
import { conflictResolveArgs } from '../../../../core/mutations/conflicts.js';
import type { MutateArgs } from '../../../../core/mutations/registry.js';

/** Kinds with a losing value that can be written back. */
const RESTORABLE: ReadonlySet<ConflictKind> = new Set(['field', 'clinical_text']);

/** Whether a conflict of this kind has a losing value staff may write back. */
export function isRestorable(conflict: Pick<ConflictRow, 'kind'>): boolean {
  return RESTORABLE.has(conflict.kind);
}

/**
 * The `conflict.resolve` arguments that write a conflict's losing value back over the kept
 * one, or undefined when the conflict cannot be restored (another kind, or a row lacking the
 * table, row, field or a plain value). The row's columns are nullable and its values JSON, so
 * the mutation's own schema decides; the server checks again that they are the recorded ones.
 */
export function restoreArgs(
  conflict: Pick<ConflictRow, 'id' | 'kind' | 'table_name' | 'row_id' | 'field'> & {
    // JSON columns: whatever the API typed them as, the values are sent as read.
    winner_value: unknown;
    loser_value: unknown;
  },
): MutateArgs<'conflict.resolve'> | undefined {
  if (!isRestorable(conflict)) return undefined;
  const parsed = conflictResolveArgs.safeParse({
    id: conflict.id,
    action: 'restore',
    table: conflict.table_name,
    rowId: conflict.row_id,
    field: conflict.field,
    restoreValue: conflict.loser_value ?? null,
    base: conflict.winner_value ?? null,
  });
  return parsed.success ? parsed.data : undefined;
}
