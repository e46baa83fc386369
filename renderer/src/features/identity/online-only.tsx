import { ErrorCode, errorCodeOf } from '../../../../core/errors.js';
import type { KnownProblem } from '../../api/form-problem.js';
import { useSessionActions } from './session-context.js';

/**
 * How forms of online-only operations (admin work, password changes) explain the two refusals
 * that are about the connection rather than the input. `action` starts the sentence.
 */
export function onlineOnlyProblems(action: string): Partial<Record<ErrorCode, KnownProblem<never>>> {
  return {
    [ErrorCode.ServerUnavailable]: {
      message: `${action} needs the practice's server, which cannot be reached right now. Everything else keeps working offline; try again once the workstation is online.`,
    },
    [ErrorCode.SessionRequired]: {
      message: `${action} needs a session with the practice's server, and yours has ended (or you signed in while offline). Sign in again while connected.`,
    },
  };
}

/** A form's alert; for SESSION_REQUIRED it also offers to sign in again (lock, then sign-in). */
export function FormAlert({ message, error }: { message: string | null; error: unknown }) {
  const { lock } = useSessionActions();
  if (!message) return null;
  return (
    <div className="form-alert stack-sm" role="alert">
      <span>{message}</span>
      {errorCodeOf(error) === ErrorCode.SessionRequired ? (
        <span>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => {
              lock(true);
            }}
          >
            Sign in again
          </button>
        </span>
      ) : null}
    </div>
  );
}
