import type { DayAppointment } from '../../../../core/api/views.js';
import { awaitsDeceasedPatient } from '../../../../core/domain/appointments.js';
import { routeHref } from '../../routing/routes.js';
import { Dialog } from '../../ui/dialog.js';
import { formatTime, humanize } from '../../ui/format.js';
import { PendingMark } from '../../ui/pending-mark.js';
import { AppointmentActions } from './appointment-actions.js';
import { StatusBadge } from './status-badge.js';

interface AppointmentDialogProps {
  appointment: DayAppointment | null;
  all: DayAppointment[];
  onClose: () => void;
  onReschedule?: (appointment: DayAppointment) => void;
}

/** Details of one booking with its next steps. */
export function AppointmentDialog({ appointment, all, onClose, onReschedule }: AppointmentDialogProps) {
  return (
    <Dialog open={appointment !== null} onClose={onClose} label="Appointment">
      {appointment ? (
        <div className="dialog-body">
          <div className="row-between">
            <h2>
              {formatTime(appointment.scheduled_at)} · {appointment.patient_name ?? 'Unknown patient'}
            </h2>
            <StatusBadge status={appointment.status} />
          </div>
          <dl className="details">
            <dt>Patient</dt>
            <dd>
              {appointment.patient_id ? (
                <a href={routeHref({ name: 'patient', id: appointment.patient_id })} onClick={onClose}>
                  {appointment.patient_name}
                </a>
              ) : (
                '—'
              )}{' '}
              <span className="muted">{humanize(appointment.species)}</span>
            </dd>
            <dt>Owner</dt>
            <dd>{appointment.owner_name ?? '—'}</dd>
            <dt>Vet</dt>
            <dd>{appointment.vet_name ?? 'Unassigned'}</dd>
            <dt>Length</dt>
            <dd>{appointment.duration_minutes} min</dd>
            <dt>Reason</dt>
            <dd>{appointment.reason ?? '—'}</dd>
            {appointment.notes ? (
              <>
                <dt>Notes</dt>
                <dd>{appointment.notes}</dd>
              </>
            ) : null}
          </dl>
          {awaitsDeceasedPatient(appointment) ? (
            <p className="alert-banner" role="note" data-testid="deceased-flag">
              ⚠ This patient has died. Cancel this booking, or call the owner.
            </p>
          ) : null}
          {appointment.overlaps.length > 0 ? (
            <p className="alert-banner">
              Overlaps{' '}
              {appointment.overlaps
                .map((id) => all.find((other) => other.id === id))
                .map((other) => (other ? `${formatTime(other.scheduled_at)} ${other.patient_name ?? ''}` : 'a booking'))
                .join(', ')}
            </p>
          ) : null}
          <PendingMark pending={appointment.pending} />
          <div className="row-between">
            <AppointmentActions appointment={appointment} onDone={onClose} />
            <div className="row">
              {onReschedule && appointment.status !== 'cancelled' && appointment.status !== 'completed' ? (
                <button
                  type="button"
                  className="btn btn-sm"
                  onClick={() => {
                    onReschedule(appointment);
                  }}
                >
                  Reschedule…
                </button>
              ) : null}
              <button type="button" className="btn btn-ghost" onClick={onClose}>
                Close
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
