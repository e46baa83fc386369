import type { AppointmentStatus } from '../../../../core/domain/enums.js';
import { humanize } from '../../ui/format.js';

/**
 * A glyph per status, so that statuses differ on the calendar by shape and not by colour only:
 * the open circle fills as the visit goes (booked, arrived, done); a tick for a confirmed
 * booking, a play sign while the vet sees the patient.
 */
export const STATUS_GLYPH: Record<AppointmentStatus, string> = {
  scheduled: '○',
  confirmed: '✓',
  checked_in: '◐',
  in_progress: '▶',
  completed: '●',
  cancelled: '✕',
  no_show: '⊘',
};

/** The statuses the calendar grid shows, in the order the day goes (for the legend). */
const ON_GRID: readonly AppointmentStatus[] = ['scheduled', 'confirmed', 'checked_in', 'in_progress', 'completed'];

/** A booking's status glyph; its word is in the booking's accessible name and tooltip. */
export function StatusMark({ status }: { status: AppointmentStatus }) {
  return (
    <span className="appt-status-mark" data-status={status} aria-hidden="true">
      {STATUS_GLYPH[status]}
    </span>
  );
}

/** What each glyph and border on the grid means, under the grid. */
export function StatusLegend() {
  return (
    <ul className="status-legend" aria-label="Status key">
      {ON_GRID.map((status) => (
        <li key={status} className={`status-legend-item appt-${status}`}>
          <span className="status-legend-swatch" aria-hidden="true">
            {STATUS_GLYPH[status]}
          </span>
          {humanize(status)}
        </li>
      ))}
    </ul>
  );
}
