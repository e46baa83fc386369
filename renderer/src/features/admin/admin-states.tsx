import { CENTRAL_UNREACHABLE } from '../../../../core/api/audit.js';
import { detailsIf, ErrorCode } from '../../../../core/errors.js';
import { EmptyState, ErrorState } from '../../ui/states.js';

/**
 * True when record history failed because the central server is out of reach. Losing the
 * workstation itself (the same code, another reason) is a plain error with its own message.
 */
export function isOffline(error: unknown): boolean {
  return detailsIf(error, ErrorCode.BackendUnavailable)?.reason === CENTRAL_UNREACHABLE;
}

/**
 * How an admin screen shows a failed read: a refusal says who may open it, an unreachable
 * server says the feature needs the connection, anything else is an error with a retry.
 */
export function AdminError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
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
