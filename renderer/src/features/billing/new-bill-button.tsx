import { newId } from '../../../../core/ids.js';
import { useMutate } from '../../api/use-mutate.js';
import { navigate } from '../../routing/routes.js';
import { useCan } from '../identity/session-context.js';

interface NewBillButtonProps {
  ownerId: string | null;
  patientId: string | null;
  className?: string;
}

/**
 * Opens an empty draft bill for an owner (and patient), then shows it; nothing for roles that may
 * not. A draft takes no invoice number (that comes when it is issued) and can be discarded.
 */
export function NewBillButton({ ownerId, patientId, className = 'btn' }: NewBillButtonProps) {
  const mutate = useMutate();
  const can = useCan();
  if (!can({ mutation: 'bill.create' })) return null;
  return (
    <button
      type="button"
      className={className}
      disabled={mutate.isPending}
      onClick={() => {
        const id = newId();
        mutate.mutate(
          {
            name: 'bill.create',
            args: { id, owner_id: ownerId, patient_id: patientId, notes: null, items: [] },
            success: 'Draft bill opened',
          },
          {
            onSuccess: () => {
              navigate({ name: 'bill', id });
            },
          },
        );
      }}
    >
      New bill
    </button>
  );
}
