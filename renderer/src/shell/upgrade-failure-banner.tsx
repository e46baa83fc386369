import { useSyncExternalStore } from 'react';
import { getSyncStatus, subscribeSyncStatus } from '../api/sync-status-store.js';
import { UPGRADE_FAILURE_TEXT, upgradeFailureDetail } from './upgrade-failure-words.js';

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
      <p className="upgrade-failure-detail">{upgradeFailureDetail(failure)}</p>
    </div>
  );
}
