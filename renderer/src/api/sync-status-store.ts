import type { SyncStatus } from '../../../core/sync/status.js';
import { externalStore } from './external-store.js';

/** The latest sync status, pushed by `sync.status` events; null before the first. */
const store = externalStore<SyncStatus | null>(null);

export const setSyncStatus = (status: SyncStatus): void => {
  store.set(status);
};
export const getSyncStatus = store.get;
export const subscribeSyncStatus = store.subscribe;
