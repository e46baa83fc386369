import type { StaffRow } from '../../../../core/api/views.js';
import { useApiQuery } from '../../api/use-api-query.js';

export const WRITE_REASON = 'Only vets and nurses write clinical records';
export const FINALIZE_REASON = 'Only a vet can finalize a record';

export interface ClinicalPermissions {
  /** The signed-in staff member, null while loading or when nobody is signed in. */
  staff: StaffRow | null;
  /** Create and edit drafts, add addenda (vets and nurses, as `medicalRecord.*` allows). */
  canWrite: boolean;
  /** Finalize a draft (vets only). */
  canFinalize: boolean;
}

/**
 * What the signed-in staff member may do with clinical records. The backend checks the same
 * roles again; this only keeps the UI from offering what it would refuse.
 */
export function useClinicalPermissions(): ClinicalPermissions {
  const session = useApiQuery('session.current', {});
  const staff = session.data ?? null;
  const role = staff?.role ?? null;
  return { staff, canWrite: role === 'vet' || role === 'nurse', canFinalize: role === 'vet' };
}
