import { useSyncExternalStore } from 'react';
import { dismissToast, getToasts, subscribeToasts } from './toast-store.js';

/** The toast region: polite live region so screen readers announce without interrupting. */
export function Toasts() {
  const toasts = useSyncExternalStore(subscribeToasts, getToasts);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`}>
          <span className="grow">{toast.message}</span>
          <button
            type="button"
            className="btn btn-ghost btn-sm"
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
  );
}
