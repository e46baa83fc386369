import { useState } from 'react';
import { restartDecision } from '../../../core/update/restart-decision.js';
import { isAppError } from '../../../core/errors.js';
import { useClient } from '../api/client-context.js';
import { getSyncStatus } from '../api/sync-status-store.js';
import { unsavedFormCount } from '../ui/dirty-forms.js';
import { Dialog } from '../ui/dialog.js';

interface UpdateDialogProps {
  version: string;
  notes: string;
  onClose: () => void;
}

/**
 * "Update ready": the version's notes, then Restart now or Later. Restart follows
 * `restartDecision`: never with unsaved input on screen, and with changes not yet sent only
 * after staff confirm (they are kept and sent after the restart).
 */
export function UpdateDialog({ version, notes, onClose }: UpdateDialogProps) {
  const client = useClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmPending, setConfirmPending] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const restart = (confirmedPending: boolean) => {
    const decision = restartDecision({
      unsavedInput: unsavedFormCount(),
      pendingMutations: getSyncStatus()?.pending ?? 0,
      confirmedPending,
    });
    if (decision.kind === 'blocked') {
      setConfirmPending(null);
      setProblem(decision.message);
      return;
    }
    if (decision.kind === 'confirm') {
      setProblem(null);
      setConfirmPending(decision.message);
      return;
    }
    setBusy(true);
    client['update.install']({}).then(
      () => undefined, // the app quits and installs
      (error: unknown) => {
        setBusy(false);
        setProblem(isAppError(error) ? error.message : 'The update could not be installed');
      },
    );
  };

  const title = `Update ready: VetDesk ${version}`;
  return (
    <Dialog open onClose={onClose} label={title}>
      <div className="dialog-body" data-testid="update-dialog">
        <h2>{title}</h2>
        <div className="update-notes">{notes.trim() === '' ? 'No release notes.' : notes}</div>
        {problem !== null ? (
          <p className="form-alert" role="alert">
            {problem}
          </p>
        ) : null}
        {confirmPending !== null ? (
          <p className="form-alert" role="alert">
            {confirmPending}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="btn" autoFocus onClick={onClose}>
            Later
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => {
              restart(confirmPending !== null);
            }}
          >
            {confirmPending !== null ? 'Restart anyway' : 'Restart now'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
