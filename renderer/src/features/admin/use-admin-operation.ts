import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiInput, ApiOutput } from '../../../../core/api/contract.js';
import { useClient } from '../../api/client-context.js';
import { callApi } from '../../api/use-api-query.js';

/** The admin operations that change staff or devices on the central server (online only). */
export type AdminOperation =
  | 'admin.createStaff'
  | 'admin.updateStaff'
  | 'admin.resetPassword'
  | 'admin.createEnrolmentCode'
  | 'admin.revokeDevice';

/**
 * Runs one admin operation. The server applies it at once; the staff and devices lists come
 * from the replica, so they are read again now and once more when the change syncs in.
 */
export function useAdminOperation<Name extends AdminOperation>(name: Name) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiInput<Name>): Promise<ApiOutput<Name>> => callApi(client, name, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({
        queryKey: [
          name === 'admin.createEnrolmentCode' || name === 'admin.revokeDevice' ? 'admin.devices' : 'admin.staff',
        ],
      });
    },
  });
}
