import type { DayAppointment } from '../../../../core/api/views.js';
import { formatTime } from '../../ui/format.js';

/** ' · ⚠ overlaps 10:00 Rex, 10:15 Tom' under a drag preview; '' when nothing overlaps. */
export function overlapNote(overlaps: readonly DayAppointment[]): string {
  if (overlaps.length === 0) return '';
  const names = overlaps.map((other) => `${formatTime(other.scheduled_at)} ${other.patient_name ?? ''}`.trim());
  return ` · ⚠ overlaps ${names.join(', ')}`;
}
