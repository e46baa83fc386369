import { useState } from 'react';
import type { DayAppointment } from '../../../../core/api/views.js';
import { useMutate } from '../../api/use-mutate.js';
import { humanize } from '../../ui/format.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { CANCELLABLE, NEXT_ACTIONS } from './appointment-status.js';

/**
 * The status steps for one appointment, and cancel behind a confirmation. `onDone` runs after a
 * step, except completing a visit: the popup stays open on it to offer the visit's bill.
 */
export function AppointmentActions({ appointment, onDone }: { appointment: DayAppointment; onDone?: () => void }) {
  const mutate = useMutate();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const actions = NEXT_ACTIONS[appointment.status];
  const who = appointment.patient_name ?? 'this patient';
  return (
    <div className="row">
      {actions.map((action) => (
        <button
          key={action.status}
          type="button"
          className={`btn btn-sm ${action.status === 'no_show' ? '' : 'btn-primary'}`}
          disabled={mutate.isPending}
          onClick={() => {
            mutate.mutate(
              {
                name: 'appointment.setStatus',
                args: { id: appointment.id, status: action.status },
                success: `${who}: ${humanize(action.status).toLowerCase()}`,
              },
              {
                onSuccess: () => {
                  if (action.status !== 'completed') onDone?.();
                },
              },
            );
          }}
        >
          {action.label}
        </button>
      ))}
      {CANCELLABLE.has(appointment.status) ? (
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => {
            setConfirming(true);
          }}
        >
          Cancel…
        </button>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Cancel ${who}'s appointment?`}
        confirmLabel="Cancel appointment"
        cancelLabel="Keep appointment"
        danger
        busy={mutate.isPending}
        onCancel={() => {
          setConfirming(false);
        }}
        onConfirm={() => {
          mutate.mutate(
            {
              name: 'appointment.cancel',
              args: { id: appointment.id, cancel_reason: reason.trim() || null },
              success: 'Appointment cancelled',
            },
            {
              onSuccess: () => {
                setConfirming(false);
                onDone?.();
              },
            },
          );
        }}
      >
        <p>The slot becomes free. The booking stays in the patient's history as cancelled.</p>
        <div className="field">
          <label htmlFor="cancel-reason">Reason (optional)</label>
          <input
            id="cancel-reason"
            className="input"
            value={reason}
            maxLength={500}
            onChange={(event) => {
              setReason(event.target.value);
            }}
          />
        </div>
      </ConfirmDialog>
    </div>
  );
}
