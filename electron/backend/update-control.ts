import { AppError, ErrorCode } from '../../core/errors.js';
import type { SyncStatus } from '../../core/sync/status.js';
import type { UpdateState } from '../../core/update/update-state.js';
import type { BackendEventSources } from './backend-events.js';

type SyncStatusSource = NonNullable<BackendEventSources['sync']>;

/** The updater as the backend serves it to the page (`update.*` operations and events). */
export interface UpdateControl {
  state(): UpdateState;
  /** Subscribes to state changes; returns the unsubscribe function. */
  onState(listener: (state: UpdateState) => void): () => void;
  /** @throws AppError UPDATE_UNAVAILABLE without an updater. */
  check(): void;
  /** @throws AppError UPDATE_UNAVAILABLE without an updater or without a version ready. */
  install(): void;
}

/** A command the backend relays to the updater, which lives in Electron main. */
export type UpdateCommand = 'check' | 'install';

const unavailable = () => new AppError(ErrorCode.UpdateUnavailable, 'This VetDesk does not update itself here');

/** No updater (the web bridge, `npm run workstation`): always `unavailable`. */
export const NO_UPDATER: UpdateControl = {
  state: () => ({ state: 'unavailable' }),
  onState: () => () => undefined,
  check: () => {
    throw unavailable();
  },
  install: () => {
    throw unavailable();
  },
};

/**
 * The desktop app's updater seen from the backend utility process: main reports its state
 * (`set`), the page's commands go back to main through `send`. `unavailable` until main reports
 * an updater (a development build, or no update server configured, never does).
 */
export class RelayedUpdateControl implements UpdateControl {
  private current: UpdateState = { state: 'unavailable' };
  private readonly listeners = new Set<(state: UpdateState) => void>();

  constructor(private readonly send: (command: UpdateCommand) => void) {}

  set(state: UpdateState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }

  state(): UpdateState {
    return this.current;
  }

  onState(listener: (state: UpdateState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  check(): void {
    if (this.current.state === 'unavailable') throw unavailable();
    this.send('check');
  }

  install(): void {
    if (this.current.state !== 'ready') {
      throw new AppError(ErrorCode.UpdateUnavailable, 'No verified update is ready to install');
    }
    this.send('install');
  }
}

/**
 * Calls `listener` with the server's words each time the sync becomes blocked by
 * PROTOCOL_MISMATCH (the server answered 426: this version is too old for it), following a
 * sync engine that arrives later too.
 * @returns the unsubscribe function.
 */
export function watchProtocolMismatch(
  sources: Pick<BackendEventSources, 'sync' | 'onSyncAttached'>,
  listener: (reason: string) => void,
): () => void {
  let blocked = false;
  let offStatus: () => void = () => undefined;
  const follow = (sync: SyncStatusSource) => {
    offStatus();
    const seen = (status: SyncStatus) => {
      const tooOld = status.blockedBy?.code === ErrorCode.ProtocolMismatch;
      if (tooOld && !blocked) listener(status.blockedBy?.message ?? 'The server needs a newer VetDesk');
      blocked = tooOld;
    };
    offStatus = sync.onStatus(seen);
    seen(sync.status());
  };
  if (sources.sync) follow(sources.sync);
  const offAttached = sources.onSyncAttached?.(follow) ?? (() => undefined);
  return () => {
    offAttached();
    offStatus();
  };
}
