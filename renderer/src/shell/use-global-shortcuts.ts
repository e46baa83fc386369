import { useEffect } from 'react';

interface ShortcutHandlers {
  openSearch: () => void;
  openHelp: () => void;
  go: (target: 't' | 'i') => void;
}

/** True while the user types in a field: single-key shortcuts must not steal letters. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Global keys: Ctrl/Cmd+K anywhere (even in a field: it is what people expect), and, outside
 * fields and dialogs, `/`, `?` and the two-key `g t` / `g i` / `g s` sequences (1.2 s apart max).
 */
export function useGlobalShortcuts(handlers: ShortcutHandlers): void {
  useEffect(() => {
    let pendingG = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        handlers.openSearch();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      if (pendingG && Date.now() - pendingG < 1200) {
        pendingG = 0;
        if (event.key === 't' || event.key === 'i') handlers.go(event.key);
        else if (event.key === 's') handlers.openSearch();
        else return;
        event.preventDefault();
        return;
      }
      pendingG = 0;
      if (event.key === 'g') pendingG = Date.now();
      else if (event.key === '?') handlers.openHelp();
      else if (event.key === '/') {
        event.preventDefault();
        handlers.openSearch();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [handlers]);
}
