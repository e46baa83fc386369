import type { ConflictSummary } from '../../core/sync/protocol.js';
import type { SqlExecutor } from '../../db/central/connection.js';

/** Everything row operations need about the mutation they belong to. */
export interface ApplyContext {
  /** The mutation's transaction. */
  readonly tx: SqlExecutor;
  readonly mutationId: string;
  readonly staffId: string;
  /** For the separator between two kept clinical texts. */
  readonly staffName: string | null;
  readonly deviceId: string;
  /** When the change was made, as the server accepts it (the mutation's `now`: server-time.ts). */
  readonly createdAt: string;
  /** The mutation-wide audit context (null when none), restored after a conflict's own. */
  readonly auditContext: Readonly<Record<string, unknown>> | null;
  /** Conflicts resolved so far; the mutation's result lists them. */
  readonly conflicts: ConflictSummary[];
}

/** Sets `vetdesk.audit_context` for the rest of the transaction (null clears it). */
export async function setAuditContext(
  tx: SqlExecutor,
  context: Readonly<Record<string, unknown>> | null,
): Promise<void> {
  // '' reads as null through vetdesk.setting(); set_config(..., true) is SET LOCAL.
  await tx.query(`select set_config('vetdesk.audit_context', $1, true)`, [
    context === null ? '' : JSON.stringify(context),
  ]);
}

/**
 * Runs `statement` with `extra` merged into `vetdesk.audit_context`, so the audit rows its
 * triggers write say why (for example which conflict an update resolved), then restores the
 * mutation-wide context. When `statement` throws the context is left as it is: the transaction
 * (or savepoint) is failing anyway and rolling it back undoes the setting.
 */
export async function withAuditContext<T>(
  ctx: ApplyContext,
  extra: Readonly<Record<string, unknown>>,
  statement: () => Promise<T>,
): Promise<T> {
  await setAuditContext(ctx.tx, { ...ctx.auditContext, ...extra });
  const result = await statement();
  await setAuditContext(ctx.tx, ctx.auditContext);
  return result;
}
