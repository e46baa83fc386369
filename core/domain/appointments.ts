import { APPOINTMENT_STATUSES, type AppointmentStatus } from './enums.js';

/**
 * Statuses of a booking that no longer holds its slot: it neither overlaps other bookings nor
 * is overlapped, and calendars leave it off their grids.
 */
export const NOT_LIVE_APPOINTMENT_STATUSES = ['cancelled', 'no_show'] as const satisfies readonly AppointmentStatus[];

/** Statuses of a booking that still holds its slot (every status not listed above). */
export const LIVE_APPOINTMENT_STATUSES: readonly AppointmentStatus[] = APPOINTMENT_STATUSES.filter(
  (status) => !(NOT_LIVE_APPOINTMENT_STATUSES as readonly string[]).includes(status),
);

/**
 * A live appointment: not soft-deleted and in a status that holds its slot. Rows without a
 * `deleted_at` (read models that already left deleted rows out) count as not deleted.
 */
export function isLiveAppointment(appointment: {
  status: AppointmentStatus;
  deleted_at?: string | null | undefined;
}): boolean {
  return (
    (appointment.deleted_at ?? null) === null &&
    !(NOT_LIVE_APPOINTMENT_STATUSES as readonly string[]).includes(appointment.status)
  );
}

/** The time a live booking holds, in epoch milliseconds: [start, end). */
export interface HeldTime {
  id: string;
  start: number;
  end: number;
}

/** What a booking needs to say whether, and when, it holds a vet's time. */
export interface HeldTimeBooking {
  id: string;
  vet_id: string | null;
  scheduled_at: string;
  duration_minutes: number;
  status: AppointmentStatus;
  deleted_at?: string | null | undefined;
}

/**
 * The times live bookings hold, by vet: what overlap flags and free slots are computed from.
 * Bookings without a vet, not live (`isLiveAppointment`), or with an unreadable start are left
 * out; each vet's list keeps the order of `bookings`.
 */
export function heldTimesByVet(bookings: Iterable<HeldTimeBooking>): Map<string, HeldTime[]> {
  const byVet = new Map<string, HeldTime[]>();
  for (const booking of bookings) {
    if (booking.vet_id === null || !isLiveAppointment(booking)) continue;
    const start = Date.parse(booking.scheduled_at);
    if (Number.isNaN(start)) continue;
    const list = byVet.get(booking.vet_id) ?? [];
    list.push({ id: booking.id, start, end: start + booking.duration_minutes * 60_000 });
    byVet.set(booking.vet_id, list);
  }
  return byVet;
}

/**
 * The same rule as an SQL condition on the appointments row aliased `alias`, for SQLite and
 * PostgreSQL alike. The status list comes from the constant above, never from input.
 */
export function liveAppointmentSql(alias: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new RangeError(`Not an SQL alias: ${alias}`);
  const statuses = NOT_LIVE_APPOINTMENT_STATUSES.map((status) => `'${status}'`).join(', ');
  return `${alias}.deleted_at is null and ${alias}.status not in (${statuses})`;
}

/** Statuses of a booking still waiting for its patient to come in. */
export const AWAITING_APPOINTMENT_STATUSES = ['scheduled', 'confirmed'] as const satisfies readonly AppointmentStatus[];

/**
 * A booking staff must act on because its patient has died: not deleted, still waiting for the
 * patient, and the patient deceased. Computed from the patient's status wherever bookings are
 * read, never stored: it holds the moment a death is recorded, offline too, with nothing to sync.
 */
export function awaitsDeceasedPatient(appointment: {
  status: AppointmentStatus;
  patient_status: string | null;
  deleted_at?: string | null | undefined;
}): boolean {
  return (
    (appointment.deleted_at ?? null) === null &&
    appointment.patient_status === 'deceased' &&
    (AWAITING_APPOINTMENT_STATUSES as readonly string[]).includes(appointment.status)
  );
}
