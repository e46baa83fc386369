import { AppError, ErrorCode } from '../../core/errors.js';
import type { InsertOp } from '../../core/sync/row-ops.js';
import { sqlState } from '../../db/central/pg-error.js';
import { withAuditContext, type ApplyContext } from './apply-context.js';
import { auditEntry, lastWriter, pendingConflict, recordConflict } from './conflict-store.js';
import { flagOverlaps } from './overlap.js';
import { buildInsert, type SqlStatement } from './sql.js';

/** The owners' e-mail rule (migration 0003): unique among live, unflagged owners. */
const OWNER_EMAIL_KEY = 'owners_email_active_key';

/**
 * Inserts one row with exactly the columns given (the database fills defaults, bill numbers
 * and snapshots). An owner whose e-mail another live owner already has is not lost: it is
 * stored flagged as a possible duplicate (`duplicate_of`) and a `duplicate` conflict is
 * recorded. A new appointment overlapping the same vet's is kept and flagged (`overlap`).
 * @throws AppError VALIDATION_FAILED for a column that may not be written; database errors
 *   (unique, foreign key, check, VetDesk rules) as the driver raised them.
 */
export async function applyInsert(ctx: ApplyContext, op: InsertOp): Promise<void> {
  const insert = buildInsert(op.table, op.row);
  if (op.table === 'owners' && typeof op.row['email'] === 'string') {
    await insertOwnerKeepingDuplicates(ctx, op, insert);
  } else {
    await ctx.tx.query(insert.text, insert.params);
  }
  if (op.table === 'appointments') await flagOverlaps(ctx, op.row.id);
}

function violatedConstraint(error: unknown): string | undefined {
  const constraint = (error as { constraint?: unknown } | null)?.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}

async function insertOwnerKeepingDuplicates(ctx: ApplyContext, op: InsertOp, insert: SqlStatement): Promise<void> {
  // A savepoint, so that the refused insert does not abort the whole mutation's transaction.
  await ctx.tx.query('savepoint owner_insert');
  try {
    await ctx.tx.query(insert.text, insert.params);
    await ctx.tx.query('release savepoint owner_insert');
    return;
  } catch (error) {
    if (sqlState(error) !== '23505' || violatedConstraint(error) !== OWNER_EMAIL_KEY) throw error;
    await ctx.tx.query('rollback to savepoint owner_insert');
    await ctx.tx.query('release savepoint owner_insert');
  }
  const email = String(op.row['email']);
  const { rows } = await ctx.tx.query<{ id: string }>(
    `select id from owners where lower(email) = lower($1) and deleted_at is null and duplicate_of is null`,
    [email],
  );
  const existing = rows[0];
  if (!existing) {
    // The other owner went away between the refusal and this read; report it rather than guess.
    throw new AppError(ErrorCode.UniqueViolation, `Another owner already has the e-mail ${email}`, {
      constraint: OWNER_EMAIL_KEY,
    });
  }
  const conflict = pendingConflict(ctx, {
    kind: 'duplicate',
    table: 'owners',
    rowId: op.row.id,
    field: 'duplicate_of',
    base: null,
    winner: { value: existing.id, mutationId: ctx.mutationId, staffId: ctx.staffId },
    loser: { value: null, ...(await lastWriter(ctx.tx, 'owners', existing.id, 'email')) },
  });
  const flagged = buildInsert(op.table, { ...op.row, duplicate_of: existing.id });
  await withAuditContext(ctx, { conflicts: [auditEntry(conflict)] }, () => ctx.tx.query(flagged.text, flagged.params));
  await recordConflict(ctx, conflict);
}
