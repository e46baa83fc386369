import { MAX_PUSH_BATCH, type MutationResult } from '../../core/sync/protocol.js';
import type { PreMigrationOutbox } from '../../db/local/local-upgrade.js';
import { pushBatch, type PushTransportOptions } from './push-transport.js';

/**
 * How long a workstation waits, at most, for the push before a local migration: short, because
 * staff are waiting for the app to open and nothing is lost by giving up (the push loop sends
 * the rest after the upgrade).
 */
export const PRE_MIGRATION_PUSH_MS = 5_000;

export interface PreMigrationPushOptions extends Omit<PushTransportOptions, 'timeoutMs'> {
  /** The whole push's time budget; PRE_MIGRATION_PUSH_MS when absent. */
  budgetMs?: number;
  batchSize?: number;
}

/**
 * Pushes the pending outbox of a file about to be migrated, in order and in batches, with the
 * push loop's transport, and returns the server's answers. Stops at the first batch that gets
 * no answer (offline, blocked, a whole-batch refusal, the budget spent): what follows is left to
 * the push loop, which isolates a refused mutation and retries the rest. Reads the file only;
 * never throws for a network failure.
 */
export async function pushBeforeMigration(
  outbox: PreMigrationOutbox,
  options: PreMigrationPushOptions,
): Promise<MutationResult[]> {
  const deadline = Date.now() + (options.budgetMs ?? PRE_MIGRATION_PUSH_MS);
  const answered: MutationResult[] = [];
  let afterSeq = 0;
  for (;;) {
    const batch = outbox.pendingAfter(afterSeq, options.batchSize ?? MAX_PUSH_BATCH);
    const remaining = deadline - Date.now();
    if (batch.length === 0 || remaining <= 0) return answered;
    const outcome = await pushBatch(
      { ...options, timeoutMs: remaining },
      batch.map((entry) => entry.envelope),
    );
    if (outcome.kind !== 'results') return answered;
    answered.push(...outcome.results);
    afterSeq = batch[batch.length - 1]!.seq;
  }
}
