import type { WireError } from '../errors.js';
import type { SyncStatus } from '../sync/status.js';
import type { UpdateState } from '../update/update-state.js';
import type { VetdeskApi } from './contract.js';

/** What the backend tells the UI without being asked. */
export interface VetdeskEvents {
  /** The sync status changed (connection, pending, rejected, conflicts, progress). */
  'sync.status': SyncStatus;
  /** Rows staff can see changed in these replicated tables: refetch what shows them. */
  'data.changed': { tables: string[] };
  /** The desktop app's update state changed (never sent by the web bridge: there it is `unavailable`). */
  'update.status': UpdateState;
}
export type VetdeskEventName = keyof VetdeskEvents;

/**
 * Where the page stands with the workstation backend (not the central server: that is
 * `SyncStatus.connection`).
 * - `connecting`: the first connection is being made; calls wait for it.
 * - `connected`: calls go through; a heartbeat checks the backend still answers.
 * - `unreachable`: the connection was lost or never made; calls fail at once with `error`
 *   (BACKEND_UNAVAILABLE) while the client keeps trying to reconnect.
 * - `failed`: the client stopped trying (for example PROTOCOL_MISMATCH: reload the page);
 *   calls fail with `error`.
 */
export type ConnectionState =
  | { state: 'connecting' }
  | { state: 'connected' }
  | { state: 'unreachable'; error: WireError }
  | { state: 'failed'; error: WireError };

/**
 * The UI's handle on the backend, whatever carries it (the desktop app's MessagePort, the web
 * bridge's WebSocket): every operation of the contract, events, and the connection's state.
 * Calls reject with `AppError`s on every path.
 */
export interface VetdeskClient extends VetdeskApi {
  /** Subscribes to an event; returns the unsubscribe function. */
  on<Event extends VetdeskEventName>(event: Event, listener: (payload: VetdeskEvents[Event]) => void): () => void;
  /** The connection's current state. */
  connection(): ConnectionState;
  /** Called on every change of the connection's state; returns the unsubscribe function. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}
