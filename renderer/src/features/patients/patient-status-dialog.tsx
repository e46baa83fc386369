import { useState } from 'react';
import type { PatientRow } from '../../../../core/api/views.js';
import { PATIENT_STATUSES, type PatientStatus } from '../../../../core/domain/enums.js';
import { useMutate } from '../../api/use-mutate.js';
import { Dialog } from '../../ui/dialog.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { humanize, localToday } from '../../ui/format.js';
import { deceasedOnProblem } from './deceased-on.js';

interface PatientStatusDialogProps {
  patient: PatientRow;
  open: boolean;
  onClose: () => void;
}

const STATUS_HINT: Record<PatientStatus, string> = {
  active: 'A current patient.',
  inactive: 'No longer seen here (moved away, changed practice). Can still be booked.',
  deceased: 'Not offered for bookings any more; its upcoming bookings are flagged for staff to cancel.',
};

/** Changes a patient's status; marking it deceased asks for the day it died. */
export function PatientStatusDialog({ patient, open, onClose }: PatientStatusDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} label="Change status">
      <StatusPanel patient={patient} onClose={onClose} />
    </Dialog>
  );
}

function StatusPanel({ patient, onClose }: { patient: PatientRow; onClose: () => void }) {
  const mutate = useMutate();
  const today = localToday();
  const [status, setStatus] = useState<PatientStatus>(patient.status);
  const [deceasedOn, setDeceasedOn] = useState(patient.deceased_on ?? today);
  const [submitted, setSubmitted] = useState(false);
  const problem = status === 'deceased' ? deceasedOnProblem(deceasedOn, patient.birth_date, today) : null;
  const error = submitted ? (problem ?? undefined) : undefined;
  return (
    <form
      noValidate
      className="dialog-body"
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        if (problem) return;
        const deceased_on = status === 'deceased' ? deceasedOn : null;
        mutate.mutate(
          {
            name: 'patient.setStatus',
            args: { id: patient.id, status, deceased_on },
            success: status === 'deceased' ? `${patient.name} marked deceased` : `${patient.name} is ${status}`,
          },
          { onSuccess: onClose },
        );
      }}
    >
      <h2>Status of {patient.name}</h2>
      <fieldset className="stack-sm status-choices">
        <legend className="muted">Status</legend>
        {PATIENT_STATUSES.map((value) => (
          <label key={value} className="status-choice">
            <input
              type="radio"
              name="patient-status"
              value={value}
              checked={status === value}
              onChange={() => {
                setStatus(value);
              }}
            />
            <span>
              <strong>{humanize(value)}</strong> <span className="muted">{STATUS_HINT[value]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {status === 'deceased' ? (
        <FormField id="patient-deceased_on" label="Date of death" error={error}>
          <input
            className="input"
            type="date"
            max={today}
            min={patient.birth_date ?? undefined}
            value={deceasedOn}
            {...describedBy('patient-deceased_on', error)}
            onChange={(event) => {
              setDeceasedOn(event.target.value);
            }}
          />
        </FormField>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button
          type="submit"
          className={`btn ${status === 'deceased' ? 'btn-danger' : 'btn-primary'}`}
          disabled={mutate.isPending}
        >
          {status === 'deceased' ? 'Mark deceased' : 'Save status'}
        </button>
      </div>
    </form>
  );
}
