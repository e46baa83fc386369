import { CENTRAL_UNREACHABLE } from '../../../../core/api/audit.js';
import { ErrorCode } from '../../../../core/errors.js';
import { EmptyState, ErrorState } from '../../ui/states.js';

function codeOf(error: unknown): string | null {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : null;
}

/**
 * True when record history failed because the central server is out of reach. Losing the
 * workstation itself (the same code, another reason) is a plain error with its own message.
 */
export function isOffline(error: unknown): boolean {
  if (codeOf(error) !== ErrorCode.BackendUnavailable) return false;
  const details = (error as { details?: unknown }).details;
  return (
    typeof details === 'object' && details !== null && 'reason' in details && details.reason === CENTRAL_UNREACHABLE
  );
}

/**
 * How an admin screen shows a failed read: a refusal says who may open it, an unreachable
 * server says the feature needs the connection, anything else is an error with a retry.
 */
export function AdminError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (codeOf(error) === ErrorCode.Forbidden) {
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
