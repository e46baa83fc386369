import { useSyncExternalStore } from 'react';
import { getSyncStatus, subscribeSyncStatus } from '../api/sync-status-store.js';

/** What staff are told, word for word, while the workstation runs on its previous data version. */
export const UPGRADE_FAILURE_TEXT =
  "The update could not upgrade this workstation's data; it is running on the previous data version. Contact your admin.";

/**
 * On every screen, for as long as the workstation runs on its previous data version after an
 * update failed to upgrade its local data (the sync status says so): changes cannot be saved
 * until an admin installs a fix, and the reason is there for whoever fixes it.
 */
export function UpgradeFailureBanner() {
  const status = useSyncExternalStore(subscribeSyncStatus, getSyncStatus);
  const failure = status?.upgradeFailure ?? null;
  if (failure === null) return null;
  return (
    <div className="alert-banner upgrade-failure" role="alert" data-testid="upgrade-failure">
      <p>{UPGRADE_FAILURE_TEXT}</p>
      <p className="upgrade-failure-detail">
        Data version {failure.from} (this version expects {failure.to}). {failure.message}
      </p>
    </div>
  );
}
