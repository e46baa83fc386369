import { z } from 'zod';
import type { StaffRole } from '../domain/enums.js';
import { uuidSchema } from '../domain/values.js';
import { fieldValueSchema, type FieldValue, type RowOp, type UpdateOp } from '../sync/row-ops.js';
import type { ReplicatedTableName } from '../sync/tables.js';

/** Who runs a mutation and when: the same on the workstation and on the server. */
export interface MutationContext {
  /** The staff member who made the change. */
  staffId: string;
  /** When the change was made (ISO 8601, the workstation's clock). */
  now: string;
}

/**
 * A named clinic operation: its arguments' schema, the roles allowed to run it and its effect
 * as row operations. `ops` is pure: the workstation and the server derive the same operations
 * from the same arguments. `Input` is what callers write before parsing (defaults optional).
 */
export interface MutationDefinition<Name extends string = string, Args = unknown, Input = unknown> {
  readonly name: Name;
  readonly args: z.ZodType<Args, Input>;
  readonly roles: readonly StaffRole[];
  ops(args: Args, context: MutationContext): RowOp[];
}

/** Declares a mutation; the result keeps its name and argument types. */
export function defineMutation<const Name extends string, Schema extends z.ZodType>(definition: {
  name: Name;
  args: Schema;
  roles: readonly StaffRole[];
  ops: (args: z.output<Schema>, context: MutationContext) => RowOp[];
}): MutationDefinition<Name, z.output<Schema>, z.input<Schema>> {
  return definition as MutationDefinition<Name, z.output<Schema>, z.input<Schema>>;
}

export const ALL_ROLES: readonly StaffRole[] = ['admin', 'vet', 'nurse', 'front_desk'];

/** Values the writer saw before its change, field by field. */
export const baseSchema = z.record(z.string(), fieldValueSchema);
export type BaseValues = z.infer<typeof baseSchema>;

/**
 * Arguments of an edit: the row id, the changed fields, and the value each had when the
 * writer read it. At least one field must change and every changed field needs its base.
 */
export function editArgs<Shape extends z.ZodRawShape>(fields: z.ZodObject<Shape>) {
  return z
    .object({ id: uuidSchema, changes: fields.partial(), base: baseSchema })
    .refine((args) => Object.keys(args.changes).length > 0, { message: 'Nothing to change', path: ['changes'] })
    .refine((args) => Object.keys(args.changes).every((field) => field in args.base), {
      message: 'Every changed field needs the value it had before',
      path: ['base'],
    });
}

/** One update operation from changed values and the base values the writer saw. */
export function updateOp(
  table: ReplicatedTableName,
  id: string,
  changes: Readonly<Record<string, unknown>>,
  base: Readonly<Record<string, FieldValue | undefined>>,
): UpdateOp {
  const fields: Record<string, { base: FieldValue; value: FieldValue }> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    fields[field] = { base: base[field] ?? null, value: value as FieldValue };
  }
  return { kind: 'update', table, id, changes: fields };
}

/** Arguments of a soft delete: the row and the version the deleter saw (edits since win). */
export const softDeleteArgs = z.object({ id: uuidSchema, baseVersion: z.number().int().positive() });

/**
 * A soft delete as an update of `deleted_at`. The server compares `version` with the version
 * the deleter saw: an edit made meanwhile keeps the row alive and is recorded as a conflict.
 */
export function softDeleteOp(table: ReplicatedTableName, id: string, baseVersion: number, now: string): UpdateOp {
  return {
    kind: 'update',
    table,
    id,
    changes: { deleted_at: { base: null, value: now } },
    deleteAtVersion: baseVersion,
  };
}
