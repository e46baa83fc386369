import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useClient } from './client-context.js';
import { queriesForTables } from './query-keys.js';
import { getSyncStatus, setSyncStatus } from './sync-status-store.js';
import { getUpdateState, setUpdateState } from './update-status-store.js';

/**
 * Wires the backend's events into the UI: `data.changed` refetches the views showing those
 * tables; `sync.status` updates the status store, and refetches the inbox lists when their
 * counts move (rejections are not a replicated table, so no `data.changed` names them);
 * `update.status` updates the update store (the desktop app only).
 */
export function useBackendEvents(): void {
  const client = useClient();
  const queryClient = useQueryClient();
  useEffect(() => {
    let live = true;
    client['sync.status']({}).then(
      (status) => {
        if (live && getSyncStatus() === null) setSyncStatus(status);
      },
      () => {
        // No sync engine (a demo backend), or the backend is unreachable, which the indicator
        // shows from the client's connection state; the backend pushes the status on connecting.
      },
    );
    client['update.status']({}).then(
      (state) => {
        // An event that came first is newer than this answer.
        if (live && getUpdateState().state === 'unavailable') setUpdateState(state);
      },
      () => undefined, // unreachable backend: shown by the sync indicator; events follow on reconnecting
    );
    const offUpdate = client.on('update.status', setUpdateState);
    const offData = client.on('data.changed', ({ tables }) => {
      const names = queriesForTables(tables);
      if (names === 'all') void queryClient.invalidateQueries();
      else for (const name of names) void queryClient.invalidateQueries({ queryKey: [name] });
    });
    const offStatus = client.on('sync.status', (status) => {
      const previous = getSyncStatus();
      setSyncStatus(status);
      if (previous?.rejected !== status.rejected) void queryClient.invalidateQueries({ queryKey: ['rejections.list'] });
      if (previous?.openConflicts !== status.openConflicts) {
        void queryClient.invalidateQueries({ queryKey: ['conflicts.list'] });
      }
    });
    return () => {
      live = false;
      offData();
      offStatus();
      offUpdate();
    };
  }, [client, queryClient]);
}
