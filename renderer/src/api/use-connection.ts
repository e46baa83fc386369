import { useCallback, useSyncExternalStore } from 'react';
import type { ConnectionState } from '../../../core/api/client.js';
import { useClient } from './client-context.js';

/** Where the page stands with the workstation backend, re-rendering on every change. */
export function useConnection(): ConnectionState {
  const client = useClient();
  const subscribe = useCallback((listener: () => void) => client.onConnection(listener), [client]);
  const snapshot = useCallback(() => client.connection(), [client]);
  return useSyncExternalStore(subscribe, snapshot);
}
