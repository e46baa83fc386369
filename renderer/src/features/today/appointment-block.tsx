import type { KeyboardEvent, PointerEvent } from 'react';
import { AppointmentHeadline, appointmentLabel } from './appointment-summary.js';
import { appointmentClasses } from './appointment-classes.js';
import type { PlacedAppointment } from './day-layout.js';
import { humanize } from '../../ui/format.js';

interface AppointmentBlockProps {
  placed: PlacedAppointment;
  onOpen: () => void;
  /** Present when the booking can move: starts a pointer drag. */
  onDragStart?: ((event: PointerEvent) => void) | undefined;
  /** Present when the booking can move: the keyboard way (R on the focused block). */
  onReschedule?: (() => void) | undefined;
  /** This block is the one being dragged: it stays dimmed in place under the preview. */
  dragging?: boolean;
}

/** R on a focused booking opens the reschedule dialog: the keyboard alternative to dragging. */
export function rescheduleKey(onReschedule: (() => void) | undefined) {
  return (event: KeyboardEvent) => {
    if (!onReschedule || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== 'r' && event.key !== 'R') return;
    event.preventDefault();
    onReschedule();
  };
}

/**
 * One booking on the grid, as a button that opens its details and actions. Its grid row and
 * lane are CSS custom properties set through the CSSOM (allowed by a `style-src 'self'` CSP);
 * the geometry itself lives in today.css.
 */
export function AppointmentBlock({
  placed,
  onOpen,
  onDragStart,
  onReschedule,
  dragging = false,
}: AppointmentBlockProps) {
  const { appointment, rowStart, rowSpan, lane, lanes, clipped } = placed;
  const classes = appointmentClasses('appt', appointment, { draggable: Boolean(onDragStart), dragging });
  return (
    <button
      type="button"
      className={classes}
      data-testid="appointment"
      data-appointment-id={appointment.id}
      style={{ '--row-start': rowStart, '--row-span': rowSpan, '--lane': lane, '--lanes': lanes }}
      onClick={onOpen}
      onPointerDown={onDragStart}
      onKeyDown={rescheduleKey(onReschedule)}
      aria-keyshortcuts={onReschedule ? 'R' : undefined}
      title={onDragStart ? 'Drag to move, or press R to reschedule' : undefined}
      aria-label={appointmentLabel(appointment, false)}
    >
      <AppointmentHeadline appointment={appointment} className="appt-line" />
      {rowSpan >= 6 ? (
        <span className="appt-sub">
          {humanize(appointment.status)} · {appointment.reason ?? humanize(appointment.species)}
          {clipped ? ' · outside hours' : ''}
        </span>
      ) : null}
    </button>
  );
}
