import { useState } from 'react';
import type { SearchHitView } from '../../../../core/api/views.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { navigate } from '../../routing/routes.js';
import { Dialog } from '../../ui/dialog.js';
import { EmptyState, ErrorState } from '../../ui/states.js';
import { ownerPrefill } from '../owners/owner-prefill.js';
import { RegisterOwnerPanel } from '../owners/register-owner-panel.js';
import { SearchResults } from './search-results.js';
import { useDebounced } from './use-debounced.js';
import { useListNavigation } from '../../ui/use-list-navigation.js';

/** Most hits asked for: enough to scan, few enough to stay instant on a 100k-owner practice. */
const SEARCH_LIMIT = 100;

/** Global search (Ctrl+K): results as you type, arrows to move, Enter to open, Esc to close. */
export function SearchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} label="Search owners and patients" wide className="search-dialog">
      <SearchPanel onClose={onClose} />
    </Dialog>
  );
}

function SearchPanel({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  // A walk-in nobody has registered yet: the same dialog turns into the registration.
  const [registering, setRegistering] = useState(false);
  const query = useDebounced(text.trim(), 120);
  const search = useApiQuery(
    'search.ownersAndPatients',
    { query, limit: SEARCH_LIMIT },
    { enabled: query.length > 0, keepPrevious: true },
  );
  const hits = query.length > 0 ? (search.data ?? []) : [];
  const { active, setActive, onArrowKey } = useListNavigation(hits.length);
  const open = (hit: SearchHitView) => {
    navigate({ name: hit.kind, id: hit.id });
    onClose();
  };
  if (registering) {
    return (
      <RegisterOwnerPanel
        prefill={ownerPrefill(text)}
        onCancel={() => {
          setRegistering(false);
        }}
        onDone={({ ownerId, patient }) => {
          onClose();
          navigate(patient ? { name: 'patient', id: patient.id } : { name: 'owner', id: ownerId });
        }}
      />
    );
  }
  const registerButton = (
    <button
      type="button"
      className="btn btn-sm btn-primary"
      onClick={() => {
        setRegistering(true);
      }}
    >
      Register “{query}” as a new owner
    </button>
  );
  return (
    <div className="search-panel">
      <input
        className="input search-input"
        type="search"
        placeholder="Search owners, patients, phone, microchip…"
        aria-label="Search owners and patients"
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls="search-results"
        aria-activedescendant={hits.length > 0 ? `search-hit-${active}` : undefined}
        autoFocus
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (onArrowKey(event)) return;
          if (event.key === 'Enter') {
            const hit = hits[active];
            if (hit) {
              event.preventDefault();
              open(hit);
            }
          }
        }}
      />
      {search.isError ? (
        <ErrorState error={search.error} />
      ) : query.length === 0 ? (
        <p className="search-hint muted">
          Type a name, phone number or microchip. <kbd>↑</kbd> <kbd>↓</kbd> to move, <kbd>Enter</kbd> to open.
        </p>
      ) : hits.length === 0 && !search.isFetching ? (
        <div className="stack-sm search-empty">
          <EmptyState title={`Nothing matches “${query}”`}>Check the spelling, or try a phone number.</EmptyState>
          <p className="search-hint">{registerButton}</p>
        </div>
      ) : (
        <SearchResults hits={hits} active={active} onPick={open} onHover={setActive} />
      )}
      {hits.length >= SEARCH_LIMIT ? (
        <p className="search-hint search-more muted">
          The first {SEARCH_LIMIT} matches are shown: type more of the name, or a phone number, to narrow them.
        </p>
      ) : null}
    </div>
  );
}
