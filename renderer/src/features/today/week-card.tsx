import type { PointerEvent } from 'react';
import { AppointmentHeadline, appointmentLabel } from './appointment-summary.js';
import { appointmentClasses } from './appointment-classes.js';
import type { DayAppointment } from '../../../../core/api/views.js';
import { humanize, initials } from '../../ui/format.js';
import { rescheduleKey } from './appointment-block.js';

interface WeekCardProps {
  appointment: DayAppointment;
  /**
   * Every vet's bookings share the column: the card shrinks to one line with the vet's
   * initials (a full day of three vets is some 75 bookings), and says the rest in its tooltip.
   */
  showVet: boolean;
  onOpen: () => void;
  onDragStart?: ((event: PointerEvent) => void) | undefined;
  onReschedule?: (() => void) | undefined;
  dragging?: boolean;
}

/** One booking in a week column: start, patient, vet, status and length; opens its details. */
export function WeekCard({ appointment, showVet, onOpen, onDragStart, onReschedule, dragging = false }: WeekCardProps) {
  const classes = appointmentClasses('week-card', appointment, { draggable: Boolean(onDragStart), dragging });
  const details = `${humanize(appointment.status)} · ${appointment.duration_minutes} min`;
  const hint = onDragStart ? 'Drag to another day (hold at the edge for another week), or press R to reschedule' : null;
  return (
    <button
      type="button"
      className={classes}
      data-testid="week-appointment"
      data-appointment-id={appointment.id}
      data-starts-at={appointment.scheduled_at}
      data-vet-id={appointment.vet_id ?? ''}
      onClick={onOpen}
      onPointerDown={onDragStart}
      onKeyDown={rescheduleKey(onReschedule)}
      aria-keyshortcuts={onReschedule ? 'R' : undefined}
      title={
        showVet
          ? [`${appointment.vet_name ?? 'No vet'} · ${details}`, hint].filter(Boolean).join('\n')
          : (hint ?? undefined)
      }
      aria-label={appointmentLabel(appointment, showVet)}
    >
      {showVet ? (
        <span className="week-card-line">
          <AppointmentHeadline appointment={appointment} className="week-card-headline" />
          <span className="vet-chip" aria-hidden="true">
            {initials(appointment.vet_name)}
          </span>
        </span>
      ) : (
        <>
          <AppointmentHeadline appointment={appointment} className="week-card-line" />
          <span className="appt-sub">{details}</span>
        </>
      )}
    </button>
  );
}
