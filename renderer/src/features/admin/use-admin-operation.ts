import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiInput, ApiOutput } from '../../../../core/api/contract.js';
import { useClient } from '../../api/client-context.js';
import type { QueryName } from '../../api/query-keys.js';
import { callApi } from '../../api/use-api-query.js';

/** The admin operations that change something on the central server (online only), and the list each changes. */
const REFRESHES = {
  'admin.createStaff': 'admin.staff',
  'admin.updateStaff': 'admin.staff',
  'admin.resetPassword': 'admin.staff',
  'admin.createEnrolmentCode': 'admin.devices',
  'admin.revokeDevice': 'admin.devices',
  'admin.holdChannel': 'admin.updates',
  'admin.rollbackChannel': 'admin.updates',
  'admin.setRollout': 'admin.updates',
} as const satisfies Partial<Record<QueryName, QueryName>>;

export type AdminOperation = keyof typeof REFRESHES;

/**
 * Runs one admin operation. The server applies it at once; the list it changes is read again
 * now (the staff and devices lists come from the replica, so once more when the change syncs in).
 */
export function useAdminOperation<Name extends AdminOperation>(name: Name) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiInput<Name>): Promise<ApiOutput<Name>> => callApi(client, name, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [REFRESHES[name]] });
    },
  });
}
