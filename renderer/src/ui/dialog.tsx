import type { ReactNode } from 'react';
import { useModal } from './use-modal.js';

interface DialogProps {
  open: boolean;
  onClose: () => void;
  /** Accessible name of the dialog. */
  label: string;
  wide?: boolean;
  className?: string;
  children: ReactNode;
}

/**
 * A modal on the native <dialog> element: the browser gives focus trapping, Escape and the
 * top layer for free, so nothing here reimplements them.
 */
export function Dialog({ open, onClose, label, wide = false, className = '', children }: DialogProps) {
  const ref = useModal(open);
  return (
    <dialog
      ref={ref}
      aria-label={label}
      className={`dialog ${wide ? 'dialog-wide' : ''} ${className}`}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself: treat it as "close".
        if (event.target === ref.current) onClose();
      }}
    >
      {open ? children : null}
    </dialog>
  );
}
