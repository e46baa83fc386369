import type { MutationEnvelope, MutationResult } from '../../core/sync/protocol.js';
import type { CentralDb } from '../../db/central/connection.js';
import { applyMutation } from './apply-mutation.js';
import { refuseReusedIds } from './ledger.js';
import { DEFAULT_CLOCK_BOUNDS, type ClockBounds } from './server-time.js';
import type { PushingDevice } from './mutation-proof.js';

/**
 * Applies a device's ordered batch: each mutation in its own transaction, in order. A rejected
 * mutation never blocks the ones after it (later mutations that depended on it are rejected on
 * their own merits, e.g. NOT_FOUND), and neither does one whose proof of authorship fails
 * (mutation-proof.ts). Results come back in request order. `clock` bounds the instants they
 * write (server-time.ts).
 * @throws AppError MUTATION_ID_REUSED (409) before anything is applied when an id in the batch
 *   names a different change (ledger.ts `refuseReusedIds`).
 * @throws AppError when a mutation fails for a reason that is not its own (see
 *   `applyMutation`): the mutations before it stay applied and recorded, so the workstation
 *   retries the whole batch and gets their recorded results back.
 */
export async function applyBatch(
  db: CentralDb,
  device: PushingDevice,
  envelopes: readonly MutationEnvelope[],
  clock: ClockBounds = DEFAULT_CLOCK_BOUNDS,
): Promise<MutationResult[]> {
  await refuseReusedIds(db, envelopes, device.deviceId);
  const results: MutationResult[] = [];
  for (const envelope of envelopes) results.push(await applyMutation(db, device, envelope, clock));
  return results;
}
