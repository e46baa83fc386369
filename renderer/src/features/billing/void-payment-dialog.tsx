import { useState } from 'react';
import type { PaymentRow } from '../../../../core/api/views.js';
import { voidReasonSchema } from '../../../../core/domain/entities.js';
import { ErrorCode } from '../../../../core/errors.js';
import { formProblem } from '../../api/form-problem.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { useMutate } from '../../api/use-mutate.js';
import { Dialog } from '../../ui/dialog.js';
import { DialogForm } from '../../ui/dialog-form.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { formatDateTime, formatMoney } from '../../ui/format.js';
import { FormAlert } from '../identity/online-only.js';
import { creditAfterVoid, paymentKindText, VOID_PROBLEMS } from './payment-words.js';

interface VoidPaymentDialogProps {
  /** The row to void; null: the dialog is closed. */
  payment: PaymentRow | null;
  currency: string | null;
  onClose: () => void;
}

/** What voiding does to the money, in a sentence for the row's kind. */
function consequence(payment: PaymentRow, amount: string): string {
  if (payment.kind === 'refund')
    return `It no longer counts: the ${amount} goes back into the owner's credit on account.`;
  const credit = payment.kind === 'credit' ? ", and the credit returns to the owner's account" : '';
  return `It no longer counts: the bill's balance goes up by ${amount}${credit}.`;
}

/**
 * Voids a payment, credit use or refund with a reason (required: it goes on the audit trail). The
 * row stays on record, struck through, and no longer counts. Admins and front desk only.
 */
export function VoidPaymentDialog({ payment, currency, onClose }: VoidPaymentDialogProps) {
  return (
    <Dialog open={payment !== null} onClose={onClose} label="Void this payment?">
      {payment ? <VoidForm payment={payment} currency={currency} onClose={onClose} /> : null}
    </Dialog>
  );
}

function VoidForm({
  payment,
  currency,
  onClose,
}: {
  payment: PaymentRow;
  currency: string | null;
  onClose: () => void;
}) {
  const mutate = useMutate();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [alert, setAlert] = useState<{ message: string | null; error: unknown }>({ message: null, error: null });
  const amount = formatMoney(payment.amount, currency);
  // Refused up front when the credit this row left is spent: the server would refuse it anyway,
  // later, in the inbox. A payment that left no credit never takes the account below zero.
  const account = useApiQuery('owner.account', { id: payment.owner_id ?? '' }, { enabled: payment.owner_id !== null });
  const spent = account.data ? creditAfterVoid(account.data, payment.id) < 0n : false;
  const shown = spent ? (VOID_PROBLEMS[ErrorCode.InsufficientCredit]?.message ?? null) : alert.message;
  return (
    <DialogForm
      title="Void this payment?"
      submitLabel="Void payment"
      pendingLabel="Voiding…"
      pending={mutate.isPending}
      disabled={spent}
      danger
      onCancel={onClose}
      alert={<FormAlert message={shown} error={spent ? null : alert.error} />}
      onSubmit={(event) => {
        event.preventDefault();
        if (spent) return;
        const parsed = voidReasonSchema.safeParse(reason);
        if (!parsed.success) {
          setReasonError(parsed.error.issues[0]?.message ?? 'Reason is required');
          return;
        }
        setReasonError(undefined);
        setAlert({ message: null, error: null });
        mutate.mutate(
          {
            name: 'payment.void',
            // The workstation fills `base` from the row it shows (completeBase): not voided yet.
            args: { id: payment.id, void_reason: parsed.data, base: undefined },
            success: 'Payment voided',
          },
          {
            onSuccess: onClose,
            onError: (error) => {
              const problem = formProblem(error, ['void_reason'], VOID_PROBLEMS);
              if (problem.fields.void_reason) setReasonError(problem.fields.void_reason);
              setAlert({ message: problem.alert, error });
            },
          },
        );
      }}
    >
      <p>
        <strong>
          {paymentKindText(payment)} · {amount}
        </strong>{' '}
        <span className="muted">received {formatDateTime(payment.paid_at)}</span>
      </p>
      <p>
        {consequence(payment, amount)} It stays on record, struck through, with your name and the reason; nothing is
        deleted.
      </p>
      <FormField id="void-reason" label="Reason" error={reasonError}>
        <input
          className="input"
          autoFocus
          maxLength={500}
          value={reason}
          {...describedBy('void-reason', reasonError)}
          onChange={(event) => {
            setReason(event.target.value);
            setReasonError(undefined);
          }}
        />
      </FormField>
    </DialogForm>
  );
}
