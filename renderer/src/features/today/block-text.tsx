import type { DayAppointment } from '../../../../core/api/views.js';
import { formatTime, humanize, initials } from '../../ui/format.js';
import { StatusMark } from './status-mark.js';

/** 'Patient · Owner', or the patient alone while the owner's row has not arrived. */
export function whoText(appointment: DayAppointment): string {
  const patient = appointment.patient_name ?? 'Unknown patient';
  return appointment.owner_name ? `${patient} · ${appointment.owner_name}` : patient;
}

/**
 * What a screen reader says for a booking on the calendar grid, and what its tooltip shows:
 * time, patient and owner, the vet when the view mixes vets, status, length and the overlap
 * warning. The grid may truncate the name; this never does.
 */
export function blockLabel(appointment: DayAppointment, withVet: boolean): string {
  const vet = withVet ? ` with ${appointment.vet_name ?? 'no vet'}` : '';
  const overlap = appointment.overlaps.length > 0 ? ', overlaps another booking' : '';
  return `${formatTime(appointment.scheduled_at)} ${whoText(appointment)}${vet}, ${humanize(appointment.status)}, ${appointment.duration_minutes} min${overlap}`;
}

/**
 * The first line of a booking on the grid: time (never shrinks), status glyph, then patient ·
 * owner, which truncates with an ellipsis when the block is narrow, the overlap flag, and the
 * vet's initials when the view mixes vets. Blocks too narrow for all of it (several overlapping
 * bookings side by side) keep the glyph and initials only (today.css); the accessible name and
 * tooltip always say everything.
 */
export function BlockHeadline({ appointment, showVet }: { appointment: DayAppointment; showVet: boolean }) {
  return (
    <span className="appt-line">
      <span className="appt-time">{formatTime(appointment.scheduled_at)}</span>
      <StatusMark status={appointment.status} />
      <span className="appt-who">
        <span className="appt-patient">{appointment.patient_name ?? 'Unknown patient'}</span>
        {appointment.owner_name ? <span className="appt-owner"> · {appointment.owner_name}</span> : null}
      </span>
      {appointment.overlaps.length > 0 ? (
        <span className="appt-flag" aria-hidden="true">
          ⚠
        </span>
      ) : null}
      {showVet ? (
        <span className="vet-chip appt-vet" aria-hidden="true">
          {initials(appointment.vet_name)}
        </span>
      ) : null}
    </span>
  );
}
