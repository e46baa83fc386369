import { useState, useSyncExternalStore } from 'react';
import { ErrorCode, isAppError } from '../../../core/errors.js';
import { useClient } from '../api/client-context.js';
import { getSyncStatus, subscribeSyncStatus } from '../api/sync-status-store.js';
import { getUpdateState, subscribeUpdateState } from '../api/update-status-store.js';
import { showToast } from '../ui/toast-store.js';
import { UpdateDialog } from './update-dialog.js';

export const TOO_OLD_MESSAGE = 'This VetDesk is too old for the server: update to keep syncing';

/**
 * The updater's word beside the sync state: "Update ready" (opening the notes and the restart
 * choice), a download's progress, a refused download, and, when the server refuses this
 * version's sync protocol (426), that this VetDesk must be updated, with an Update action where
 * there is an updater. In the web bridge there is none: only the 426 message shows.
 */
export function UpdateIndicator() {
  const client = useClient();
  const update = useSyncExternalStore(subscribeUpdateState, getUpdateState);
  const sync = useSyncExternalStore(subscribeSyncStatus, getSyncStatus);
  const [open, setOpen] = useState(false);
  const tooOld = update.state === 'required' || sync?.blockedBy?.code === ErrorCode.ProtocolMismatch;

  if (update.state === 'ready') {
    return (
      <>
        <button
          type="button"
          className="update-ready btn btn-sm"
          data-testid="update-status"
          data-update="ready"
          onClick={() => {
            setOpen(true);
          }}
        >
          Update ready: VetDesk {update.version}
        </button>
        {open ? (
          <UpdateDialog
            version={update.version}
            notes={update.notes}
            onClose={() => {
              setOpen(false);
            }}
          />
        ) : null}
      </>
    );
  }
  if (tooOld) {
    const canUpdate = update.state !== 'unavailable';
    return (
      <div className="update-required" data-testid="update-status" data-update="required" role="alert">
        <span>{TOO_OLD_MESSAGE}</span>
        {update.state === 'downloading' ? (
          <span className="sync-meta">Downloading {Math.round(update.percent)}%</span>
        ) : canUpdate ? (
          <button
            type="button"
            className="btn btn-sm btn-primary"
            onClick={() => {
              client['update.check']({}).catch((error: unknown) => {
                showToast(isAppError(error) ? error.message : 'The update could not start', 'error');
              });
            }}
          >
            Update
          </button>
        ) : null}
      </div>
    );
  }
  if (update.state === 'refused') {
    return (
      <span className="update-refused" data-testid="update-status" data-update="refused" title={update.reason}>
        Update refused: it failed its signature check
      </span>
    );
  }
  return null;
}
