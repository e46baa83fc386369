import type { SyncStatus } from '../../../core/sync/status.js';

/** What staff are told, word for word, while the workstation runs on its previous data version. */
export const UPGRADE_FAILURE_TEXT =
  "The update could not upgrade this workstation's data; it is running on the previous data version. Contact your admin.";

/** The line under it, for whoever fixes it: the versions and the reason. */
export function upgradeFailureDetail(failure: NonNullable<SyncStatus['upgradeFailure']>): string {
  return `Data version ${failure.from} (this version expects ${failure.to}). ${failure.message}`;
}
