import type { SqlExecutor } from '../../db/central/connection.js';
import { deleteDeadSessions, deleteSpentSigningKeys } from '../../db/central/queries/sessions.js';
import { SIGNING_CLOCK_SKEW_MS } from '../../sync/server/mutation-proof.js';
import { deleteInBatches } from '../../sync/server/batched-delete.js';
import { PeriodicJob } from '../../sync/server/periodic-job.js';

/**
 * Deletes the staff credentials nothing can use any more (docs/security.md, "Pruning"), so
 * `staff_sessions` and `staff_signing_keys` do not grow with every sign-in for ever.
 *
 * - A session is only ever used while it is live (session-auth.ts checks expiry and revocation
 *   on every request), so it goes once expired or revoked.
 * - A signing key must outlive every change it may still vouch for. The proof check
 *   (sync/server/mutation-proof.ts) never takes a change's time as older than the offline window
 *   before the server's now, so once a key has stopped vouching (expiry plus the clock skew, or
 *   its revocation) for longer than that window, every change signed with it is refused anyway,
 *   however long it waited in a workstation's outbox. The key is deleted then, plus a margin so
 *   a push whose transaction began just before a pass still finds the key it checked.
 */

/** What one pruning pass deleted. */
export interface PruneOutcome {
  sessions: number;
  signingKeys: number;
}

/** Extra time a spent key is kept beyond the offline window: longer than any push transaction. */
export const SIGNING_KEY_PRUNE_MARGIN_MS = 60 * 60 * 1000;

const DEFAULT_BATCH = 5_000;

/** The rules a pruning pass follows. */
export interface CredentialPruneRules {
  /** The offline window (VETDESK_OFFLINE_DAYS in milliseconds), as the proof check uses it. */
  offlineWindowMs: number;
  /** Rows per delete statement, so no pass holds a long lock. */
  batch?: number;
}

/**
 * One pass: deletes dead sessions, then spent signing keys (rules above), in batches, by the
 * database's clock (the one the proof check reads). Safe to run from several server instances
 * at once: each delete only removes rows that stay unusable.
 * @throws RangeError for a non-positive window or batch; the database's errors as they come.
 */
export async function pruneCredentials(db: SqlExecutor, rules: CredentialPruneRules): Promise<PruneOutcome> {
  const batch = rules.batch ?? DEFAULT_BATCH;
  if (!(rules.offlineWindowMs > 0)) {
    throw new RangeError(`offlineWindowMs must be positive, got ${rules.offlineWindowMs}`);
  }
  const sessions = await deleteInBatches((size) => deleteDeadSessions(db, 0, size), batch);
  const horizonSeconds = (rules.offlineWindowMs + SIGNING_KEY_PRUNE_MARGIN_MS) / 1000;
  const signingKeys = await deleteInBatches(
    (size) => deleteSpentSigningKeys(db, SIGNING_CLOCK_SKEW_MS / 1000, horizonSeconds, size),
    batch,
  );
  return { sessions, signingKeys };
}

/** Options of the pruning schedule. */
export interface CredentialPrunerOptions extends CredentialPruneRules {
  /** Time between passes (default one hour). */
  intervalMs?: number;
  /** Time from `start()` to the first pass (default three minutes). */
  firstPassAfterMs?: number;
  /** Told about every pass that deleted something. */
  onPruned?: (outcome: PruneOutcome) => void;
  /** Told about a failed pass; the schedule carries on. */
  onError?: (error: unknown) => void;
}

/**
 * Runs `pruneCredentials` on a schedule while the server listens, like the ledger retention and
 * the audit sealer: a periodic pass rather than work at sign-in, so a sign-in never waits for
 * (or fails because of) housekeeping, and an idle server still empties its tables.
 * `close()` waits for a pass in progress.
 */
export class CredentialPruner {
  readonly #job: PeriodicJob<PruneOutcome>;

  constructor(db: SqlExecutor, options: CredentialPrunerOptions) {
    const rules: CredentialPruneRules = {
      offlineWindowMs: options.offlineWindowMs,
      ...(options.batch !== undefined ? { batch: options.batch } : {}),
    };
    this.#job = new PeriodicJob(
      async () => {
        const outcome = await pruneCredentials(db, rules);
        if (outcome.sessions + outcome.signingKeys > 0) options.onPruned?.(outcome);
        return outcome;
      },
      {
        firstPassAfterMs: options.firstPassAfterMs ?? 180_000,
        intervalMs: options.intervalMs ?? 60 * 60_000,
        ...(options.onError ? { onError: options.onError } : {}),
      },
    );
  }

  /** Schedules the first pass. Calling it again does nothing. */
  start(): void {
    this.#job.start();
  }

  /** Runs one pass now (or joins the one in progress). Rejects with the database's error. */
  pruneNow(): Promise<PruneOutcome> {
    return this.#job.runNow();
  }

  /** Cancels the schedule and waits for a pass in progress to end. */
  close(): Promise<void> {
    return this.#job.close();
  }
}
