import { useState } from 'react';
import { useMutate } from '../../api/use-mutate.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';

/** Cancels a bill, with a reason; the bill stays on record as cancelled. */
export function CancelBillDialog({ open, billId, onClose }: { open: boolean; billId: string; onClose: () => void }) {
  const mutate = useMutate();
  const [reason, setReason] = useState('');
  return (
    <ConfirmDialog
      open={open}
      title="Cancel this bill?"
      confirmLabel="Cancel bill"
      cancelLabel="Keep bill"
      danger
      busy={mutate.isPending}
      onCancel={onClose}
      onConfirm={() => {
        mutate.mutate(
          {
            name: 'bill.cancel',
            args: { id: billId, cancel_reason: reason.trim() || null },
            success: 'Bill cancelled',
          },
          { onSuccess: onClose },
        );
      }}
    >
      <p>A cancelled bill cannot be changed or paid. It stays on record, marked cancelled.</p>
      <div className="field">
        <label htmlFor="cancel-bill-reason">Reason</label>
        <input
          id="cancel-bill-reason"
          className="input"
          maxLength={500}
          value={reason}
          onChange={(event) => {
            setReason(event.target.value);
          }}
        />
      </div>
    </ConfirmDialog>
  );
}
