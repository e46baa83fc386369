import type { FieldValue } from '../sync/row-ops.js';
import type { ReplicatedTableName } from '../sync/tables.js';
import type { MutationContext, MutationDefinition } from './define.js';

/** The row a writer currently sees (undefined when it sees none). */
export type RowReader = (table: ReplicatedTableName, id: string) => Readonly<Record<string, FieldValue>> | undefined;

/**
 * Completes a mutation's arguments with what the writer sees: for an edit, the `base` value of
 * every field its operations change; for a soft delete, the `baseVersion` of the row (1 when
 * the row carries none yet). Arguments that already carry them are left alone. The mutation's
 * own pure `ops` tell which rows and fields it changes, so no mutation restates them.
 * Never throws: arguments too incomplete even to describe the change come back unchanged, for
 * validation to refuse with its own message.
 */
export function completeBase(
  definition: MutationDefinition,
  args: Readonly<Record<string, unknown>>,
  context: MutationContext,
  readRow: RowReader,
): Record<string, unknown> {
  const given = args['base'] as Readonly<Record<string, FieldValue>> | undefined;
  let ops;
  try {
    ops = definition.ops({ ...args, base: given ?? {} }, context);
  } catch {
    return { ...args };
  }
  const completed: Record<string, unknown> = { ...args };
  const base: Record<string, FieldValue> = {};
  for (const op of ops) {
    if (op.kind !== 'update') continue;
    const row = readRow(op.table, op.id);
    for (const field of Object.keys(op.changes)) base[field] = row?.[field] ?? null;
    // A soft delete always carries the key; its value is the (possibly missing) baseVersion
    // given, so testing the value missed exactly the deletes that needed filling.
    if (Object.hasOwn(op, 'deleteAtVersion') && args['baseVersion'] === undefined) {
      completed['baseVersion'] = typeof row?.['version'] === 'number' ? row['version'] : 1;
    }
  }
  // Schemas without a `base` strip the extra key, so adding it is always safe.
  if (given === undefined && Object.keys(base).length > 0) completed['base'] = base;
  return completed;
}
