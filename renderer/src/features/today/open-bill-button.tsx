import { newId } from '../../../../core/ids.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { useMutate } from '../../api/use-mutate.js';
import { navigate } from '../../routing/routes.js';
import { useCan } from '../identity/session-context.js';

interface OpenBillButtonProps {
  patientId: string;
  ownerId: string | null;
  onOpened?: () => void;
}

/**
 * After a visit: opens the draft bill of this owner and patient (the latest, when there are
 * several) to add to it, or else a new draft for the owner and patient, and shows it. Nothing for roles that may
 * not bill.
 */
export function OpenBillButton({ patientId, ownerId, onOpened }: OpenBillButtonProps) {
  const mutate = useMutate();
  const can = useCan();
  const chart = useApiQuery('patient.chart', { id: patientId });
  if (!can({ mutation: 'bill.create' })) return null;
  // The chart lists the patient's bills newest first.
  const draft = (chart.data?.bills ?? []).find((bill) => bill.status === 'draft' && bill.owner_id === ownerId);
  const open = (id: string) => {
    onOpened?.();
    navigate({ name: 'bill', id });
  };
  return (
    <button
      type="button"
      className="btn btn-sm btn-primary"
      disabled={mutate.isPending || chart.data === undefined}
      title={draft ? 'Add to the draft bill of this patient' : 'Start a draft bill for this visit'}
      onClick={() => {
        if (draft) {
          open(draft.id);
          return;
        }
        const id = newId();
        mutate.mutate(
          {
            name: 'bill.create',
            args: { id, owner_id: ownerId, patient_id: patientId, notes: null, items: [] },
            success: 'Draft bill opened',
          },
          {
            onSuccess: () => {
              open(id);
            },
          },
        );
      }}
    >
      Open bill
    </button>
  );
}
