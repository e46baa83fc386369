import type { DayAppointment } from '../../../../core/api/views.js';

/**
 * The CSS classes of a booking on the calendar (a block in the day or the week grid): `base`
 * for its shape, then its status, overlap, pending sync and drag state, which look the same in
 * both views.
 */
export function appointmentClasses(
  base: string,
  appointment: DayAppointment,
  state: { draggable: boolean; dragging: boolean },
): string {
  return [
    base,
    `appt-${appointment.status}`,
    appointment.overlaps.length > 0 ? 'appt-overlap' : '',
    appointment.pending ? 'pending' : '',
    state.draggable ? 'appt-draggable' : '',
    state.dragging ? 'appt-dragging' : '',
  ].join(' ');
}
