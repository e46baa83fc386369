import { AppError, ErrorCode } from '../../core/errors.js';
import type { DeleteOp, RowOp } from '../../core/sync/row-ops.js';
import type { ApplyContext } from './apply-context.js';
import { applyInsert } from './apply-insert.js';
import { applyUpdate } from './apply-update.js';
import { buildDelete } from './sql.js';

/**
 * Applies a mutation's row operations in order, inside its transaction, resolving conflicts as
 * `applyInsert` and `applyUpdate` describe; resolved conflicts accumulate in `ctx.conflicts`.
 * @throws the first operation's failure (AppError or driver error): the caller rolls back.
 */
export async function applyOps(ctx: ApplyContext, ops: readonly RowOp[]): Promise<void> {
  for (const op of ops) {
    switch (op.kind) {
      case 'insert':
        await applyInsert(ctx, op);
        break;
      case 'update':
        await applyUpdate(ctx, op);
        break;
      case 'delete':
        await applyDelete(ctx, op);
        break;
    }
  }
}

/**
 * Removes a row for good. Retention foreign keys (RESTRICT) and the bill rules refuse what
 * must be kept; the driver's error propagates.
 * @throws AppError NOT_FOUND when there is no such row.
 */
async function applyDelete(ctx: ApplyContext, op: DeleteOp): Promise<void> {
  const statement = buildDelete(op.table, op.id);
  const { rowCount } = await ctx.tx.query(statement.text, statement.params);
  if (rowCount === 0) {
    throw new AppError(ErrorCode.NotFound, `No ${op.table} row ${op.id}`, { table: op.table, id: op.id });
  }
}
