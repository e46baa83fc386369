import type { ReactNode } from 'react';
import { ErrorCode, errorCodeOf } from '../../../core/errors.js';
import { errorMessage } from '../api/errors.js';

/** Placeholder lines while data loads, shaped roughly like what will come. */
export function Skeleton({ lines = 3, block = false }: { lines?: number; block?: boolean }) {
  return (
    <div className="stack-sm" aria-busy="true" aria-label="Loading">
      {Array.from({ length: lines }, (_, index) => (
        <span key={index} className={`skeleton ${block && index === 0 ? 'skeleton-block' : ''}`} />
      ))}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state">
      <p className="state-title">{title}</p>
      {children ? <p>{children}</p> : null}
    </div>
  );
}

/** A title that says what kind of trouble it is, where that is known. */
function errorTitle(error: unknown): string {
  switch (errorCodeOf(error)) {
    case ErrorCode.BackendUnavailable:
      return 'The workstation is not answering';
    case ErrorCode.Forbidden:
      return 'Not allowed';
    case ErrorCode.Unauthenticated:
      return 'This page is not connected';
    default:
      return 'Something went wrong';
  }
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{errorTitle(error)}</p>
      <p>{errorMessage(error)}</p>
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
