import type { SqlExecutor } from '../../db/central/connection.js';
import { deleteInBatches } from './batched-delete.js';
import { PeriodicJob } from './periodic-job.js';

/** What one retention pass did. */
export interface RetentionOutcome {
  /** Ledger rows deleted by this pass. */
  removed: number;
}

const DEFAULT_BATCH = 5_000;

/**
 * Deletes the ledger rows (sync.mutations) received before `cutoff`, oldest first, `batch` rows
 * per statement so no pass holds a long lock or a huge transaction. A pruned id is no longer
 * recognised as a replay; that is safe once the cutoff is older than any workstation can hold a
 * pushed mutation unacknowledged (its offline window), which the configuration ensures.
 */
export async function pruneMutationsBefore(
  db: SqlExecutor,
  cutoff: Date,
  batch: number = DEFAULT_BATCH,
): Promise<RetentionOutcome> {
  const removed = await deleteInBatches(async (size) => {
    const { rowCount } = await db.query(
      `delete from sync.mutations
        where id in (select id from sync.mutations where received_at < $1 order by received_at limit $2)`,
      [cutoff.toISOString(), size],
    );
    return rowCount;
  }, batch);
  return { removed };
}

/** Options of the ledger retention schedule. */
export interface MutationRetentionOptions {
  /** How long ledger rows are kept, in milliseconds. */
  retainMs: number;
  /** Time between passes (default one hour). */
  intervalMs?: number;
  /** Time from `start()` to the first pass (default two minutes). */
  firstPassAfterMs?: number;
  batch?: number;
  /** The clock (tests pass their own). */
  now?: () => Date;
  /** Told about every pass that deleted something. */
  onPruned?: (outcome: RetentionOutcome) => void;
  /** Told about a failed pass; the schedule carries on. */
  onError?: (error: unknown) => void;
}

/**
 * Keeps the mutation ledger to its retention window on a schedule (like the change-log
 * compactor): without it, every mutation ever pushed, arguments and result, would be kept for
 * ever. `close()` waits for a pass in progress.
 */
export class MutationRetention {
  readonly #job: PeriodicJob<RetentionOutcome>;

  constructor(db: SqlExecutor, options: MutationRetentionOptions) {
    if (!(options.retainMs > 0)) throw new RangeError(`retainMs must be positive, got ${options.retainMs}`);
    this.#job = new PeriodicJob(
      async () => {
        const now = options.now?.() ?? new Date();
        const outcome = await pruneMutationsBefore(db, new Date(now.getTime() - options.retainMs), options.batch);
        if (outcome.removed > 0) options.onPruned?.(outcome);
        return outcome;
      },
      {
        firstPassAfterMs: options.firstPassAfterMs ?? 120_000,
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
  pruneNow(): Promise<RetentionOutcome> {
    return this.#job.runNow();
  }

  /** Cancels the schedule and waits for a pass in progress to end. */
  close(): Promise<void> {
    return this.#job.close();
  }
}
