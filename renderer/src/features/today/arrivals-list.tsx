import type { DayAppointment } from '../../../../core/api/views.js';
import { formatTime } from '../../ui/format.js';
import { PendingMark } from '../../ui/pending-mark.js';
import { AppointmentActions } from './appointment-actions.js';

/** Who is in the waiting room (checked in, not started), longest wait first. */
export function ArrivalsList({ appointments }: { appointments: DayAppointment[] }) {
  const waiting = appointments
    .filter((item) => item.status === 'checked_in')
    .sort((a, b) => (a.checked_in_at ?? '').localeCompare(b.checked_in_at ?? ''));
  return (
    <section className="card arrivals" aria-labelledby="arrivals-title">
      <h2 id="arrivals-title" className="card-title">
        Arrivals waiting <span className="badge">{waiting.length}</span>
      </h2>
      {waiting.length === 0 ? (
        <p className="muted">Nobody is waiting. Checked-in patients appear here.</p>
      ) : (
        <ul className="arrivals-list">
          {waiting.map((item) => (
            <li key={item.id} className={`arrival ${item.pending ? 'pending' : ''}`}>
              <div>
                <strong>{item.patient_name ?? 'Unknown patient'}</strong>{' '}
                <span className="muted">
                  {item.owner_name ?? ''} · booked <span className="nowrap">{formatTime(item.scheduled_at)}</span> with{' '}
                  <span className="nowrap">{item.vet_name ?? 'no vet'}</span>
                </span>
              </div>
              <div className="muted arrival-since">
                arrived {formatTime(item.checked_in_at)} <PendingMark pending={item.pending} />
              </div>
              <AppointmentActions appointment={item} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
