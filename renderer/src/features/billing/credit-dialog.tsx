import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { creditUseFields, type CreditUseFields } from '../../../../core/domain/entities.js';
import { newId } from '../../../../core/ids.js';
import { formProblem } from '../../api/form-problem.js';
import { useMutate } from '../../api/use-mutate.js';
import { Dialog } from '../../ui/dialog.js';
import { DialogForm } from '../../ui/dialog-form.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { formatMoney } from '../../ui/format.js';
import { FormAlert } from '../identity/online-only.js';
import type { BillOwner } from './payment-dialog.js';
import { CREDIT_PROBLEMS, isMoneyText, moneyCents, moneyMin } from './payment-words.js';
import { useDirtyForm } from '../../ui/dirty-forms.js';

type CreditInput = z.input<typeof creditUseFields>;

interface CreditDialogProps {
  open: boolean;
  billId: string;
  /** What is left to pay on the bill. */
  balance: string;
  /** The owner's credit on account (owner.account), more than zero. */
  credit: string;
  owner: BillOwner;
  currency: string | null;
  onClose: () => void;
}

/** The dialog's title, also the button that opens it. */
export function creditActionLabel(credit: string, currency: string | null): string {
  return `Pay from credit (${formatMoney(credit, currency)} available)`;
}

/**
 * Pays (part of) the bill from the owner's credit on account: the amount starts at the smaller of
 * the credit and the balance and can be lowered. The central database refuses a use the credit no
 * longer covers (INSUFFICIENT_CREDIT), which the form explains.
 */
export function CreditDialog(props: CreditDialogProps) {
  return (
    <Dialog open={props.open} onClose={props.onClose} label="Pay from credit">
      <CreditForm {...props} />
    </Dialog>
  );
}

function CreditForm({ billId, balance, credit, owner, currency, onClose }: CreditDialogProps) {
  const mutate = useMutate();
  const [alert, setAlert] = useState<{ message: string | null; error: unknown }>({ message: null, error: null });
  const most = moneyMin(credit, balance);
  // The shared schema, plus what only this screen knows: the credit there is and the balance left.
  const schema = useMemo(
    () =>
      creditUseFields.extend({
        amount: creditUseFields.shape.amount
          .refine((amount) => !isMoneyText(amount) || moneyCents(amount) <= moneyCents(credit), {
            message: `Only ${formatMoney(credit, currency)} of credit is available`,
          })
          .refine((amount) => !isMoneyText(amount) || moneyCents(amount) <= moneyCents(balance), {
            message: `The bill has only ${formatMoney(balance, currency)} left to pay`,
          }),
      }),
    [balance, credit, currency],
  );
  const form = useForm<CreditInput, unknown, CreditUseFields>({
    resolver: zodResolver(schema),
    defaultValues: { bill_id: billId, amount: most },
  });
  useDirtyForm(form.formState.isDirty);
  const amountError = form.formState.errors.amount?.message;
  return (
    <DialogForm
      title="Pay from credit"
      submitLabel="Pay from credit"
      pendingLabel="Paying…"
      pending={mutate.isPending}
      onCancel={onClose}
      alert={<FormAlert message={alert.message} error={alert.error} />}
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          setAlert({ message: null, error: null });
          mutate.mutate(
            {
              name: 'payment.useCredit',
              args: { ...values, id: newId() },
              success: `${formatMoney(values.amount, currency)} paid from ${owner.name}'s credit`,
            },
            {
              onSuccess: onClose,
              onError: (error) => {
                setAlert({ message: formProblem(error, [], CREDIT_PROBLEMS).alert, error });
              },
            },
          );
        })(event);
      }}
    >
      <p className="muted">
        {owner.name} has {formatMoney(credit, currency)} of credit on account; the bill has{' '}
        {formatMoney(balance, currency)} left to pay.
      </p>
      <FormField id="credit-amount" label="Amount from credit" error={amountError}>
        <input
          className="input num"
          inputMode="decimal"
          autoFocus
          {...describedBy('credit-amount', amountError)}
          {...form.register('amount')}
        />
      </FormField>
    </DialogForm>
  );
}
