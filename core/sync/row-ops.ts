import { z } from 'zod';
import { REPLICATED_TABLE_NAMES, type ReplicatedTableName } from './tables.js';

/**
 * Row operations: the effect of a mutation, declared as data. The workstation lays them over
 * its replica; the server applies them with per-field conflict checks. Both derive them from
 * the same mutation definition (core/mutations), so the two sides cannot disagree about what a
 * mutation does.
 */

/** A column value on the wire: numerics and timestamps travel as strings. */
export type FieldValue = string | number | boolean | null;
export const fieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const tableSchema = z.enum(REPLICATED_TABLE_NAMES as [ReplicatedTableName, ...ReplicatedTableName[]]);

/** Insert one row; `row.id` is the client-generated UUIDv7. */
export interface InsertOp {
  kind: 'insert';
  table: ReplicatedTableName;
  row: Readonly<Record<string, FieldValue>> & { id: string };
}

/** A changed field: the value the writer saw (`base`) and the value it wants. */
export interface FieldChange {
  base: FieldValue;
  value: FieldValue;
}

/** Update fields of one row, each with the value the writer saw before. */
export interface UpdateOp {
  kind: 'update';
  table: ReplicatedTableName;
  id: string;
  changes: Readonly<Record<string, FieldChange>>;
  /**
   * Set by soft deletes: the row version the deleter saw. If the row changed since, the
   * delete loses to that edit (the row stays) and the server records the conflict.
   */
  deleteAtVersion?: number | undefined;
}

/** Remove one row for good (an admin erasure, unlinking a record from a bill). */
export interface DeleteOp {
  kind: 'delete';
  table: ReplicatedTableName;
  id: string;
}

export type RowOp = InsertOp | UpdateOp | DeleteOp;

export const rowOpSchema: z.ZodType<RowOp> = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('insert'),
    table: tableSchema,
    row: z.record(z.string(), fieldValueSchema).and(z.object({ id: z.uuid() })),
  }),
  z.object({
    kind: z.literal('update'),
    table: tableSchema,
    id: z.uuid(),
    changes: z.record(z.string(), z.object({ base: fieldValueSchema, value: fieldValueSchema })),
    deleteAtVersion: z.number().int().positive().optional(),
  }),
  z.object({ kind: z.literal('delete'), table: tableSchema, id: z.uuid() }),
]);

/** The rows an operation touches, as `table/id` keys (for overlay bookkeeping). */
export function rowKey(table: ReplicatedTableName, id: string): string {
  return `${table}/${id}`;
}

export function opRowKey(op: RowOp): string {
  return rowKey(op.table, op.kind === 'insert' ? op.row.id : op.id);
}
