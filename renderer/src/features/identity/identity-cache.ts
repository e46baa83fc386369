import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../../../core/api/contract.js';
import type { IdentityState } from '../../../../core/api/identity-views.js';
import { ErrorCode, errorCodeOf } from '../../../../core/errors.js';
import { useClient } from '../../api/client-context.js';
import { queryKey } from '../../api/query-keys.js';
import { callApi } from '../../api/use-api-query.js';

/** The cache key of `identity.state`, the one answer the gate decides on. */
export const IDENTITY_KEY = queryKey('identity.state', {});

/**
 * Errors that mean the workstation's idea of who may work here changed under the page (the
 * screen was locked elsewhere, the session ended, the device was revoked or forgotten): the
 * identity state is read again and the gate shows what it now says.
 */
const IDENTITY_ERRORS: ReadonlySet<string> = new Set([
  ErrorCode.SessionRequired,
  ErrorCode.DeviceRevoked,
  ErrorCode.NotEnrolled,
]);

/** Reads the identity state again when `error` says it may have changed. For every query and mutation. */
export function refreshIdentityOn(error: unknown, queryClient: QueryClient): void {
  const code = errorCodeOf(error);
  if (code !== undefined && IDENTITY_ERRORS.has(code)) void queryClient.invalidateQueries({ queryKey: IDENTITY_KEY });
}

/** Operations that answer the workstation's new identity state. */
export type IdentityChange = 'setup.enrol' | 'session.signIn' | 'session.signOut' | 'session.lock';

/**
 * Runs an operation that changes who is signed in (or whether the workstation is enrolled) and
 * puts its answer in the cache at once, so the gate moves without asking again.
 */
export function useIdentityChange<Name extends IdentityChange>(name: Name) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiInput<Name>): Promise<IdentityState> => callApi(client, name, input),
    onSuccess: (state) => {
      queryClient.setQueryData(IDENTITY_KEY, state);
    },
  });
}
