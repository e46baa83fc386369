import { useMutation } from '@tanstack/react-query';
import type { EnrolmentView } from '../../../../core/api/identity-views.js';
import { useClient } from '../../api/client-context.js';
import { errorMessage } from '../../api/errors.js';
import { IdentityLayout } from './identity-layout.js';
import { saveTextFile } from './save-file.js';

/**
 * An admin revoked this workstation: it no longer syncs. Says so plainly, how many changes made
 * here never reached the server, and saves them as a file an admin can look at.
 */
export function RevokedScreen({ enrolment }: { enrolment: Extract<EnrolmentView, { state: 'revoked' }> }) {
  const client = useClient();
  const exportOutbox = useMutation({
    mutationFn: () => client['outbox.export']({}),
    onSuccess: (file) => {
      saveTextFile(file.fileName, file.json);
    },
  });
  const pending = enrolment.pendingChanges;
  return (
    <IdentityLayout titleId="revoked-title" showSync>
      <div className="stack-sm">
        <h1 id="revoked-title">This workstation was disconnected</h1>
        <p className="identity-lead">
          An admin revoked “{enrolment.deviceName}”: it no longer syncs with the practice's server and nobody can sign
          in here. To use it again, an admin enrols it with a new code.
        </p>
      </div>
      <div className="stack-sm" data-testid="revoked-pending">
        {pending === 0 ? (
          <p>No unsynced changes: everything made here reached the server.</p>
        ) : (
          <>
            <p>
              <span className="revoked-count">{pending}</span>{' '}
              {pending === 1 ? 'change made here never reached' : 'changes made here never reached'} the server.
            </p>
            <p>They are kept on this computer. Save them as a file and give it to an admin.</p>
          </>
        )}
      </div>
      {exportOutbox.isError ? (
        <p className="form-alert" role="alert">
          {errorMessage(exportOutbox.error)}
        </p>
      ) : null}
      {exportOutbox.isSuccess ? (
        <p role="status" className="muted">
          Saved {exportOutbox.data.count} change{exportOutbox.data.count === 1 ? '' : 's'} as{' '}
          {exportOutbox.data.fileName}.
        </p>
      ) : null}
      <div className="identity-actions">
        <button
          type="button"
          className={`btn ${pending > 0 ? 'btn-primary' : ''}`}
          disabled={exportOutbox.isPending}
          onClick={() => {
            exportOutbox.mutate();
          }}
        >
          {exportOutbox.isPending ? 'Preparing…' : 'Save unsynced changes'}
        </button>
      </div>
    </IdentityLayout>
  );
}
