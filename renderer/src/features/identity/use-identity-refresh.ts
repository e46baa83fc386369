import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { ErrorCode } from '../../../../core/errors.js';
import { getSyncStatus, subscribeSyncStatus } from '../../api/sync-status-store.js';
import { useConnection } from '../../api/use-connection.js';
import { IDENTITY_KEY } from './identity-cache.js';

/**
 * Reads the identity state again when it may have changed without the page asking: the sync
 * engine learnt that the device was revoked, or the page reconnected to a backend that may
 * have restarted (nobody signed in any more).
 */
export function useIdentityRefresh(): void {
  const queryClient = useQueryClient();
  const status = useSyncExternalStore(subscribeSyncStatus, getSyncStatus);
  const blockedBy = status?.blockedBy?.code ?? null;
  const connection = useConnection().state;
  const lost = useRef(false);
  useEffect(() => {
    if (blockedBy === ErrorCode.DeviceRevoked) void queryClient.invalidateQueries({ queryKey: IDENTITY_KEY });
  }, [blockedBy, queryClient]);
  useEffect(() => {
    if (connection === 'unreachable') lost.current = true;
    if (connection === 'connected' && lost.current) {
      lost.current = false;
      void queryClient.invalidateQueries({ queryKey: IDENTITY_KEY });
    }
  }, [connection, queryClient]);
}
