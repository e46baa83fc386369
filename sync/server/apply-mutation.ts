import { AppError, ErrorCode, isAppError, validationError } from '../../core/errors.js';
import { mutationRoles } from '../../core/auth/permissions.js';
import { findMutation, type MutationName } from '../../core/mutations/registry.js';
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
import { clockAuditContext, DEFAULT_CLOCK_BOUNDS, mutationInstant, type ClockBounds } from './server-time.js';

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
 *   before the commit; the instants the operations write are the workstation's claimed time
 *   kept within `clock` of the database's clock (server-time.ts);
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
  clock: ClockBounds = DEFAULT_CLOCK_BOUNDS,
): Promise<MutationResult> {
  const { deviceId } = device;
  const recorded = await replayedResult(db, envelope, deviceId);
  if (recorded) return recorded;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => applyInTransaction(tx, device, envelope, clock), {
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
  clock: ClockBounds,
): Promise<MutationResult> {
  const { deviceId } = device;
  // Two pushes of the same mutation at once (a workstation retrying while its first request is
  // still running) queue here; the second then finds the first's ledger row.
  // The database's clock, not this process's: the same clock as the ledger's received_at and
  // the audit trail's changed_at, whichever server instance applies the mutation.
  const { rows } = await tx.query<{ server_now: Date | string }>(
    `select pg_advisory_xact_lock(hashtextextended('vetdesk.mutation:' || $1::uuid::text, 0)), now() as server_now`,
    [envelope.id],
  );
  const recorded = await replayedResult(tx, envelope, deviceId);
  if (recorded) return recorded;

  // Who acted comes from the proof (the signing key's staff member), never from the envelope
  // alone; the audit settings already name envelope.staffId, which the proof holds equal.
  const serverNow = new Date(rows[0]!.server_now);
  const staffId = await provenStaffId(tx, device, envelope, { serverNow, bounds: clock });
  const definition = findMutation(envelope.name);
  if (!definition) {
    throw new AppError(ErrorCode.UnknownMutation, `This server does not know the mutation ${envelope.name}`, {
      name: envelope.name,
    });
  }
  // The permission matrix is the one source of who may run what (core/auth/permissions.ts);
  // findMutation only finds registered names, so definition.name is a MutationName.
  const staff = await authorizeStaff(tx, staffId, mutationRoles(definition.name as MutationName), definition.name);
  const parsed = definition.args.safeParse(envelope.args);
  if (!parsed.success) {
    throw validationError(parsed.error, `Invalid arguments for ${definition.name}`);
  }
  await runServerCheck(tx, definition.name, parsed.data, staff);
  const instant = mutationInstant(envelope.createdAt, serverNow, clock);
  const ops = definition.ops(parsed.data, { staffId: staff.id, now: instant.at });

  const clockContext = clockAuditContext(envelope.createdAt, instant);
  const checkContext = mutationAuditContext(definition.name, parsed.data);
  const auditContext = clockContext || checkContext ? { ...checkContext, ...clockContext } : null;
  const ctx: ApplyContext = {
    tx,
    mutationId: envelope.id,
    staffId: staff.id,
    staffName: staff.displayName,
    deviceId,
    createdAt: instant.at,
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
