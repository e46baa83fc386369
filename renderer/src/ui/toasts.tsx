import { useSyncExternalStore } from 'react';
import { dismissToast, getToasts, subscribeToasts } from './toast-store.js';

/**
 * The status bar at the bottom of every screen, and the toasts in it. It is always there, so a
 * toast appears in space kept for it and never covers a control (a toast floating over the page
 * hid the bill's "Add item" button). The page scrolls above it as it scrolls below the sticky
 * header, and `scroll-padding-bottom` (base.css) keeps a focused field clear of it.
 *
 * Toasts sit side by side on its one line, newest first; one too long for its place is cut
 * short, with its whole text in its tooltip. The region is a polite live region, so screen
 * readers announce each toast whole without interrupting.
 */
export function Toasts() {
  const toasts = useSyncExternalStore(subscribeToasts, getToasts);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <div className="toasts" role="status" aria-live="polite">
        {[...toasts].reverse().map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone}`}>
            <span className="toast-message" title={toast.message}>
              {toast.message}
            </span>
            <button
              type="button"
              className="btn btn-ghost btn-sm toast-dismiss"
              onClick={() => {
                dismissToast(toast.id);
              }}
            >
              <span aria-hidden="true">✕</span>
              <span className="visually-hidden">Dismiss</span>
            </button>
          </div>
        ))}
      </div>
      <span className="status-bar-hint" aria-hidden="true">
        <kbd>?</kbd> shortcuts
      </span>
    </footer>
  );
}
