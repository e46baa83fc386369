import { useState } from 'react';
import { useApiQuery } from '../../api/use-api-query.js';
import { ErrorState } from '../../ui/states.js';
import { useDebounced } from '../search/use-debounced.js';
import { useListNavigation } from '../../ui/use-list-navigation.js';

export interface PickedPatient {
  id: string;
  name: string;
}

/** Finds a patient by name, owner, phone or microchip; arrows move, Enter picks. */
export function PatientPicker({ onPick }: { onPick: (patient: PickedPatient) => void }) {
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 120);
  const search = useApiQuery(
    'search.ownersAndPatients',
    { query, limit: 30 },
    { enabled: query.length > 0, keepPrevious: true },
  );
  const hits = query.length > 0 ? (search.data ?? []).filter((hit) => hit.kind === 'patient') : [];
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
            if (hit) onPick({ id: hit.id, name: hit.title });
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
              className="picker-option"
              onMouseMove={() => {
                setActive(index);
              }}
              onClick={() => {
                onPick({ id: hit.id, name: hit.title });
              }}
            >
              <strong>{hit.title}</strong>
              {hit.subtitle ? <span className="muted"> · {hit.subtitle}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
