import { ErrorCode, isAppError, type AppError } from '../../core/errors.js';
import type { MutationResult } from '../../core/sync/protocol.js';
import { sqlState, toAppError } from '../../db/central/pg-error.js';

/**
 * Decides, in one place, whose fault a failed mutation is:
 * - the mutation's (a rule, a constraint, bad data, a forbidden role): it is rejected, and the
 *   rejection is recorded, so a replay answers the same;
 * - nobody's yet (the database is unreachable, two transactions collided) or the server's own
 *   (a bug): nothing is recorded and the push fails with 5xx, so the workstation retries the
 *   whole batch later, which idempotency makes safe.
 * @returns the AppError to reject the mutation with, or undefined when the failure is not the
 *   mutation's.
 */
export function rejectionFor(error: unknown): AppError | undefined {
  const appError = toAppError(error);
  if (appError.retryable) return undefined;
  if (isAppError(error)) return error.code === ErrorCode.Internal ? undefined : error;
  const state = sqlState(error);
  if (state === undefined) return undefined;
  // Data exceptions (22), integrity rules (23), program limits hit by a value (54, e.g. an index
  // row too big) and VetDesk's own rules (VD) are the data's fault: the same mutation fails the
  // same way every time, so retrying it would block the workstation's queue for ever. Anything
  // else (a syntax error, ...) is a server bug.
  if (appError.code !== ErrorCode.Internal || /^(22|23|54|VD)/.test(state)) return appError;
  return undefined;
}

/** Whether retrying the mutation's transaction at once may succeed (deadlock, serialization). */
export function isTransactionConflict(error: unknown): boolean {
  return toAppError(error).code === ErrorCode.TransactionConflict;
}

/** The result that reports a rejected mutation: no transaction, no tables. */
export function rejectedResult(id: string, error: AppError): MutationResult {
  return { id, status: 'rejected', txid: null, tables: [], error: error.toWire() };
}
