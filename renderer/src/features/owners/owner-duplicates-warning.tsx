import type { OwnerDuplicateView } from '../../../../core/api/views.js';

interface OwnerDuplicatesWarningProps {
  duplicates: OwnerDuplicateView[];
  busy: boolean;
  onOpen: (ownerId: string) => void;
  onRegisterAnyway: () => void;
  onBack: () => void;
}

const REASON_TEXT = { name: 'same name', phone: 'same phone', email: 'same e-mail' } as const;

/** Owners already on file who may be the person being registered, before anything is saved. */
export function OwnerDuplicatesWarning(props: OwnerDuplicatesWarningProps) {
  const { duplicates, busy } = props;
  return (
    <div className="stack" role="alert" data-testid="owner-duplicates">
      <p className="warning-banner">
        ⚠ {duplicates.length === 1 ? 'This owner may already be registered' : 'These owners may already be registered'}.
        Open the right one instead of registering them twice.
      </p>
      <ul className="picker-list duplicate-list">
        {duplicates.map(({ owner, reasons }) => (
          <li key={owner.id} className="picker-option duplicate-option">
            <span>
              <strong>
                {owner.first_name} {owner.last_name}
              </strong>
              <span className="muted"> · {[owner.phone, owner.email].filter(Boolean).join(' · ') || 'no contact'}</span>
              <span className="badge badge-warning duplicate-reason">
                {reasons.map((r) => REASON_TEXT[r]).join(', ')}
              </span>
            </span>
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => {
                props.onOpen(owner.id);
              }}
            >
              Open
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={props.onBack}>
          Back to the form
        </button>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={props.onRegisterAnyway}>
          Register a new owner anyway
        </button>
      </div>
    </div>
  );
}
