import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { refundFields, type RefundFields } from '../../../../core/domain/entities.js';
import { newId } from '../../../../core/ids.js';
import { AmountField, PaymentMethodField } from '../billing/money-fields.js';
import { formProblem } from '../../api/form-problem.js';
import { useMutate } from '../../api/use-mutate.js';
import { Dialog } from '../../ui/dialog.js';
import { DialogForm } from '../../ui/dialog-form.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { formatMoney } from '../../ui/format.js';
import { CREDIT_PROBLEMS, isMoneyText, moneyCents } from '../billing/payment-words.js';
import { FormAlert } from '../identity/online-only.js';
import { useDirtyForm } from '../../ui/dirty-forms.js';

type RefundInput = z.input<typeof refundFields>;
const FIELDS = ['amount', 'method', 'reference', 'reason'] as const;

interface RefundDialogProps {
  open: boolean;
  ownerId: string;
  ownerName: string;
  /** The owner's credit on account, more than zero: the most that can be refunded. */
  credit: string;
  currency: string | null;
  onClose: () => void;
}

/**
 * Pays credit on account back to the owner: an amount up to the credit, how it was paid back and
 * why (required, it goes on the account and the audit trail). Admins and front desk only.
 */
export function RefundDialog(props: RefundDialogProps) {
  return (
    <Dialog open={props.open} onClose={props.onClose} label="Refund credit">
      <RefundForm {...props} />
    </Dialog>
  );
}

function RefundForm({ ownerId, ownerName, credit, currency, onClose }: RefundDialogProps) {
  const mutate = useMutate();
  const [alert, setAlert] = useState<{ message: string | null; error: unknown }>({ message: null, error: null });
  // The shared schema, plus what only this screen knows: the credit there is to refund.
  const schema = useMemo(
    () =>
      refundFields.extend({
        amount: refundFields.shape.amount.refine(
          (amount) => !isMoneyText(amount) || moneyCents(amount) <= moneyCents(credit),
          {
            message: `At most the ${formatMoney(credit, currency)} of credit on account`,
          },
        ),
      }),
    [credit, currency],
  );
  const form = useForm<RefundInput, unknown, RefundFields>({
    resolver: zodResolver(schema),
    defaultValues: { owner_id: ownerId, amount: credit, method: 'cash', reference: '', reason: '' },
  });
  useDirtyForm(form.formState.isDirty);
  const { errors } = form.formState;
  const amountError = errors.amount?.message;
  const referenceError = errors.reference?.message;
  const reasonError = errors.reason?.message;
  return (
    <DialogForm
      title="Refund credit"
      submitLabel="Refund"
      pendingLabel="Refunding…"
      pending={mutate.isPending}
      onCancel={onClose}
      alert={<FormAlert message={alert.message} error={alert.error} />}
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          setAlert({ message: null, error: null });
          mutate.mutate(
            {
              name: 'payment.refund',
              args: { ...values, id: newId() },
              success: `${formatMoney(values.amount, currency)} refunded to ${ownerName}`,
            },
            {
              onSuccess: onClose,
              onError: (error) => {
                const problem = formProblem(error, FIELDS, CREDIT_PROBLEMS);
                for (const field of FIELDS) {
                  const message = problem.fields[field];
                  if (message) form.setError(field, { message });
                }
                setAlert({ message: problem.alert, error });
              },
            },
          );
        })(event);
      }}
    >
      <p className="muted">
        {ownerName} has {formatMoney(credit, currency)} of credit on account. The refund is paid back to them now.
      </p>
      <div className="form-grid">
        <AmountField id="refund-amount" label="Amount" error={amountError} field={form.register('amount')} />
        <PaymentMethodField id="refund-method" label="Paid back by" field={form.register('method')} />
      </div>
      <FormField id="refund-reason" label="Reason" error={reasonError}>
        <input className="input" {...describedBy('refund-reason', reasonError)} {...form.register('reason')} />
      </FormField>
      <FormField id="refund-reference" label="Reference (optional)" error={referenceError}>
        <input className="input" {...describedBy('refund-reference', referenceError)} {...form.register('reference')} />
      </FormField>
    </DialogForm>
  );
}
