import { useState } from 'react';
import type { DayAppointment } from '../../../../core/api/views.js';
import { awaitsDeceasedPatient } from '../../../../core/domain/appointments.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { routeHref } from '../../routing/routes.js';
import { Dialog } from '../../ui/dialog.js';
import { formatTime, humanize } from '../../ui/format.js';
import { PendingMark } from '../../ui/pending-mark.js';
import { AppointmentActions } from './appointment-actions.js';
import { AppointmentEdit } from './appointment-edit.js';
import { OpenBillButton } from './open-bill-button.js';
import { StatusBadge } from './status-badge.js';

interface AppointmentDialogProps {
  appointment: DayAppointment | null;
  all: DayAppointment[];
  onClose: () => void;
  onReschedule?: (appointment: DayAppointment) => void;
}

/** Details of one booking with its next steps; its reason and notes are edited in place. */
export function AppointmentDialog({ appointment, all, onClose, onReschedule }: AppointmentDialogProps) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Dialog open={appointment !== null} onClose={onClose} label="Appointment">
      {appointment && editing === appointment.id ? (
        <AppointmentEdit
          appointment={appointment}
          onDone={() => {
            setEditing(null);
          }}
        />
      ) : appointment ? (
        <AppointmentDetails
          appointment={appointment}
          all={all}
          onClose={onClose}
          onReschedule={onReschedule}
          onEdit={() => {
            setEditing(appointment.id);
          }}
        />
      ) : null}
    </Dialog>
  );
}

interface AppointmentDetailsProps {
  appointment: DayAppointment;
  all: DayAppointment[];
  onClose: () => void;
  onReschedule?: ((appointment: DayAppointment) => void) | undefined;
  onEdit: () => void;
}

/**
 * What the front desk needs at a glance: the patient's alerts first, the owner's phone, the
 * booking, then its next step (confirm, check in, start, complete; after a visit, its bill).
 */
function AppointmentDetails({ appointment, all, onClose, onReschedule, onEdit }: AppointmentDetailsProps) {
  const chart = useApiQuery('patient.chart', { id: appointment.patient_id }, { enabled: !!appointment.patient_id });
  const owner = chart.data?.owner ?? null;
  const alerts = chart.data?.patient.alerts ?? null;
  const deceased = awaitsDeceasedPatient(appointment);
  return (
    <div className="dialog-body">
      <div className="row-between">
        <h2>
          {formatTime(appointment.scheduled_at)} · {appointment.patient_name ?? 'Unknown patient'}
        </h2>
        <StatusBadge status={appointment.status} />
      </div>
      {alerts ? (
        <p className="alert-banner patient-alerts" role="note" data-testid="patient-alerts">
          ⚠ Alerts: {alerts}
        </p>
      ) : null}
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
        <dd>
          {appointment.owner_name ?? '—'}
          {owner?.phone ? (
            <>
              {' · '}
              <a href={`tel:${owner.phone.replace(/[^\d+]/g, '')}`} data-testid="owner-phone">
                {owner.phone}
              </a>
            </>
          ) : null}
        </dd>
        <dt>Vet</dt>
        <dd>{appointment.vet_name ?? 'Unassigned'}</dd>
        <dt>Length</dt>
        <dd>{appointment.duration_minutes} min</dd>
        <dt>Reason</dt>
        <dd data-testid="appointment-reason">{appointment.reason ?? '—'}</dd>
        <dt>Notes</dt>
        <dd className="appointment-notes" data-testid="appointment-notes">
          {appointment.notes ?? '—'}
        </dd>
      </dl>
      {deceased ? (
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
      <div className="row-between appointment-footer">
        <div className="row">
          <AppointmentActions appointment={appointment} onDone={onClose} />
          {appointment.status === 'completed' && appointment.patient_id ? (
            <OpenBillButton patientId={appointment.patient_id} ownerId={owner?.id ?? null} onOpened={onClose} />
          ) : null}
        </div>
        <div className="row">
          <button type="button" className="btn btn-sm" onClick={onEdit}>
            Edit reason/notes…
          </button>
          {onReschedule && !deceased && appointment.status !== 'cancelled' && appointment.status !== 'completed' ? (
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
  );
}
