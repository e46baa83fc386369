import { useEffect, useRef, type RefObject } from 'react';

/**
 * Keeps a native <dialog> shown as a modal exactly while `open` is true. The browser then gives
 * focus trapping, Escape (a `cancel` event) and the top layer, so nothing reimplements them.
 * Returns the ref to put on the <dialog>.
 */
export function useModal(open: boolean): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}
