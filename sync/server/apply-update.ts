import { AppError, ErrorCode, validationError } from '../../core/errors.js';
import type { FieldValue, UpdateOp } from '../../core/sync/row-ops.js';
import { REPLICATED_TABLES } from '../../core/sync/tables.js';
import { canonicalValue } from '../../core/sync/values.js';
import type { Row } from '../../db/central/connection.js';
import { withAuditContext, type ApplyContext } from './apply-context.js';
import { auditEntry, lastWriter, pendingConflict, recordConflict, type PendingConflict } from './conflict-store.js';
import { decideField } from './field-merge.js';
import { flagOverlaps, OVERLAP_FIELDS, settleOverlaps } from './overlap.js';
import { buildSelectForUpdate, buildUpdate, writableColumn } from './sql.js';

/**
 * Applies one update with per-field conflict checks on the row, locked FOR UPDATE until the
 * mutation commits. Policies (architecture §4):
 * - per field: current = base -> write; current = new -> nothing; otherwise the later arrival
 *   wins and the other value is kept in `sync.conflicts` (`field`), except clinical text, which
 *   keeps both versions in the field (`clinical_text`);
 * - a soft delete (`deleteAtVersion`) of a row edited since the deleter saw it loses: the row
 *   stays and a `delete_vs_edit` conflict is recorded;
 * - an edit of a soft-deleted row wins: the row comes back (`edit_vs_delete`).
 * The winning update's audit row carries its conflicts in `context`. Final records and locked
 * bills are refused by the database's triggers (the error propagates).
 * @throws AppError NOT_FOUND for a missing row, VALIDATION_FAILED for a column that may not be
 *   written; database errors as the driver raised them.
 */
export async function applyUpdate(ctx: ApplyContext, op: UpdateOp): Promise<void> {
  const spec = REPLICATED_TABLES[op.table];
  const fields = Object.keys(op.changes);
  const types = new Map(fields.map((field) => [field, writableColumn(op.table, field, { insert: false })]));
  const row = await lockRow(ctx, op);

  if (op.deleteAtVersion !== undefined) {
    await applySoftDelete(ctx, op, op.deleteAtVersion, row);
    return;
  }

  const assignments: Record<string, FieldValue> = {};
  const conflicts: PendingConflict[] = [];
  const note = { staffName: ctx.staffName, at: ctx.createdAt, mutationId: ctx.mutationId };
  for (const [field, change] of Object.entries(op.changes)) {
    const type = types.get(field)!;
    const clinical = spec.clinicalText.includes(field);
    const decision = decideField(type, row[field], change, clinical, note);
    if (decision.action === 'skip') continue;
    if (decision.action === 'conflict') {
      const other = { value: decision.current, ...(await lastWriter(ctx.tx, op.table, op.id, field)) };
      const incoming = { value: change.value, mutationId: ctx.mutationId, staffId: ctx.staffId };
      // A clinical text the incoming edit cleared is kept as it is: then the clearing lost
      // (restoring it clears the field) and nothing is written.
      const keptCurrent = canonicalValue(type, row[field]) === canonicalValue(type, decision.value);
      conflicts.push(
        pendingConflict(ctx, {
          kind: decision.kind,
          table: op.table,
          rowId: op.id,
          field,
          base: change.base,
          winner: keptCurrent ? other : incoming,
          loser: keptCurrent ? incoming : other,
        }),
      );
      if (keptCurrent) continue;
    }
    assignments[field] = decision.value;
  }

  const deletedAt = spec.softDelete ? row['deleted_at'] : null;
  if (deletedAt != null && !('deleted_at' in op.changes) && Object.keys(assignments).length > 0) {
    // An edit made while (or without knowing that) someone deleted the row: the edit wins.
    assignments['deleted_at'] = null;
    conflicts.push(
      pendingConflict(ctx, {
        kind: 'edit_vs_delete',
        table: op.table,
        rowId: op.id,
        field: 'deleted_at',
        base: null,
        loser: {
          value: canonicalValue('timestamptz', deletedAt),
          ...(await lastWriter(ctx.tx, op.table, op.id, 'deleted_at')),
        },
      }),
    );
  }

  if (Object.keys(assignments).length > 0) {
    const update = buildUpdate(op.table, op.id, assignments);
    const run = () => ctx.tx.query(update.text, update.params);
    await (conflicts.length > 0 ? withAuditContext(ctx, { conflicts: conflicts.map(auditEntry) }, run) : run());
  }
  for (const conflict of conflicts) await recordConflict(ctx, conflict);

  if (op.table === 'appointments') {
    const moved = OVERLAP_FIELDS.some((field) => field in assignments);
    if (moved || 'status' in assignments || 'deleted_at' in assignments) await settleOverlaps(ctx, op.id);
    if (moved || assignments['deleted_at'] === null) await flagOverlaps(ctx, op.id);
  }
}

async function lockRow(ctx: ApplyContext, op: UpdateOp): Promise<Row> {
  const select = buildSelectForUpdate(op.table, op.id);
  const { rows } = await ctx.tx.query(select.text, select.params);
  const row = rows[0];
  if (!row) throw new AppError(ErrorCode.NotFound, `No ${op.table} row ${op.id}`, { table: op.table, id: op.id });
  return row;
}

/**
 * A soft delete: applied when the row is still at the version the deleter saw; otherwise the
 * edit made meanwhile wins, the row stays and the losing delete is recorded.
 */
async function applySoftDelete(ctx: ApplyContext, op: UpdateOp, atVersion: number, row: Row): Promise<void> {
  const change = op.changes['deleted_at'];
  if (change === undefined || Object.keys(op.changes).length !== 1) {
    throw validationError('A delete changes deleted_at and nothing else', { table: op.table });
  }
  if (row['deleted_at'] != null) return; // deleted already: nothing left to do
  if (Number(row['version']) === atVersion) {
    const update = buildUpdate(op.table, op.id, { deleted_at: change.value });
    await ctx.tx.query(update.text, update.params);
    return;
  }
  const editor = await lastWriter(ctx.tx, op.table, op.id, null);
  await recordConflict(
    ctx,
    pendingConflict(ctx, {
      kind: 'delete_vs_edit',
      table: op.table,
      rowId: op.id,
      field: 'deleted_at',
      base: null,
      winner: { value: null, ...editor },
      loser: { value: change.value, mutationId: ctx.mutationId, staffId: ctx.staffId },
    }),
  );
}
