import { useApiQuery } from '../../api/use-api-query.js';

/**
 * Whether the signed-in staff member is a practice admin. Only decides what the UI offers: the
 * workstation backend and the central server refuse admin operations to anyone else.
 */
export function useIsAdmin(): boolean {
  const session = useApiQuery('session.current', {});
  return session.data?.role === 'admin' && session.data.deleted_at === null;
}
