import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MutationName } from '../../../core/mutations/registry.js';
import { showToast } from '../ui/toast-store.js';
import { useClient } from './client-context.js';
import { errorMessage } from './errors.js';

interface MutateVariables {
  name: MutationName;
  args: Record<string, unknown>;
  /** Said in a toast once the change is saved locally. */
  success?: string;
}

/**
 * Runs a named mutation. The workstation applies it locally at once, so the views refetch on
 * success without waiting for `data.changed`; errors become a toast with the backend's words.
 */
export function useMutate() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, args }: MutateVariables) => client.mutate({ name, args }),
    onSuccess: async (_result, variables) => {
      if (variables.success) showToast(variables.success, 'success');
      await queryClient.invalidateQueries();
    },
    onError: (error) => {
      showToast(errorMessage(error), 'error');
    },
  });
}
