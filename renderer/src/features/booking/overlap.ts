import type { DayAppointment } from '../../../../core/api/views.js';

const NOT_LIVE: ReadonlySet<string> = new Set(['cancelled', 'no_show']);

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
    if (item.id === slot.excludeId || item.vet_id !== slot.vetId || NOT_LIVE.has(item.status ?? '')) return false;
    if (!item.scheduled_at) return false;
    const start = Date.parse(item.scheduled_at);
    const end = start + (item.duration_minutes ?? 15) * 60_000;
    return start < to && from < end;
  });
}

/** 'HH:MM' of a date in local time. */
export function localTime(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** The next quarter hour from now, as 'HH:MM' (local). */
export function nextQuarterHour(now: Date = new Date()): string {
  const next = new Date(now);
  next.setSeconds(0, 0);
  next.setMinutes(Math.ceil((now.getMinutes() + 1) / 15) * 15);
  return localTime(next);
}
