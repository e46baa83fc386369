import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { errorCodeOf, isRetryable } from '../../core/errors.js';
import { createRoot } from 'react-dom/client';
import { createVetdeskClient } from './api/client.js';
import { ClientProvider } from './api/client-context.js';
import { App } from './app.js';
import { refreshIdentityOn } from './features/identity/identity-cache.js';
import { IdentityGate } from './features/identity/identity-gate.js';
import { applyTheme, storedTheme } from './ui/theme.js';
import './ui/tokens.css';
import './ui/base.css';
import './ui/components.css';
import './shell/shell.css';
import './features/search/search.css';
import './features/today/today.css';
import './features/patients/patients.css';
import './features/inbox/inbox.css';
import './features/bills/bills.css';
import './features/billing/billing.css';
import './features/booking/booking.css';

applyTheme(storedTheme());

// The client reads the bridge secret from the URL fragment when it is created; the fragment
// then becomes the route, so the secret does not linger in the address bar or history.
const client = createVetdeskClient();
if (!window.location.hash.startsWith('#/')) window.history.replaceState(null, '', '#/today');

const queryClient: QueryClient = new QueryClient({
  // Any refusal that says the session or the device changed makes the gate look again.
  queryCache: new QueryCache({
    onError: (error) => {
      refreshIdentityOn(error, queryClient);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error) => {
      refreshIdentityOn(error, queryClient);
    },
  }),
  defaultOptions: {
    queries: {
      // The local replica answers in milliseconds and `data.changed` says when to refetch,
      // so cached data stays fresh until an event says otherwise.
      staleTime: Infinity,
      // Once, and only when the error says trying again may help (core/errors.ts decides).
      retry: (failures, error) => {
        const code = errorCodeOf(error);
        return failures < 1 && code !== undefined && isRetryable(code);
      },
      refetchOnWindowFocus: false,
    },
  },
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks #root');
createRoot(container).render(
  <StrictMode>
    <ClientProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <IdentityGate>
          <App />
        </IdentityGate>
      </QueryClientProvider>
    </ClientProvider>
  </StrictMode>,
);
