import { describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../../../core/errors.js';
import type { SyncStatus } from '../../../../core/sync/status.js';
import {
  NO_UPDATER,
  RelayedUpdateControl,
  type UpdateCommand,
  watchProtocolMismatch,
} from '../../../../electron/backend/update-control.js';

const status = (blockedBy: SyncStatus['blockedBy']): SyncStatus => ({
  connection: blockedBy ? 'blocked' : 'online',
  blockedBy,
  pending: 0,
  acknowledged: 0,
  rejected: 0,
  openConflicts: 0,
  lastSyncAt: null,
  initialSync: { done: true, rowsReceived: 0, rowsExpected: 0 },
});

/** A sync engine's status seam, driven by the test. */
function statusSource(initial: SyncStatus) {
  let current = initial;
  const listeners = new Set<(value: SyncStatus) => void>();
  return {
    status: () => current,
    onStatus: (listener: (value: SyncStatus) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next: SyncStatus) {
      current = next;
      for (const listener of listeners) listener(next);
    },
  };
}

const tooOld = {
  code: ErrorCode.ProtocolMismatch,
  message: 'This server speaks sync protocol 2; update the workstation',
};

describe('update control in the backend', () => {
  it('has no updater in the web bridge: unavailable, and commands refused with UPDATE_UNAVAILABLE', () => {
    expect(NO_UPDATER.state()).toEqual({ state: 'unavailable' });
    expect(() => {
      NO_UPDATER.check();
    }).toThrow(expect.objectContaining({ code: ErrorCode.UpdateUnavailable }));
    expect(() => {
      NO_UPDATER.install();
    }).toThrow(expect.objectContaining({ code: ErrorCode.UpdateUnavailable }));
  });

  it('relays install to main only while a verified version is ready', () => {
    const sent: UpdateCommand[] = [];
    const control = new RelayedUpdateControl((command) => sent.push(command));
    expect(() => {
      control.check();
    }).toThrow(expect.objectContaining({ code: ErrorCode.UpdateUnavailable }));
    control.set({ state: 'refused', reason: 'not signed' });
    expect(() => {
      control.install();
    }).toThrow(expect.objectContaining({ code: ErrorCode.UpdateUnavailable }));
    control.check();
    control.set({ state: 'ready', version: '2.0.0', notes: '' });
    control.install();
    expect(sent).toEqual(['check', 'install']);
  });

  it('tells main once each time the server starts answering 426, following an engine attached later', () => {
    const listener = vi.fn();
    let attach: ((sync: ReturnType<typeof statusSource>) => void) | undefined;
    const stop = watchProtocolMismatch(
      {
        sync: null,
        onSyncAttached: (follow) => {
          attach = follow;
          return () => undefined;
        },
      },
      listener,
    );
    const sync = statusSource(status(tooOld));
    attach?.(sync);
    sync.set(status(tooOld));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith(tooOld.message);
    sync.set(status(null));
    sync.set(status({ code: ErrorCode.DeviceRevoked, message: 'revoked' }));
    sync.set(status(tooOld));
    expect(listener).toHaveBeenCalledTimes(2);
    stop();
    sync.set(status(null));
    sync.set(status(tooOld));
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
