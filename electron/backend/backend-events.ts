import type { EventFrame } from '../../core/api/rpc/frames.js';
import type { LocalReplica } from '../../db/local/replica.js';
import type { SyncEngine } from '../../sync/client/sync-engine.js';
import type { UpdateControl } from './update-control.js';

/** Where the backend's events come from: replica changes and sync status. */
export interface BackendEventSources {
  replica: Pick<LocalReplica, 'onChange'>;
  sync: Pick<SyncEngine, 'onStatus' | 'status'> | null;
  /** Told when a sync engine arrives later (a workstation enrolled while a page was open). */
  onSyncAttached?: (listener: (sync: Pick<SyncEngine, 'onStatus' | 'status'>) => void) => () => void;
  /** The desktop app's updater; absent or `unavailable` in the web bridge, which then never sends `update.status`. */
  updates?: Pick<UpdateControl, 'onState' | 'state'>;
}

/**
 * Subscribes `push` to `data.changed`, `sync.status` and `update.status` of a workstation: the
 * events `serveContract` forwards on every connection, whichever transport carries it. The
 * current sync status (and update state, where there is an updater) is pushed at once, so a
 * page knows where the workstation stands (first sync progress included) from its first frame
 * rather than after a request of its own.
 * @returns the unsubscribe function.
 */
export function subscribeBackendEvents(sources: BackendEventSources, push: (event: EventFrame) => void): () => void {
  const offChange = sources.replica.onChange((tables) => {
    push({ event: 'data.changed', payload: { tables: [...tables] } });
  });
  let offStatus: () => void = () => undefined;
  const follow = (sync: Pick<SyncEngine, 'onStatus' | 'status'>) => {
    offStatus();
    offStatus = sync.onStatus((status) => {
      push({ event: 'sync.status', payload: status });
    });
    push({ event: 'sync.status', payload: sync.status() });
  };
  if (sources.sync) follow(sources.sync);
  const offAttached = sources.onSyncAttached?.(follow) ?? (() => undefined);
  const offUpdates =
    sources.updates?.onState((state) => {
      push({ event: 'update.status', payload: state });
    }) ?? (() => undefined);
  const updateState = sources.updates?.state();
  if (updateState && updateState.state !== 'unavailable') push({ event: 'update.status', payload: updateState });
  return () => {
    offChange();
    offAttached();
    offStatus();
    offUpdates();
  };
}
