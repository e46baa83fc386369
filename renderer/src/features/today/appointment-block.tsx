import type { PlacedAppointment } from './day-layout.js';
import { formatTime, humanize } from '../../ui/format.js';

interface AppointmentBlockProps {
  placed: PlacedAppointment;
  onOpen: () => void;
}

/**
 * One booking on the grid, as a button that opens its details and actions. Its grid row and
 * lane are CSS custom properties set through the CSSOM (allowed by a `style-src 'self'` CSP);
 * the geometry itself lives in today.css.
 */
export function AppointmentBlock({ placed, onOpen }: AppointmentBlockProps) {
  const { appointment, rowStart, rowSpan, lane, lanes, clipped } = placed;
  const overlapping = appointment.overlaps.length > 0;
  const classes = [
    'appt',
    `appt-${appointment.status ?? 'scheduled'}`,
    overlapping ? 'appt-overlap' : '',
    appointment.pending ? 'pending' : '',
  ].join(' ');
  return (
    <button
      type="button"
      className={classes}
      data-testid="appointment"
      style={{ '--row-start': rowStart, '--row-span': rowSpan, '--lane': lane, '--lanes': lanes }}
      onClick={onOpen}
      aria-label={`${formatTime(appointment.scheduled_at)} ${appointment.patient_name ?? ''}, ${humanize(appointment.status)}${overlapping ? ', overlaps another booking' : ''}`}
    >
      <span className="appt-line">
        <span className="appt-time">{formatTime(appointment.scheduled_at)}</span>
        <span className="appt-patient">{appointment.patient_name ?? 'Unknown patient'}</span>
        {overlapping ? (
          <span className="appt-flag" title="Overlaps another booking of this vet">
            ⚠
          </span>
        ) : null}
      </span>
      {rowSpan >= 6 ? (
        <span className="appt-sub">
          {humanize(appointment.status)} · {appointment.reason ?? humanize(appointment.species)}
          {clipped ? ' · outside hours' : ''}
        </span>
      ) : null}
    </button>
  );
}
