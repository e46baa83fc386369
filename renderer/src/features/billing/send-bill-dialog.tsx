import { useState } from 'react';
import { isoDate } from '../../../../core/domain/values.js';
import { useMutate } from '../../api/use-mutate.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { addDays, formatMoney, localToday } from '../../ui/format.js';

interface SendBillDialogProps {
  open: boolean;
  billId: string;
  total: string;
  currency: string | null;
  onClose: () => void;
}

/** Issues a draft: asks first, since its items are fixed from then on. */
export function SendBillDialog({ open, billId, total, currency, onClose }: SendBillDialogProps) {
  const mutate = useMutate();
  const [due, setDue] = useState(() => addDays(localToday(), 30));
  const dueError = due !== '' && !isoDate.safeParse(due).success ? 'Use a real date' : undefined;
  return (
    <ConfirmDialog
      open={open}
      title="Send this bill?"
      confirmLabel="Send bill"
      cancelLabel="Not yet"
      busy={mutate.isPending || dueError !== undefined}
      onCancel={onClose}
      onConfirm={() => {
        if (dueError) return;
        mutate.mutate(
          { name: 'bill.send', args: { id: billId, due_date: due || null }, success: 'Bill sent' },
          { onSuccess: onClose },
        );
      }}
    >
      <p>
        The bill of {formatMoney(total, currency)} is issued: its items can no longer change. It gets its number once
        this workstation syncs.
      </p>
      <FormField id="send-due" label="Due date (optional)" error={dueError}>
        <input
          className="input"
          type="date"
          value={due}
          {...describedBy('send-due', dueError)}
          onChange={(event) => {
            setDue(event.target.value);
          }}
        />
      </FormField>
    </ConfirmDialog>
  );
}
