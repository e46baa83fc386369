import type { AppointmentRow, PatientRow, WithSync } from '../../../../core/api/views.js';
import { awaitsDeceasedPatient } from '../../../../core/domain/appointments.js';
import { formatDateTime, toLocalDay } from '../../ui/format.js';
import { PendingMark } from '../../ui/pending-mark.js';
import { EmptyState } from '../../ui/states.js';
import { DeceasedFlag } from '../today/deceased-flag.js';
import { StatusBadge } from '../today/status-badge.js';

interface PatientAppointmentsProps {
  appointments: WithSync<AppointmentRow>[];
  patientStatus: PatientRow['status'];
}

/** A patient's bookings, newest first; those still waiting for a deceased patient are flagged. */
export function PatientAppointments({ appointments, patientStatus }: PatientAppointmentsProps) {
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
              {awaitsDeceasedPatient({ ...item, patient_status: patientStatus }) ? <DeceasedFlag /> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
