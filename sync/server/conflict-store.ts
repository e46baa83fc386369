import { newId } from '../../core/ids.js';
import type { ConflictSummary } from '../../core/sync/protocol.js';
import type { ReplicatedTableName } from '../../core/sync/tables.js';
import type { SqlExecutor } from '../../db/central/connection.js';
import type { ApplyContext } from './apply-context.js';
import { triggerTableName } from './sql.js';

export type ConflictKind = ConflictSummary['kind'];

/** One side of a conflict: its value (wire form, any JSON) and who wrote it, when known. */
export interface ConflictSide {
  value: unknown;
  mutationId: string | null;
  staffId: string | null;
}

/** A conflict about to be recorded; `id` is chosen first so the audit context can name it. */
export interface PendingConflict {
  id: string;
  kind: ConflictKind;
  table: ReplicatedTableName;
  rowId: string;
  field: string | null;
  base: unknown;
  winner: ConflictSide;
  loser: ConflictSide;
}

/** Who last wrote a row (or one field of it), from the audit trail. */
export interface Writer {
  mutationId: string | null;
  staffId: string | null;
}

/**
 * The mutation and staff member behind the latest audit row of a row, or of one field of it
 * (the latest row whose new values contain `field`: its insert, or an update that changed it).
 * Both are null when the audit trail does not know (a change made outside any mutation).
 */
export async function lastWriter(
  tx: SqlExecutor,
  table: ReplicatedTableName,
  rowId: string,
  field: string | null,
): Promise<Writer> {
  const { rows } = await tx.query<{ mutation_id: string | null; changed_by: string | null }>(
    `select mutation_id, changed_by from audit.entity_changes
      where table_name = $1 and entity_id = $2 and action <> 'delete' and ($3::text is null or new_values ? $3::text)
      order by id desc limit 1`,
    [triggerTableName(table), rowId, field],
  );
  const row = rows[0];
  return { mutationId: row?.mutation_id ?? null, staffId: row?.changed_by ?? null };
}

/** A pending conflict with a fresh id; this mutation is the winner unless told otherwise. */
export function pendingConflict(
  ctx: ApplyContext,
  fields: Omit<PendingConflict, 'id' | 'winner' | 'loser'> & {
    winner?: ConflictSide;
    loser: ConflictSide;
  },
): PendingConflict {
  return {
    ...fields,
    id: newId(),
    winner: fields.winner ?? { value: null, mutationId: ctx.mutationId, staffId: ctx.staffId },
  };
}

/** The conflict as the audit row's `context` records it: both values and both mutation ids. */
export function auditEntry(conflict: PendingConflict): Record<string, unknown> {
  return {
    id: conflict.id,
    kind: conflict.kind,
    table: conflict.table,
    rowId: conflict.rowId,
    field: conflict.field,
    base: conflict.base ?? null,
    winner: conflict.winner,
    loser: conflict.loser,
  };
}

const json = (value: unknown): string => JSON.stringify(value ?? null);

/**
 * Inserts the conflict into `sync.conflicts` (status open; replicated to every workstation's
 * inbox) and adds it to the mutation's result.
 */
export async function recordConflict(ctx: ApplyContext, conflict: PendingConflict): Promise<void> {
  await ctx.tx.query(
    `insert into sync.conflicts (id, kind, table_name, row_id, field, base_value, winner_value, loser_value,
                                 winner_mutation_id, loser_mutation_id, winner_staff_id, loser_staff_id, device_id)
     values ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb, $8::text::jsonb, $9, $10, $11, $12, $13)`,
    [
      conflict.id,
      conflict.kind,
      conflict.table,
      conflict.rowId,
      conflict.field,
      json(conflict.base),
      json(conflict.winner.value),
      json(conflict.loser.value),
      conflict.winner.mutationId,
      conflict.loser.mutationId,
      conflict.winner.staffId,
      conflict.loser.staffId,
      ctx.deviceId,
    ],
  );
  ctx.conflicts.push({
    id: conflict.id,
    kind: conflict.kind,
    table: conflict.table,
    rowId: conflict.rowId,
    field: conflict.field,
  });
}
