import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { paymentFields, type PaymentFields } from '../../../../core/domain/entities.js';
import { PAYMENT_METHODS } from '../../../../core/domain/enums.js';
import { newId } from '../../../../core/ids.js';
import { useMutate } from '../../api/use-mutate.js';
import { Dialog } from '../../ui/dialog.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { formatMoney, humanize } from '../../ui/format.js';

type PaymentInput = z.input<typeof paymentFields>;

interface PaymentDialogProps {
  open: boolean;
  billId: string;
  balance: string;
  currency: string | null;
  onClose: () => void;
}

/** Records money received for a bill; the amount starts at what is left to pay. */
export function PaymentDialog(props: PaymentDialogProps) {
  return (
    <Dialog open={props.open} onClose={props.onClose} label="Record payment">
      <PaymentForm {...props} />
    </Dialog>
  );
}

function PaymentForm({ billId, balance, currency, onClose }: PaymentDialogProps) {
  const mutate = useMutate();
  const form = useForm<PaymentInput, unknown, PaymentFields>({
    resolver: zodResolver(paymentFields),
    defaultValues: {
      bill_id: billId,
      amount: Number(balance) > 0 ? balance : '',
      method: 'card',
      reference: '',
      notes: '',
    },
  });
  const { errors } = form.formState;
  const amountError = errors.amount?.message;
  const referenceError = errors.reference?.message;
  return (
    <form
      noValidate
      className="dialog-body"
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          mutate.mutate(
            {
              name: 'payment.record',
              args: { ...values, id: newId() },
              success: `Payment of ${formatMoney(values.amount, currency)} recorded`,
            },
            { onSuccess: onClose },
          );
        })(event);
      }}
    >
      <h2>Record payment</h2>
      <p className="muted">Balance {formatMoney(balance, currency)}</p>
      <FormField id="payment-amount" label="Amount" error={amountError}>
        <input
          className="input num"
          inputMode="decimal"
          autoFocus
          {...describedBy('payment-amount', amountError)}
          {...form.register('amount')}
        />
      </FormField>
      <FormField id="payment-method" label="Method">
        <select id="payment-method" className="select" {...form.register('method')}>
          {PAYMENT_METHODS.map((method) => (
            <option key={method} value={method}>
              {humanize(method)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="payment-reference" label="Reference (optional)" error={referenceError}>
        <input
          className="input"
          {...describedBy('payment-reference', referenceError)}
          {...form.register('reference')}
        />
      </FormField>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={mutate.isPending}>
          Record payment
        </button>
      </div>
    </form>
  );
}
