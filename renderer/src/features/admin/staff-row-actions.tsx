import { useEffect, useRef, useState } from 'react';
import type { StaffRow } from '../../../../core/api/views.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { showToast } from '../../ui/toast-store.js';
import { adminFailure } from './admin-states.js';
import { ResetPasswordDialog } from './reset-password-dialog.js';
import { StaffFormDialog } from './staff-form-dialog.js';
import { useAdminOperation } from './use-admin-operation.js';

type Open = 'edit' | 'reset' | 'deactivate' | null;

/**
 * One staff member's admin actions: edit, reset password, deactivate (asks first) or
 * reactivate. Nobody deactivates themselves here (the server refuses it too). Rendered inside
 * the row's actions cell, beside its History link.
 */
export function StaffRowActions({ member, isSelf }: { member: StaffRow; isSelf: boolean }) {
  const [open, setOpen] = useState<Open>(null);
  const update = useAdminOperation('admin.updateStaff');
  const close = () => {
    setOpen(null);
  };
  const removed = member.deleted_at !== null;
  // Deactivating swaps the row's buttons for Reactivate (and back) once the list has the change:
  // the button that had the focus is gone then, so the focus goes to the row's new first button
  // instead of falling back to the top of the page.
  const firstButton = useRef<HTMLButtonElement>(null);
  const [focusWhenRemoved, setFocusWhenRemoved] = useState<boolean | null>(null);
  useEffect(() => {
    if (focusWhenRemoved !== removed) return;
    firstButton.current?.focus();
    setFocusWhenRemoved(null);
  }, [focusWhenRemoved, removed]);
  const name = member.display_name ?? member.username ?? 'this staff member';
  const setActive = (active: boolean) => {
    update.mutate(
      { id: member.id, changes: { active } },
      {
        onSuccess: () => {
          showToast(active ? `${name} can sign in again` : `${name} was deactivated and signed out`, 'success');
          setFocusWhenRemoved(!active);
          close();
        },
        onError: (error) => {
          showToast(adminFailure(error, active ? 'Reactivating staff' : 'Deactivating staff'), 'error');
          close();
        },
      },
    );
  };
  return (
    <>
      {removed ? (
        <button
          ref={firstButton}
          type="button"
          className="btn btn-sm"
          disabled={update.isPending}
          aria-label={`Reactivate ${name}`}
          onClick={() => {
            setActive(true);
          }}
        >
          Reactivate
        </button>
      ) : (
        <>
          <button
            ref={firstButton}
            type="button"
            className="btn btn-sm"
            onClick={() => {
              setOpen('edit');
            }}
            aria-label={`Edit ${name}…`}
          >
            Edit…
          </button>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => {
              setOpen('reset');
            }}
            aria-label={`Reset ${name}'s password…`}
          >
            Reset password…
          </button>
          {isSelf ? null : (
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => {
                setOpen('deactivate');
              }}
              aria-label={`Deactivate ${name}…`}
            >
              Deactivate…
            </button>
          )}
        </>
      )}
      <StaffFormDialog member={member} open={open === 'edit'} onClose={close} />
      <ResetPasswordDialog member={member} open={open === 'reset'} onClose={close} />
      <ConfirmDialog
        open={open === 'deactivate'}
        title={`Deactivate ${name}?`}
        confirmLabel="Deactivate"
        danger
        busy={update.isPending}
        onCancel={close}
        onConfirm={() => {
          setActive(false);
        }}
      >
        <p>
          They are signed out on every workstation and can no longer sign in, online or offline. Their records and the
          history of what they did are kept. You can reactivate them later.
        </p>
      </ConfirmDialog>
    </>
  );
}
