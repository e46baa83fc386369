import type { DayAppointment } from '../../../../core/api/views.js';
import { formatTime, humanize } from '../../ui/format.js';

/**
 * What a screen reader says for a booking on the calendar: time, patient, the vet when the
 * view mixes vets, status, and the overlap warning.
 */
export function appointmentLabel(appointment: DayAppointment, withVet: boolean): string {
  const vet = withVet ? ` with ${appointment.vet_name ?? 'no vet'}` : '';
  const overlap = appointment.overlaps.length > 0 ? ', overlaps another booking' : '';
  return `${formatTime(appointment.scheduled_at)} ${appointment.patient_name ?? ''}${vet}, ${humanize(appointment.status)}${overlap}`;
}

/** The first line of a booking on the calendar: time, patient and the overlap flag. */
export function AppointmentHeadline({ appointment, className }: { appointment: DayAppointment; className: string }) {
  return (
    <span className={className}>
      <span className="appt-time">{formatTime(appointment.scheduled_at)}</span>
      <span className="appt-patient">{appointment.patient_name ?? 'Unknown patient'}</span>
      {appointment.overlaps.length > 0 ? (
        <span className="appt-flag" title="Overlaps another booking of this vet">
          ⚠
        </span>
      ) : null}
    </span>
  );
}
