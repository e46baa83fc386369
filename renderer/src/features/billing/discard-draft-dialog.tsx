import { useMutate } from '../../api/use-mutate.js';
import { navigate } from '../../routing/routes.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';

/**
 * Discards a draft that never became an invoice (no number, no payment): it goes with its lines,
 * leaving nothing on record, and staff return to Today.
 */
export function DiscardDraftDialog({ open, billId, onClose }: { open: boolean; billId: string; onClose: () => void }) {
  const mutate = useMutate();
  return (
    <ConfirmDialog
      open={open}
      title="Discard this draft?"
      confirmLabel="Discard draft"
      cancelLabel="Keep draft"
      danger
      busy={mutate.isPending}
      onCancel={onClose}
      onConfirm={() => {
        mutate.mutate(
          { name: 'bill.discard', args: { id: billId }, success: 'Draft discarded' },
          {
            onSuccess: () => {
              onClose();
              navigate({ name: 'today', date: null });
            },
          },
        );
      }}
    >
      <p>The draft was never issued, so it has no invoice number. It is removed with its lines.</p>
    </ConfirmDialog>
  );
}
