import { useApiQuery } from '../../api/use-api-query.js';
import { routeHref } from '../../routing/routes.js';
import { formatDateTime } from '../../ui/format.js';
import { calendarTimeZone } from './calendar-dates.js';

/**
 * Bookings from `date` on that still wait for a patient who has died, so staff cancel them or
 * call the owner before the day comes. Shows nothing when there are none.
 */
export function DeceasedBookings({ date }: { date: string }) {
  const flagged = useApiQuery('appointments.deceasedPatients', { date, timeZone: calendarTimeZone() });
  const rows = flagged.data ?? [];
  if (rows.length === 0) return null;
  return (
    <section
      className="card deceased-bookings"
      aria-labelledby="deceased-bookings-title"
      data-testid="deceased-bookings"
    >
      <h2 id="deceased-bookings-title" className="card-title">
        Bookings for deceased patients <span className="badge badge-danger">{rows.length}</span>
      </h2>
      <p className="muted">Cancel them, or call the owner.</p>
      <ul className="arrivals-list">
        {rows.map((item) => (
          <li key={item.id} className="arrival">
            <div>
              <a href={routeHref({ name: 'patient', id: item.patient_id })}>
                <strong>{item.patient_name ?? 'Unknown patient'}</strong>
              </a>{' '}
              <span className="muted">
                {item.owner_name ?? ''} · <span className="nowrap">{formatDateTime(item.scheduled_at)}</span>
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
