import type { SyncStatus } from '../sync/status.js';
import type { VetdeskApi } from './contract.js';

/** What the backend tells the UI without being asked. */
export interface VetdeskEvents {
  /** The sync status changed (connection, pending, rejected, conflicts, progress). */
  'sync.status': SyncStatus;
  /** Rows staff can see changed in these replicated tables: refetch what shows them. */
  'data.changed': { tables: string[] };
}
export type VetdeskEventName = keyof VetdeskEvents;

/**
 * The UI's handle on the backend, whatever carries it (Electron IPC in the desktop app, the
 * WebSocket web bridge in a browser): every operation of the contract, plus events.
 */
export interface VetdeskClient extends VetdeskApi {
  /** Subscribes to an event; returns the unsubscribe function. */
  on<Event extends VetdeskEventName>(event: Event, listener: (payload: VetdeskEvents[Event]) => void): () => void;
}
