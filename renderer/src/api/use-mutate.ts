import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MutateRequest } from '../../../core/mutations/registry.js';
import { showToast } from '../ui/toast-store.js';
import { useClient } from './client-context.js';
import { errorMessage } from './errors.js';

/** A mutation request (its arguments checked against that mutation's schema) and its toast. */
export type MutateVariables = MutateRequest & {
  /** Said in a toast once the change is saved locally. */
  success?: string;
};

/**
 * Runs a named mutation. The workstation applies it locally at once, so the views refetch on
 * success without waiting for `data.changed`; errors become a toast with the backend's words.
 */
export function useMutate() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ success: _toast, ...request }: MutateVariables) => client.mutate(request),
    onSuccess: async (_result, variables) => {
      if (variables.success) showToast(variables.success, 'success');
      await queryClient.invalidateQueries();
    },
    onError: (error) => {
      showToast(errorMessage(error), 'error');
    },
  });
}
