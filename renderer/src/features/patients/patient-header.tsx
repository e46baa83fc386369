import type { OwnerRow, PatientRow, WithSync } from '../../../../core/api/views.js';
import type { CurrentWeight } from '../../../../core/domain/weight.js';
import { routeHref } from '../../routing/routes.js';
import { formatDate, humanize } from '../../ui/format.js';
import { PendingMark } from '../../ui/pending-mark.js';
import { ageText } from './age.js';
import { formatWeight, type WeightUnit } from './weight-scale.js';

/** Who the patient is at a glance; alerts first, because they matter at the consultation. */
export function PatientHeader({
  patient,
  owner,
  weight,
  unit,
}: {
  patient: WithSync<PatientRow>;
  owner: OwnerRow | null;
  /** The patient's current weight (`currentWeight`): the weight curve's last point. */
  weight: CurrentWeight | null;
  unit: WeightUnit;
}) {
  const sex = `${humanize(patient.gender)}${patient.neutered ? ', neutered' : ''}`;
  return (
    <header className={`patient-header card ${patient.status === 'deceased' ? 'patient-deceased' : ''}`}>
      <div className="row-between">
        <div className="row">
          <span className="patient-avatar" aria-hidden="true">
            {/* The name's initial, not an emoji: workstations often lack a colour emoji font. */}
            {patient.name.charAt(0).toUpperCase()}
          </span>
          <div>
            <h1>
              {patient.name} <PendingMark pending={patient.pending} />
            </h1>
            <p className="muted">
              {humanize(patient.species)}
              {patient.breed ? ` · ${patient.breed}` : ''} · {ageText(patient.birth_date)} · {sex}
              {weight ? (
                <>
                  {' · '}
                  <span
                    data-testid="patient-weight"
                    title={weight.at ? `Weighed ${formatDate(weight.at)}` : "From the patient's details"}
                  >
                    {formatWeight(weight.kg, unit)}
                  </span>
                </>
              ) : null}
            </p>
          </div>
        </div>
        <div className="stack-sm patient-owner">
          <span className="muted">Owner</span>
          {owner ? (
            <a href={routeHref({ name: 'owner', id: owner.id })}>
              {owner.first_name} {owner.last_name}
            </a>
          ) : (
            <span>No owner on file</span>
          )}
          {owner?.phone ? <span className="muted">{owner.phone}</span> : null}
        </div>
      </div>
      {patient.status === 'deceased' ? (
        <p className="deceased-banner" data-testid="deceased-banner">
          <span className="badge badge-danger">Deceased</span>{' '}
          {patient.deceased_on ? `Died ${formatDate(patient.deceased_on)}` : 'Date of death not recorded'}. Not offered
          for new bookings.
        </p>
      ) : patient.status !== 'active' ? (
        <span className="badge badge-warning">{humanize(patient.status)}</span>
      ) : null}
      {patient.alerts ? (
        <p className="alert-banner" role="note">
          ⚠ {patient.alerts}
        </p>
      ) : null}
      {patient.microchip ? <p className="muted">Microchip {patient.microchip}</p> : null}
    </header>
  );
}
