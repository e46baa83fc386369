import { zonedInstant, zoneOffsetMinutes } from '../util/time.js';
import { heldTimesByVet, type HeldTimeBooking } from './appointments.js';

/**
 * The hours a new booking is proposed in, as minutes since midnight on the clinic's clock, and
 * the step between proposed start times. Opening hours are not modelled yet: these are the
 * day calendar's visible range (08:00-19:00, renderer/src/features/today/day-layout.ts, a unit
 * test keeps the two equal) and its drawn quarter-hour rows.
 */
export interface BookingHours {
  startMinutes: number;
  endMinutes: number;
  stepMinutes: number;
}

/** The clinic day new bookings are proposed in (see `BookingHours`). */
export const BOOKING_HOURS: BookingHours = { startMinutes: 8 * 60, endMinutes: 19 * 60, stepMinutes: 15 };

/** Days ahead (today included) searched for a free slot: two weeks, one `appointments.range` read. */
export const FREE_SLOT_SEARCH_DAYS = 14;

/** What a booking needs to say whether it holds a vet's time (the overlap check's shape). */
export type SlotBooking = HeldTimeBooking;

export interface FreeSlotRequest {
  /** The moment of asking: slots starting before it are past. */
  now: Date;
  /** The clinic's time zone (IANA); days and times are on its clock. */
  timeZone: string;
  /** The first day searched, 'YYYY-MM-DD' on the clinic's clock (normally today). */
  fromDay: string;
  /** Days searched from `fromDay`, included. */
  days: number;
  durationMinutes: number;
  /**
   * The vets who may take the booking, in order of preference when two are free at the same
   * time: one for a chosen vet, every vet for "any vet". `null` is "unassigned", whom no
   * booking blocks.
   */
  vetIds: readonly (string | null)[];
  /** Bookings of the searched days (any vets); cancelled, no-show and deleted ones never block. */
  bookings: readonly SlotBooking[];
  /** A booking being moved, which does not block its own new time. */
  excludeId?: string | undefined;
  hours?: BookingHours | undefined;
}

export interface FreeSlot {
  vetId: string | null;
  /** Day and time on the clinic's clock, as the booking form shows them. */
  date: string;
  time: string;
  /** The same moment as an ISO instant. */
  startsAt: string;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The calendar day `days` after `day`; zone-free arithmetic. */
function plusDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whether the clock of `timeZone` reads `date` `time` at `instant` (false for a time a change skips). */
function showsWallTime(instant: number, date: string, time: string, timeZone: string): boolean {
  const wall = instant + zoneOffsetMinutes(timeZone, new Date(instant)) * 60_000;
  return wall === Date.parse(`${date}T${time}:00Z`);
}

/**
 * The earliest free slot for a new booking: on the step grid of the clinic day, starting no
 * earlier than `now` (rounded up to the next step), ending by the end of the day, and sharing no
 * time with a live booking of the same vet (a booking ending at 09:30 leaves 09:30 free). Days
 * follow each other until `days` are searched; null when none is free. Of several vets free at
 * the same time, the first in `vetIds` takes it. Lengths are real minutes, so a slot on a
 * daylight-saving day is as long as on any other; a wall time the change skips is not proposed.
 * Pure: the caller reads the bookings (the local replica) and the clock.
 */
export function nextFreeSlot(request: FreeSlotRequest): FreeSlot | null {
  const hours = request.hours ?? BOOKING_HOURS;
  const length = request.durationMinutes * 60_000;
  if (!(request.durationMinutes > 0) || request.vetIds.length === 0 || hours.stepMinutes <= 0) return null;
  const busy = heldTimesByVet(request.bookings.filter((booking) => booking.id !== request.excludeId));
  const isFree = (vetId: string | null, start: number) =>
    vetId === null || !(busy.get(vetId) ?? []).some((slot) => slot.start < start + length && start < slot.end);
  const now = request.now.getTime();
  for (let offset = 0; offset < request.days; offset += 1) {
    const date = plusDays(request.fromDay, offset);
    const close = zonedInstant(
      date,
      `${pad(Math.floor(hours.endMinutes / 60))}:${pad(hours.endMinutes % 60)}`,
      request.timeZone,
    ).getTime();
    for (
      let minutes = hours.startMinutes;
      minutes + request.durationMinutes <= hours.endMinutes;
      minutes += hours.stepMinutes
    ) {
      const time = `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
      const start = zonedInstant(date, time, request.timeZone).getTime();
      if (start < now || start + length > close || !showsWallTime(start, date, time, request.timeZone)) continue;
      const vetId = request.vetIds.find((candidate) => isFree(candidate, start));
      if (vetId !== undefined) return { vetId, date, time, startsAt: new Date(start).toISOString() };
    }
  }
  return null;
}
