import type { ReactNode } from 'react';
import { showToast } from '../../ui/toast-store.js';

interface GuardedButtonProps {
  allowed: boolean;
  /** Why the action is unavailable: the tooltip, and said aloud to screen readers. */
  reason: string;
  onClick: () => void;
  className?: string;
  children: ReactNode;
}

/**
 * A button for an action the signed-in role may lack. When not allowed it stays focusable
 * (aria-disabled rather than disabled) so the tooltip and the reason reach keyboard and
 * screen-reader users too; a click only repeats the reason.
 */
export function GuardedButton({ allowed, reason, onClick, className = 'btn btn-sm', children }: GuardedButtonProps) {
  if (allowed) {
    return (
      <button type="button" className={className} onClick={onClick}>
        {children}
      </button>
    );
  }
  return (
    <button
      type="button"
      className={`${className} btn-guarded`}
      aria-disabled="true"
      title={reason}
      aria-description={reason}
      onClick={() => {
        showToast(reason);
      }}
    >
      {children}
    </button>
  );
}
