import { useEffect } from 'react';

/**
 * Ctrl+L (⌘L on a Mac) anywhere, in fields and dialogs too: locking must never depend on where
 * the focus is. The browser's own use of the key (the address bar) gives way to it.
 */
export function useLockShortcut(onLock: (() => void) | null): void {
  useEffect(() => {
    if (!onLock) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (event.key.toLowerCase() !== 'l') return;
      event.preventDefault();
      onLock();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
    };
  }, [onLock]);
}
