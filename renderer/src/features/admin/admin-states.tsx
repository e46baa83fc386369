import { CENTRAL_UNREACHABLE } from '../../../../core/api/audit.js';
import { detailsIf, ErrorCode, errorCodeOf } from '../../../../core/errors.js';
import { errorMessage } from '../../api/errors.js';
import { formProblem } from '../../api/form-problem.js';
import { EmptyState, ErrorState } from '../../ui/states.js';
import { FormAlert, onlineOnlyProblems } from '../identity/online-only.js';

/**
 * True when record history failed because the central server is out of reach. Losing the
 * workstation itself (the same code, another reason) is a plain error with its own message.
 */
export function isOffline(error: unknown): boolean {
  return detailsIf(error, ErrorCode.BackendUnavailable)?.reason === CENTRAL_UNREACHABLE;
}

/** A sentence for a failed admin action outside a form (a toast); `action` starts it ("Holding a channel"). */
export function adminFailure(error: unknown, action: string): string {
  return formProblem(error, [], onlineOnlyProblems(action)).alert ?? errorMessage(error);
}

/**
 * How an admin screen shows a failed read: a refusal says who may open it, an unreachable
 * server says the feature needs the connection, anything else is an error with a retry.
 * `action` ("Managing updates") names what a screen read from the server needs the connection
 * or a server session for, when that is the trouble.
 */
export function AdminError({ error, onRetry, action }: { error: unknown; onRetry: () => void; action?: string }) {
  const code = errorCodeOf(error);
  const online = action === undefined || code === undefined ? undefined : onlineOnlyProblems(action)[code];
  if (online) {
    return (
      <div className="state stack-sm" data-testid="admin-online-only">
        <p className="state-title">Not available right now</p>
        <FormAlert message={online.message} error={error} />
        <p>
          <button type="button" className="btn" onClick={onRetry}>
            Try again
          </button>
        </p>
      </div>
    );
  }
  if (detailsIf(error, ErrorCode.Forbidden) !== undefined) {
    return (
      <EmptyState title="Only practice admins can open this">
        Ask an admin of the practice if you need this information. <a href="#/today">Back to today</a>
      </EmptyState>
    );
  }
  if (isOffline(error)) {
    return (
      <div className="state" role="status" data-testid="history-offline">
        <p className="state-title">Record history is available online only</p>
        <p>
          The history of changes is kept on the practice's central server, which this workstation cannot reach right
          now. Everything else keeps working offline.
        </p>
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  return <ErrorState error={error} onRetry={onRetry} />;
}
