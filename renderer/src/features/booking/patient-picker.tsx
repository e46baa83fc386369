import { useState } from 'react';
import type { PatientHitView } from '../../../../core/api/views.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { ErrorState } from '../../ui/states.js';
import { useDebounced } from '../search/use-debounced.js';
import { useListNavigation } from '../../ui/use-list-navigation.js';
import { ownerLine, speciesLine } from '../patients/patient-line.js';

/** The patient a booking is for, with what tells it apart from namesakes. */
export type PickedPatient = Pick<PatientHitView, 'id' | 'name' | 'species' | 'breed' | 'owner_name' | 'owner_phone'>;

interface PatientPickerProps {
  onPick: (patient: PickedPatient) => void;
  /** Registers a new owner (and their animal), starting from what was typed. */
  onRegister: (typed: string) => void;
}

/**
 * Finds a bookable patient by its name or microchip, or its owner's name, phone or e-mail
 * (the global search's index); every row shows species, breed and owner. Arrows move, Enter
 * picks the highlighted row.
 */
export function PatientPicker({ onPick, onRegister }: PatientPickerProps) {
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 120);
  const search = useApiQuery(
    'search.bookablePatients',
    { query, limit: 30 },
    { enabled: query.length > 0, keepPrevious: true },
  );
  const hits = query.length > 0 ? (search.data ?? []) : [];
  const { active, setActive, onArrowKey } = useListNavigation(hits.length);
  return (
    <div className="field picker">
      <label htmlFor="booking-patient-search">Patient</label>
      <input
        id="booking-patient-search"
        className="input"
        type="search"
        role="combobox"
        autoFocus
        autoComplete="off"
        placeholder="Patient name, owner, phone, microchip…"
        aria-expanded={hits.length > 0}
        aria-controls="booking-patient-results"
        aria-activedescendant={hits.length > 0 ? `booking-patient-${active}` : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (onArrowKey(event)) return;
          if (event.key === 'Enter') {
            event.preventDefault();
            const hit = hits[active];
            if (hit) onPick(hit);
          }
        }}
      />
      {search.isError ? <ErrorState error={search.error} /> : null}
      {query.length > 0 && hits.length === 0 && !search.isFetching ? (
        <p className="muted">No patient matches “{query}”.</p>
      ) : null}
      {hits.length > 0 ? (
        <ul id="booking-patient-results" role="listbox" aria-label="Patients found" className="picker-list">
          {hits.map((hit, index) => (
            <li
              key={hit.id}
              id={`booking-patient-${index}`}
              role="option"
              aria-selected={index === active}
              className="picker-option picker-patient"
              onMouseMove={() => {
                setActive(index);
              }}
              onClick={() => {
                onPick(hit);
              }}
            >
              <span>
                <strong>{hit.name}</strong>
                <span className="muted"> · {speciesLine(hit)}</span>
                {hit.status === 'inactive' ? <span className="badge">Inactive</span> : null}
              </span>
              <span className="muted picker-owner">
                {ownerLine(hit)}
                {hit.microchip ? ` · chip ${hit.microchip}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() => {
            onRegister(text);
          }}
        >
          + New owner and patient…
        </button>
      </p>
    </div>
  );
}

/** The picked patient, said so that nobody books the wrong Biscuit: species, breed, owner. */
export function PickedPatientLine({ patient }: { patient: PickedPatient }) {
  return (
    <span data-testid="picked-patient">
      Patient: <strong>{patient.name}</strong> <span className="muted">· {speciesLine(patient)}</span> · Owner:{' '}
      <strong>{ownerLine(patient)}</strong>
    </span>
  );
}
