import type { DayAppointment } from '../../../../core/api/views.js';
import { isLiveAppointment } from '../../../../core/domain/appointments.js';
import { toLocalTime } from '../../ui/format.js';

/**
 * Live bookings of `vetId` that share time with [start, start + minutes), leaving out the
 * booking being moved. A warning, not a rule: clinics double-book on purpose sometimes.
 */
export function findOverlaps(
  day: readonly DayAppointment[],
  slot: { vetId: string | null; start: Date; minutes: number; excludeId?: string },
): DayAppointment[] {
  if (!slot.vetId || Number.isNaN(slot.start.getTime()) || !(slot.minutes > 0)) return [];
  const from = slot.start.getTime();
  const to = from + slot.minutes * 60_000;
  return day.filter((item) => {
    if (item.id === slot.excludeId || item.vet_id !== slot.vetId || !isLiveAppointment(item)) return false;
    const start = Date.parse(item.scheduled_at);
    const end = start + item.duration_minutes * 60_000;
    return start < to && from < end;
  });
}

/** 'HH:MM' of a date on the clinic's clock. */
export function localTime(date: Date): string {
  return toLocalTime(date);
}

/** The next quarter hour from now, as 'HH:MM' on the clinic's clock. */
export function nextQuarterHour(now: Date = new Date()): string {
  // Every zone in use is offset from UTC by a multiple of 15 minutes, so rounding the instant
  // up to a quarter hour rounds the clinic's clock too.
  const minutes = Math.floor(now.getTime() / 60_000);
  const next = new Date((Math.floor(minutes / 15) + 1) * 15 * 60_000);
  return localTime(next);
}
