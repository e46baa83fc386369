import { createContext, useContext, type ReactNode } from 'react';
import type { VetdeskClient } from '../../../core/api/client.js';

const ClientContext = createContext<VetdeskClient | null>(null);

export function ClientProvider({ client, children }: { client: VetdeskClient; children: ReactNode }) {
  return <ClientContext value={client}>{children}</ClientContext>;
}

/** The backend handle. Throws outside the provider: that is a wiring bug, not a user error. */
export function useClient(): VetdeskClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside <ClientProvider>');
  return client;
}
