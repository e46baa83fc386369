import { lockSecondsAfter } from '../../../core/auth/sign-in-lockout.js';
import type { CentralDb, SqlExecutor } from '../connection.js';

/**
 * The per-account sign-in lockout (`staff_sign_in_state`, rule in core/auth/sign-in-lockout.ts).
 * An attempt is counted as a failure BEFORE the slow password check, in one locked read and
 * write, so parallel guesses cannot slip past the lock while their hashes are computed; a
 * successful check then clears the count.
 */

/** Whether an attempt may go ahead, or how long the account is still locked. */
export type SignInAttempt = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one attempt against `staffId` unless the account is locked, and locks it when this
 * attempt reaches the threshold (a later success clears it).
 */
export async function claimSignInAttempt(db: CentralDb, staffId: string): Promise<SignInAttempt> {
  return db.transaction(async (tx) => {
    await tx.query(`insert into staff_sign_in_state (staff_id) values ($1) on conflict (staff_id) do nothing`, [
      staffId,
    ]);
    const { rows } = await tx.query<{ failed_count: number; locked_seconds: number }>(
      `select failed_count,
              coalesce(ceil(extract(epoch from locked_until - now())), 0)::int as locked_seconds
         from staff_sign_in_state where staff_id = $1 for update`,
      [staffId],
    );
    const state = rows[0]!;
    if (state.locked_seconds > 0) return { allowed: false, retryAfterSeconds: state.locked_seconds };
    const failed = state.failed_count + 1;
    const lockSeconds = lockSecondsAfter(failed);
    await tx.query(
      `update staff_sign_in_state
          set failed_count = $2,
              locked_until = case when $3::int > 0 then now() + make_interval(secs => $3::int) end
        where staff_id = $1`,
      [staffId, failed, lockSeconds],
    );
    return { allowed: true };
  });
}

/** Clears the failure count and any lock (a successful sign-in, or an admin's reset). */
export async function clearSignInFailures(db: SqlExecutor, staffId: string): Promise<void> {
  await db.query(`update staff_sign_in_state set failed_count = 0, locked_until = null where staff_id = $1`, [staffId]);
}
