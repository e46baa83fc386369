import { useMutation } from '@tanstack/react-query';
import type { EnrolmentView, IdentityState } from '../../../../core/api/identity-views.js';
import { useClient } from '../../api/client-context.js';
import { errorMessage } from '../../api/errors.js';
import { IdentityLayout } from './identity-layout.js';
import { saveTextFile } from './save-file.js';
import { SignInForm } from './sign-in-form.js';

interface RevokedScreenProps {
  enrolment: Extract<EnrolmentView, { state: 'revoked' }>;
  /** Who may sign in to save the changes (checked offline: the server no longer answers this workstation). */
  state: IdentityState;
}

/**
 * An admin revoked this workstation: it no longer syncs. Says so plainly, how many changes made
 * here never reached the server, and saves them as a file an admin can look at. Saving them
 * needs someone signed in (the backend refuses it otherwise): a person who signed in here before
 * signs in with their password, checked on this workstation, and the button appears.
 */
export function RevokedScreen({ enrolment, state }: RevokedScreenProps) {
  const client = useClient();
  const exportOutbox = useMutation({
    mutationFn: () => client['outbox.export']({}),
    onSuccess: (file) => {
      saveTextFile(file.fileName, file.json);
    },
  });
  const pending = enrolment.pendingChanges;
  const signedIn = state.session !== null;
  return (
    <IdentityLayout titleId="revoked-title" showSync>
      <div className="stack-sm">
        <h1 id="revoked-title">This workstation was disconnected</h1>
        <p className="identity-lead">
          An admin revoked “{enrolment.deviceName}”: it no longer syncs with the practice's server and nobody can work
          here. To use it again, an admin enrols it with a new code.
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
            <p>
              They are kept on this computer. {signedIn ? 'Save them as a file' : 'Sign in to save them as a file'} and
              give it to an admin.
            </p>
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
      {pending > 0 && !signedIn ? (
        <SignInForm knownUsers={state.knownUsers} submitLabel="Sign in to save changes" />
      ) : null}
      {pending > 0 && signedIn ? (
        <div className="identity-actions">
          {/* Appears once someone signed in: their next step, so it takes the focus. */}
          <button
            type="button"
            className="btn btn-primary"
            autoFocus
            disabled={exportOutbox.isPending}
            onClick={() => {
              exportOutbox.mutate();
            }}
          >
            {exportOutbox.isPending ? 'Preparing…' : 'Save unsynced changes'}
          </button>
        </div>
      ) : null}
    </IdentityLayout>
  );
}
