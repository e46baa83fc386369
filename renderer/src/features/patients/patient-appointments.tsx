import type { AppointmentRow, WithSync } from '../../../../core/api/views.js';
import { formatDateTime, toLocalDay } from '../../ui/format.js';
import { PendingMark } from '../../ui/pending-mark.js';
import { EmptyState } from '../../ui/states.js';
import { StatusBadge } from '../today/status-badge.js';

export function PatientAppointments({ appointments }: { appointments: WithSync<AppointmentRow>[] }) {
  if (appointments.length === 0) return <EmptyState title="No appointments" />;
  const sorted = [...appointments].sort((a, b) => b.scheduled_at.localeCompare(a.scheduled_at));
  return (
    <table className="table">
      <thead>
        <tr>
          <th>When</th>
          <th>Reason</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((item) => (
          <tr key={item.id} className={item.pending ? 'pending' : ''}>
            <td>
              {item.scheduled_at ? (
                <a href={`#/today/${toLocalDay(new Date(item.scheduled_at))}`}>{formatDateTime(item.scheduled_at)}</a>
              ) : (
                '—'
              )}
            </td>
            <td>{item.reason ?? '—'}</td>
            <td>
              <StatusBadge status={item.status} /> <PendingMark pending={item.pending} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
