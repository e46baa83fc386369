import type { PointerEvent } from 'react';
import { AppointmentHeadline, appointmentLabel } from './appointment-summary.js';
import { appointmentClasses } from './appointment-classes.js';
import type { DayAppointment } from '../../../../core/api/views.js';
import { humanize } from '../../ui/format.js';
import { rescheduleKey } from './appointment-block.js';

interface WeekCardProps {
  appointment: DayAppointment;
  /** Shown when every vet's bookings share the column. */
  showVet: boolean;
  onOpen: () => void;
  onDragStart?: ((event: PointerEvent) => void) | undefined;
  onReschedule?: (() => void) | undefined;
  dragging?: boolean;
}

/** One booking in a week column: start, patient, vet, status and length; opens its details. */
export function WeekCard({ appointment, showVet, onOpen, onDragStart, onReschedule, dragging = false }: WeekCardProps) {
  const classes = appointmentClasses('week-card', appointment, { draggable: Boolean(onDragStart), dragging });
  return (
    <button
      type="button"
      className={classes}
      data-testid="week-appointment"
      data-appointment-id={appointment.id}
      data-starts-at={appointment.scheduled_at ?? ''}
      data-vet-id={appointment.vet_id ?? ''}
      onClick={onOpen}
      onPointerDown={onDragStart}
      onKeyDown={rescheduleKey(onReschedule)}
      aria-keyshortcuts={onReschedule ? 'R' : undefined}
      title={onDragStart ? 'Drag to another day, or press R to reschedule' : undefined}
      aria-label={appointmentLabel(appointment, showVet)}
    >
      <AppointmentHeadline appointment={appointment} className="week-card-line" />
      <span className="appt-sub">
        {showVet ? `${appointment.vet_name ?? 'No vet'} · ` : ''}
        {humanize(appointment.status)} · {appointment.duration_minutes ?? 15} min
      </span>
    </button>
  );
}
