import { AppError, ErrorCode, isAppError, validationError } from '../../core/errors.js';
import { findMutation } from '../../core/mutations/registry.js';
import type { MutationEnvelope, MutationResult } from '../../core/sync/protocol.js';
import type { CentralDb, SqlExecutor } from '../../db/central/connection.js';
import { toAppError } from '../../db/central/pg-error.js';
import { setAuditContext, type ApplyContext } from './apply-context.js';
import { applyOps } from './apply-ops.js';
import { authorizeStaff } from './authorize.js';
import { transactionFootprint } from './changed-tables.js';
import { recordApplied, recordRejected, replayedResult } from './ledger.js';
import { isTransactionConflict, rejectedResult, rejectionFor } from './rejection.js';
import { provenStaffId, type PushingDevice } from './mutation-proof.js';
import { mutationAuditContext, runServerCheck } from './server-checks.js';

/** Attempts for a mutation whose transaction collided with another (deadlock, serialization). */
const MAX_ATTEMPTS = 3;

/**
 * Applies one pushed mutation, exactly once (architecture §4):
 * - a mutation id already in the ledger returns the recorded result and changes nothing, even
 *   if that result was a rejection, provided it is the same change (device, name, staff,
 *   arguments); otherwise MUTATION_ID_REUSED (409) is thrown;
 * - otherwise, in ONE transaction with the audit settings (staff, device, mutation): the
 *   proof of who made it checked (FORBIDDEN `unsigned`/`signing_key`/`signature`, see
 *   mutation-proof.ts), the definition looked up (UNKNOWN_MUTATION), the staff member and role
 *   checked (FORBIDDEN),
 *   the arguments validated (VALIDATION_FAILED with the zod issues), server-only checks run,
 *   the row operations applied with conflict resolution, and the result recorded in the ledger
 *   before the commit;
 * - a rejection rolls the transaction back and is recorded in its own transaction.
 * Result: `applied`, `merged` (applied with at least one resolved conflict) or `rejected`,
 * with the transaction id and the replicated tables it changed.
 * Retries its own transaction (up to 3 attempts) when it collides with another.
 * @throws AppError when the failure is not the mutation's (database unavailable, repeated
 *   collisions, a server bug): nothing was recorded and the push may be retried as a whole.
 */
export async function applyMutation(
  db: CentralDb,
  device: PushingDevice,
  envelope: MutationEnvelope,
): Promise<MutationResult> {
  const { deviceId } = device;
  const recorded = await replayedResult(db, envelope, deviceId);
  if (recorded) return recorded;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => applyInTransaction(tx, device, envelope), {
        audit: { staffId: envelope.staffId, deviceId, mutationId: envelope.id },
      });
    } catch (error) {
      // Not a rejection of this change: recording one would overwrite nothing and answer the
      // other change's result.
      if (isAppError(error) && error.code === ErrorCode.MutationIdReused) throw error;
      const rejection = rejectionFor(error);
      if (rejection) return recordRejected(db, envelope, deviceId, rejectedResult(envelope.id, rejection));
      if (isTransactionConflict(error) && attempt < MAX_ATTEMPTS) continue;
      throw toAppError(error);
    }
  }
}

async function applyInTransaction(
  tx: SqlExecutor,
  device: PushingDevice,
  envelope: MutationEnvelope,
): Promise<MutationResult> {
  const { deviceId } = device;
  // Two pushes of the same mutation at once (a workstation retrying while its first request is
  // still running) queue here; the second then finds the first's ledger row.
  await tx.query(`select pg_advisory_xact_lock(hashtextextended('vetdesk.mutation:' || $1::uuid::text, 0))`, [
    envelope.id,
  ]);
  const recorded = await replayedResult(tx, envelope, deviceId);
  if (recorded) return recorded;

  // Who acted comes from the proof (the signing key's staff member), never from the envelope
  // alone; the audit settings already name envelope.staffId, which the proof holds equal.
  const staffId = await provenStaffId(tx, device, envelope);
  const definition = findMutation(envelope.name);
  if (!definition) {
    throw new AppError(ErrorCode.UnknownMutation, `This server does not know the mutation ${envelope.name}`, {
      name: envelope.name,
    });
  }
  const staff = await authorizeStaff(tx, staffId, definition.roles, definition.name);
  const parsed = definition.args.safeParse(envelope.args);
  if (!parsed.success) {
    throw validationError(parsed.error, `Invalid arguments for ${definition.name}`);
  }
  await runServerCheck(tx, definition.name, parsed.data, staff);
  const ops = definition.ops(parsed.data, { staffId: staff.id, now: envelope.createdAt });

  const auditContext = mutationAuditContext(definition.name, parsed.data);
  const ctx: ApplyContext = {
    tx,
    mutationId: envelope.id,
    staffId: staff.id,
    staffName: staff.displayName,
    deviceId,
    createdAt: envelope.createdAt,
    auditContext,
    conflicts: [],
  };
  if (auditContext) await setAuditContext(tx, auditContext);
  await applyOps(ctx, ops);

  const { txid, tables } = await transactionFootprint(tx);
  const result: MutationResult =
    ctx.conflicts.length > 0
      ? { id: envelope.id, status: 'merged', txid, tables, conflicts: ctx.conflicts }
      : { id: envelope.id, status: 'applied', txid, tables };
  await recordApplied(tx, envelope, deviceId, result);
  return result;
}
