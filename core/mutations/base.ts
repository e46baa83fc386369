import type { FieldValue } from '../sync/row-ops.js';
import type { MutationContext, MutationDefinition } from './define.js';

/**
 * The `base` a mutation should carry: for every field its operations change on `rowId`, the
 * value the workstation currently shows. Runs the mutation's pure `ops` once with the whole
 * current row as base to learn which fields it touches, then keeps only those.
 */
export function baseFor<Args extends { base: Readonly<Record<string, FieldValue>> }>(
  definition: MutationDefinition<string, Args>,
  args: Omit<Args, 'base'>,
  rowId: string,
  currentRow: Readonly<Record<string, FieldValue>>,
  context: MutationContext,
): Record<string, FieldValue> {
  const probe = definition.ops({ ...args, base: currentRow } as Args, context);
  const base: Record<string, FieldValue> = {};
  for (const op of probe) {
    if (op.kind !== 'update' || op.id !== rowId) continue;
    for (const field of Object.keys(op.changes)) base[field] = currentRow[field] ?? null;
  }
  return base;
}
