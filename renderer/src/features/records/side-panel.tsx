import type { ReactNode } from 'react';
import { useModal } from '../../ui/use-modal.js';

interface SidePanelProps {
  open: boolean;
  /** Accessible name of the panel. */
  label: string;
  /** Esc, a click on the backdrop: the owner decides whether to ask first. */
  onRequestClose: () => void;
  children: ReactNode;
}

/**
 * A modal panel docked on the right, on the native <dialog> (focus trapping and the top layer
 * from the browser). Unlike the shared Dialog, Esc does not close it outright: it asks the
 * owner, who may want to confirm discarding unsaved text first.
 */
export function SidePanel({ open, label, onRequestClose, children }: SidePanelProps) {
  const ref = useModal(open);
  return (
    <dialog
      ref={ref}
      aria-label={label}
      className="side-panel"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onRequestClose();
      }}
      onCancel={(event) => {
        event.preventDefault();
        onRequestClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onRequestClose();
      }}
    >
      {open ? children : null}
    </dialog>
  );
}
