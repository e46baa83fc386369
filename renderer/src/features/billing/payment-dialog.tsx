import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { centsToText } from '../../../../core/domain/bill-totals.js';
import { paymentFields, type PaymentFields } from '../../../../core/domain/entities.js';
import { newId } from '../../../../core/ids.js';
import { AmountField, PaymentMethodField } from './money-fields.js';
import { formProblem } from '../../api/form-problem.js';
import { useMutate } from '../../api/use-mutate.js';
import { Dialog } from '../../ui/dialog.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { formatMoney } from '../../ui/format.js';
import { FormAlert } from '../identity/online-only.js';
import { moneyCents } from './payment-words.js';
import { useDirtyForm } from '../../ui/dirty-forms.js';

type PaymentInput = z.input<typeof paymentFields>;

/** Who a bill is for, when it has an owner: the one whose account can hold credit. */
export interface BillOwner {
  id: string;
  name: string;
}

interface PaymentDialogProps {
  open: boolean;
  billId: string;
  balance: string;
  currency: string | null;
  /** The bill's owner; a bill without one can only give change or take the exact balance. */
  owner: BillOwner | null;
  onClose: () => void;
}

/** Where the dialog is: the form, the question an overpayment asks, or the change to hand back. */
type Step =
  | { kind: 'form' }
  | { kind: 'overpay'; values: PaymentFields; due: string; excess: string }
  | { kind: 'change'; received: string; due: string; change: string };

/**
 * Records money received for a bill; the amount starts at what is left to pay. Money beyond the
 * balance is never taken silently: the dialog asks whether it is change handed back (cash only:
 * the bill takes its balance, `tendered` keeps what was handed over) or credit kept on the
 * owner's account (the whole amount is the payment), and after change it says how much to give.
 */
export function PaymentDialog(props: PaymentDialogProps) {
  return (
    <Dialog open={props.open} onClose={props.onClose} label="Record payment">
      <PaymentFlow {...props} />
    </Dialog>
  );
}

const FIELDS = ['amount', 'method', 'tendered', 'reference'] as const;

function PaymentFlow({ billId, balance, currency, owner, onClose }: PaymentDialogProps) {
  const mutate = useMutate();
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [alert, setAlert] = useState<{ message: string | null; error: unknown }>({ message: null, error: null });
  const due = moneyCents(balance) > 0n ? balance : '0.00';
  const form = useForm<PaymentInput, unknown, PaymentFields>({
    resolver: zodResolver(paymentFields),
    defaultValues: {
      bill_id: billId,
      amount: moneyCents(due) > 0n ? due : '',
      method: 'card',
      tendered: null,
      reference: '',
      notes: '',
    },
  });
  useDirtyForm(form.formState.isDirty);
  const money = (amount: string) => formatMoney(amount, currency);

  const record = (values: PaymentFields, success: string, onSaved: () => void) => {
    setAlert({ message: null, error: null });
    mutate.mutate(
      { name: 'payment.record', args: { ...values, id: newId() }, success },
      {
        onSuccess: onSaved,
        onError: (error) => {
          setStep({ kind: 'form' });
          setAlert({ message: formProblem(error, FIELDS).alert, error });
        },
      },
    );
  };

  if (step.kind === 'change') {
    return (
      <div className="dialog-body">
        <h2>Give change</h2>
        <p className="change-due" data-testid="change-due">
          Give back {money(step.change)}
        </p>
        <p className="muted">
          Received {money(step.received)} in cash on {money(step.due)} due. The payment of {money(step.due)} is
          recorded.
        </p>
        <div className="dialog-actions">
          <button type="button" className="btn btn-primary" autoFocus onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    );
  }

  if (step.kind === 'overpay') {
    const { values, excess } = step;
    const cash = values.method === 'cash';
    const canChange = cash && moneyCents(step.due) > 0n;
    return (
      <div className="dialog-body" data-testid="overpay-question">
        <h2>More than is due</h2>
        <p className="overpay-summary">
          Received <strong>{money(values.amount)}</strong> on <strong>{money(step.due)}</strong> due:{' '}
          <strong>{money(excess)}</strong> too much.
        </p>
        <div className="overpay-choices">
          {canChange ? (
            <button
              type="button"
              className="btn overpay-choice"
              autoFocus
              disabled={mutate.isPending}
              onClick={() => {
                record(
                  { ...values, amount: step.due, tendered: values.amount },
                  `Payment of ${money(step.due)} recorded`,
                  () => {
                    setStep({ kind: 'change', received: values.amount, due: step.due, change: excess });
                  },
                );
              }}
            >
              <span className="overpay-choice-title">Give {money(excess)} change</span>
              <span className="overpay-choice-help">Cash handed back now; the bill takes {money(step.due)}</span>
            </button>
          ) : null}
          {owner ? (
            <button
              type="button"
              className="btn overpay-choice"
              autoFocus={!canChange}
              disabled={mutate.isPending}
              onClick={() => {
                record(
                  { ...values, tendered: null },
                  `Payment of ${money(values.amount)} recorded · ${money(excess)} credit on ${owner.name}'s account`,
                  onClose,
                );
              }}
            >
              <span className="overpay-choice-title">
                Keep {money(excess)} as credit on {owner.name}'s account
              </span>
              <span className="overpay-choice-help">For a later bill, or refunded</span>
            </button>
          ) : null}
        </div>
        {!cash ? <p className="muted">Change is given for cash only.</p> : null}
        {!owner ? (
          <p className="muted">
            This bill has no owner whose account could keep credit: give change (cash) or take the exact balance.
          </p>
        ) : null}
        <div className="dialog-actions">
          <button
            type="button"
            className="btn"
            autoFocus={!canChange && !owner}
            onClick={() => {
              setStep({ kind: 'form' });
            }}
          >
            Back
          </button>
        </div>
      </div>
    );
  }

  const { errors } = form.formState;
  const amountError = errors.amount?.message;
  const referenceError = errors.reference?.message;
  return (
    <form
      noValidate
      className="dialog-body"
      aria-busy={mutate.isPending}
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          const excess = moneyCents(values.amount) - moneyCents(due);
          if (excess > 0n) {
            setStep({ kind: 'overpay', values, due, excess: centsToText(excess) });
            return;
          }
          record({ ...values, tendered: null }, `Payment of ${money(values.amount)} recorded`, onClose);
        })(event);
      }}
    >
      <h2>Record payment</h2>
      <p className="muted">Balance {money(due)}</p>
      <AmountField id="payment-amount" label="Amount" error={amountError} field={form.register('amount')} />
      <PaymentMethodField id="payment-method" label="Method" field={form.register('method')} />
      <FormField id="payment-reference" label="Reference (optional)" error={referenceError}>
        <input
          className="input"
          {...describedBy('payment-reference', referenceError)}
          {...form.register('reference')}
        />
      </FormField>
      <FormAlert message={alert.message} error={alert.error} />
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
