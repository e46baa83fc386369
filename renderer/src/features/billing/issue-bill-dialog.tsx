import { useState } from 'react';
import { isoDate } from '../../../../core/domain/values.js';
import { useMutate } from '../../api/use-mutate.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { addDays, formatMoney, localToday } from '../../ui/format.js';

/** Days until due when the clinic has not set its own default. */
const FALLBACK_DUE_DAYS = 30;

interface IssueBillDialogProps {
  open: boolean;
  billId: string;
  total: string;
  currency: string | null;
  /** The clinic's default days until a bill is due (clinic details), null while unknown. */
  defaultDueDays: number | null;
  onClose: () => void;
}

/**
 * Issues a draft as an invoice: asks first, since its items are fixed from then on and it takes
 * the next invoice number (given by the central database, so it appears once this workstation
 * syncs). The due date starts at the clinic's default.
 */
export function IssueBillDialog({ open, billId, total, currency, defaultDueDays, onClose }: IssueBillDialogProps) {
  const mutate = useMutate();
  const [due, setDue] = useState(() => addDays(localToday(), defaultDueDays ?? FALLBACK_DUE_DAYS));
  const dueError = due !== '' && !isoDate.safeParse(due).success ? 'Use a real date' : undefined;
  return (
    <ConfirmDialog
      open={open}
      title="Issue this invoice?"
      confirmLabel="Issue invoice"
      cancelLabel="Not yet"
      busy={mutate.isPending || dueError !== undefined}
      onCancel={onClose}
      onConfirm={() => {
        if (dueError) return;
        mutate.mutate(
          { name: 'bill.issue', args: { id: billId, due_date: due || null }, success: 'Invoice issued' },
          { onSuccess: onClose },
        );
      }}
    >
      <p>
        The invoice of {formatMoney(total, currency)} is issued: its items can no longer change. It takes the next
        invoice number, which appears once this workstation syncs.
      </p>
      <FormField id="issue-due" label="Due date (optional)" error={dueError}>
        <input
          className="input"
          type="date"
          value={due}
          {...describedBy('issue-due', dueError)}
          onChange={(event) => {
            setDue(event.target.value);
          }}
        />
      </FormField>
    </ConfirmDialog>
  );
}
