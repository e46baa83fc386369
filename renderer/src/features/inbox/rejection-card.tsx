import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { RejectionView } from '../../../../core/api/views.js';
import { useClient } from '../../api/client-context.js';
import { errorMessage } from '../../api/errors.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { formatDateTime } from '../../ui/format.js';
import { showToast } from '../../ui/toast-store.js';
import { changeName } from './change-name.js';
import { ConflictRecord } from './conflict-record.js';
import { RejectionEditDialog } from './rejection-edit-dialog.js';
import { rejectionTarget } from './rejection-target.js';

/** Refusals whose code says more to staff than the server's sentence. */
const PLAIN_WORDS: Partial<Record<string, string>> = {
  INSUFFICIENT_CREDIT:
    'That credit was already used (on another bill or refunded): the account does not hold enough credit for this.',
};

/** A change the server refused: why, and retry (after whatever fixed it), edit and send again, or discard. */
export function RejectionCard({ rejection }: { rejection: RejectionView }) {
  const client = useClient();
  // Discarding drops staff's work for good: it asks first, as every destructive action does.
  const [discarding, setDiscarding] = useState(false);
  const [editing, setEditing] = useState(false);
  const target = rejectionTarget(rejection.name, rejection.args);
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: (action: 'retry' | 'discard') =>
      action === 'retry'
        ? client['rejections.retry']({ id: rejection.id })
        : client['rejections.discard']({ id: rejection.id }),
    onSuccess: async (_result, action) => {
      showToast(action === 'retry' ? 'Sent again' : 'Change discarded', 'success');
      await queryClient.invalidateQueries();
    },
    onError: (error) => {
      showToast(errorMessage(error), 'error');
    },
  });
  return (
    <article className="card inbox-card" data-testid="rejection">
      <header className="row-between">
        <h3>
          {changeName(rejection.name)}
          <ConflictRecord table={target?.table ?? null} id={target?.id ?? null} />
        </h3>
        <span className="muted">{formatDateTime(rejection.createdAt)}</span>
      </header>
      <p className="alert-banner">
        {(rejection.error ? PLAIN_WORDS[rejection.error.code] : undefined) ??
          rejection.error?.message ??
          'The server refused this change.'}
      </p>
      {rejection.error ? <p className="muted mono">{rejection.error.code}</p> : null}
      <details>
        <summary className="muted">What was sent</summary>
        <pre className="mono inbox-args">{JSON.stringify(rejection.args, null, 2)}</pre>
      </details>
      <div className="row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={act.isPending}
          onClick={() => {
            act.mutate('retry');
          }}
        >
          Retry
        </button>
        <button
          type="button"
          className="btn"
          disabled={act.isPending}
          onClick={() => {
            setEditing(true);
          }}
        >
          Edit…
        </button>
        <button
          type="button"
          className="btn"
          disabled={act.isPending}
          onClick={() => {
            setDiscarding(true);
          }}
        >
          Discard…
        </button>
      </div>
      <RejectionEditDialog
        rejection={rejection}
        open={editing}
        onClose={() => {
          setEditing(false);
        }}
      />
      <ConfirmDialog
        open={discarding}
        title="Discard this change?"
        confirmLabel="Discard change"
        danger
        busy={act.isPending}
        onCancel={() => {
          setDiscarding(false);
        }}
        onConfirm={() => {
          act.mutate('discard', {
            onSettled: () => {
              setDiscarding(false);
            },
          });
        }}
      >
        <p>
          The server refused it, so it never reached the other workstations. Discarding removes it from this workstation
          too: it cannot be sent again.
        </p>
      </ConfirmDialog>
    </article>
  );
}
