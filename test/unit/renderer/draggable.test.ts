import { describe, expect, it } from 'vitest';
import type { DayAppointment } from '../../../core/api/views.js';
import type { AppointmentStatus, PatientStatus } from '../../../core/domain/enums.js';
import { isDraggable } from '../../../renderer/src/features/today/use-appointment-drag.js';

/** A booking with what `isDraggable` reads; the rest of the row does not matter, hence the cast. */
function booking(status: AppointmentStatus, patientStatus: PatientStatus | null = 'active'): DayAppointment {
  return { status, patient_status: patientStatus, deleted_at: null } as unknown as DayAppointment;
}

describe('which bookings the grid lets staff move', () => {
  it('moves bookings still to happen', () => {
    expect(isDraggable(booking('scheduled'))).toBe(true);
    expect(isDraggable(booking('confirmed'))).toBe(true);
    expect(isDraggable(booking('checked_in'))).toBe(true);
  });

  it('keeps completed, cancelled and no-show bookings where they happened', () => {
    expect(isDraggable(booking('completed'))).toBe(false);
    expect(isDraggable(booking('cancelled'))).toBe(false);
    expect(isDraggable(booking('no_show'))).toBe(false);
  });

  it("does not offer to move a deceased patient's booking, which the server refuses", () => {
    expect(isDraggable(booking('scheduled', 'deceased'))).toBe(false);
    expect(isDraggable(booking('confirmed', 'deceased'))).toBe(false);
    expect(isDraggable(booking('scheduled', 'inactive'))).toBe(true);
  });
});
