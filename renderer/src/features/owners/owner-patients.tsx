import type { PatientRow, WithSync } from '../../../../core/api/views.js';
import { routeHref } from '../../routing/routes.js';
import { humanize } from '../../ui/format.js';
import { PendingMark } from '../../ui/pending-mark.js';
import { EmptyState } from '../../ui/states.js';
import { ageText } from '../patients/age.js';

export function OwnerPatients({ patients }: { patients: WithSync<PatientRow>[] }) {
  if (patients.length === 0) return <EmptyState title="No patients registered" />;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Species</th>
          <th>Breed</th>
          <th>Age</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {patients.map((patient) => (
          <tr key={patient.id} className={patient.pending ? 'pending' : ''}>
            <td>
              <a href={routeHref({ name: 'patient', id: patient.id })}>{patient.name}</a>{' '}
              <PendingMark pending={patient.pending} />
              {patient.alerts ? (
                <span className="badge badge-danger" title={patient.alerts}>
                  Alert
                </span>
              ) : null}
            </td>
            <td>{humanize(patient.species)}</td>
            <td>{patient.breed ?? '—'}</td>
            <td>{ageText(patient.birth_date)}</td>
            <td>{humanize(patient.status)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
