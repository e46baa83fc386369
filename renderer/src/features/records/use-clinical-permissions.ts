import type { SignedInStaff } from '../../../../core/auth/wire.js';
import { useCan, useSession } from '../identity/session-context.js';

export const WRITE_REASON = 'Only vets and nurses write clinical records';

export interface ClinicalPermissions {
  /** The signed-in staff member. */
  staff: SignedInStaff;
  /** Create and edit drafts (`medicalRecord.create` / `.update` in the permission matrix). */
  canWrite: boolean;
  /** Add an addendum to a final record. */
  canAddendum: boolean;
  /** Finalize a draft (vets only). */
  canFinalize: boolean;
}

/**
 * What the signed-in staff member may do with clinical records, from the permission matrix in
 * core. The backend and the server check the same table again; this only keeps the UI from
 * offering what they would refuse.
 */
export function useClinicalPermissions(): ClinicalPermissions {
  const staff = useSession().staff;
  const can = useCan();
  return {
    staff,
    canWrite: can({ mutation: 'medicalRecord.create' }) && can({ mutation: 'medicalRecord.update' }),
    canAddendum: can({ mutation: 'medicalRecord.addAddendum' }),
    canFinalize: can({ mutation: 'medicalRecord.finalize' }),
  };
}
