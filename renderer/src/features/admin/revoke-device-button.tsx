import { useState } from 'react';
import type { DeviceView } from '../../../../core/api/views.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { showToast } from '../../ui/toast-store.js';
import { adminFailure } from './admin-states.js';
import { useAdminOperation } from './use-admin-operation.js';

/** Revokes a workstation after asking: it stops syncing at once and must be enrolled again. */
export function RevokeDeviceButton({ device }: { device: DeviceView }) {
  const [asking, setAsking] = useState(false);
  const revoke = useAdminOperation('admin.revokeDevice');
  const name = device.name ?? 'this workstation';
  return (
    <>
      <button
        type="button"
        className="btn btn-sm"
        aria-label={`Revoke ${name}…`}
        onClick={() => {
          setAsking(true);
        }}
      >
        Revoke…
      </button>
      <ConfirmDialog
        open={asking}
        title={`Revoke ${name}?`}
        confirmLabel="Revoke"
        danger
        busy={revoke.isPending}
        onCancel={() => {
          setAsking(false);
        }}
        onConfirm={() => {
          revoke.mutate(
            { id: device.id },
            {
              onSuccess: () => {
                showToast(`${name} was revoked`, 'success');
              },
              onError: (error) => {
                showToast(adminFailure(error, 'Revoking a workstation'), 'error');
              },
              onSettled: () => {
                setAsking(false);
              },
            },
          );
        }}
      >
        <p>
          It stops syncing at once and nobody can sign in on it. Changes made there and not yet synced stay on it, and
          can be saved to a file from its screen. To use it again, enrol it with a new code.
        </p>
        {device.this_workstation ? (
          <p className="form-alert">This is the workstation you are using: it will be disconnected too.</p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
