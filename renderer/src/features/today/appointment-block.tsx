import type { KeyboardEvent, PointerEvent } from 'react';
import { appointmentClasses } from './appointment-classes.js';
import { BlockHeadline, blockLabel } from './block-text.js';
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
  /** The view mixes vets (the week of every vet): the block names its vet. */
  showVet?: boolean;
  /** How drags move it, for the tooltip. */
  dragHint?: string;
  /** `appointment` in the day view, `week-appointment` in the week view. */
  testId?: string;
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
 * One booking on a time grid (a vet's column of the day, a day's column of the week), as a
 * button that opens its details and actions. Its grid row and lane are CSS custom properties set
 * through the CSSOM (allowed by a `style-src 'self'` CSP); the geometry itself lives in
 * today.css. The time never shrinks; patient · owner truncates, in full in the tooltip and the
 * accessible name.
 */
export function AppointmentBlock({
  placed,
  onOpen,
  onDragStart,
  onReschedule,
  dragging = false,
  showVet = false,
  dragHint = 'Drag to move, or press R to reschedule',
  testId = 'appointment',
}: AppointmentBlockProps) {
  const { appointment, rowStart, rowSpan, lane, lanes, clipped } = placed;
  const classes = appointmentClasses('appt', appointment, { draggable: Boolean(onDragStart), dragging });
  const label = blockLabel(appointment, showVet);
  return (
    <button
      type="button"
      className={classes}
      data-testid={testId}
      data-appointment-id={appointment.id}
      data-status={appointment.status}
      data-starts-at={appointment.scheduled_at}
      data-vet-id={appointment.vet_id ?? ''}
      style={{ '--row-start': rowStart, '--row-span': rowSpan, '--lane': lane, '--lanes': lanes }}
      onClick={onOpen}
      onPointerDown={onDragStart}
      onKeyDown={rescheduleKey(onReschedule)}
      aria-keyshortcuts={onReschedule ? 'R' : undefined}
      title={onDragStart ? `${label}\n${dragHint}` : label}
      aria-label={label}
    >
      <BlockHeadline appointment={appointment} showVet={showVet} />
      {rowSpan >= 6 ? (
        <span className="appt-sub">
          {humanize(appointment.status)} · {appointment.reason ?? humanize(appointment.species)}
          {clipped ? ' · outside hours' : ''}
        </span>
      ) : null}
    </button>
  );
}
