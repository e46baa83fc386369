import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ApiInput, ApiOutput } from '../../../core/api/contract.js';
import type { VetdeskClient } from '../../../core/api/client.js';
import { useClient } from './client-context.js';
import { queryKey, type QueryName } from './query-keys.js';

/** Calls one operation; the cast only bridges TypeScript's lost name/input correlation. */
export function callApi<Name extends QueryName>(
  client: VetdeskClient,
  name: Name,
  input: ApiInput<Name>,
): Promise<ApiOutput<Name>> {
  const operation = client[name] as (value: ApiInput<Name>) => Promise<ApiOutput<Name>>;
  return operation.call(client, input);
}

/** A cached read of one contract operation, refetched when `data.changed` touches its tables. */
export function useApiQuery<Name extends QueryName>(
  name: Name,
  input: ApiInput<Name>,
  options: { enabled?: boolean; keepPrevious?: boolean } = {},
): UseQueryResult<ApiOutput<Name>> {
  const client = useClient();
  return useQuery({
    queryKey: queryKey(name, input),
    queryFn: () => callApi(client, name, input),
    enabled: options.enabled ?? true,
    // Keeps the last answer on screen while the next input loads (typing, changing days).
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}
