import type { SyncStatus } from '../../../core/sync/status.js';

/**
 * The latest sync status, pushed by `sync.status` events. A plain external store rather than
 * a query: the backend pushes it, nobody needs to refetch it.
 */
let current: SyncStatus | null = null;
const listeners = new Set<() => void>();

export function setSyncStatus(status: SyncStatus): void {
  current = status;
  for (const listener of listeners) listener();
}
export function getSyncStatus(): SyncStatus | null {
  return current;
}
export function subscribeSyncStatus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
