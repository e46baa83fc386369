import { useState } from 'react';
import type { BillDetail } from '../../../../core/api/views.js';
import { isOpenBill, type BillTotals } from '../../../../core/domain/bill-totals.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { useCan } from '../identity/session-context.js';
import { CancelBillDialog } from './cancel-bill-dialog.js';
import { CreditDialog, creditActionLabel } from './credit-dialog.js';
import { DiscardDraftDialog } from './discard-draft-dialog.js';
import { IssueBillDialog } from './issue-bill-dialog.js';
import { PaymentDialog, type BillOwner } from './payment-dialog.js';
import { moneyCents } from './payment-words.js';

type Open = 'issue' | 'pay' | 'credit' | 'cancel' | 'discard' | null;

const CANCELLABLE: ReadonlySet<string> = new Set(['draft', 'sent', 'overdue']);

interface BillActionsProps {
  detail: BillDetail;
  totals: BillTotals;
  /** The clinic's default days until due, for the issue dialog; null while unknown. */
  defaultDueDays: number | null;
  /** The bill's owner, whose account can hold credit or pay from it; null for a bill without one. */
  owner: BillOwner | null;
}

/**
 * What the signed-in role can do with the bill in its status; each step asks before it acts. A
 * draft that never had a number and holds no payment is discarded rather than cancelled: it
 * never was an invoice, so nothing of it needs to stay on record.
 */
export function BillActions({ detail, totals, defaultDueDays, owner }: BillActionsProps) {
  const { bill, items, payments } = detail;
  const [open, setOpen] = useState<Open>(null);
  const can = useCan();
  const payable = isOpenBill(bill.status) && moneyCents(totals.balance) > 0n;
  const account = useApiQuery(
    'owner.account',
    { id: owner?.id ?? '' },
    { enabled: owner !== null && payable && can({ mutation: 'payment.useCredit' }) },
  );
  const credit = account.data?.credit ?? '0.00';
  const hasCredit = owner !== null && payable && moneyCents(credit) > 0n;
  const close = () => {
    setOpen(null);
  };
  const status = bill.status;
  const discardable = status === 'draft' && bill.bill_number === null && payments.length === 0;
  return (
    <div className="row no-print">
      {status === 'draft' && can({ mutation: 'bill.issue' }) ? (
        <button
          type="button"
          className="btn btn-primary"
          disabled={items.length === 0}
          title={items.length === 0 ? 'Add at least one item first' : undefined}
          onClick={() => {
            setOpen('issue');
          }}
        >
          Issue…
        </button>
      ) : null}
      {isOpenBill(status) && can({ mutation: 'payment.record' }) ? (
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            setOpen('pay');
          }}
        >
          Record payment
        </button>
      ) : null}
      {hasCredit && can({ mutation: 'payment.useCredit' }) ? (
        <button
          type="button"
          className="btn"
          onClick={() => {
            setOpen('credit');
          }}
        >
          {creditActionLabel(credit, bill.currency)}
        </button>
      ) : null}
      <button
        type="button"
        className="btn"
        onClick={() => {
          window.print();
        }}
      >
        Print / Save as PDF
      </button>
      {discardable && can({ mutation: 'bill.discard' }) ? (
        <button
          type="button"
          className="btn"
          onClick={() => {
            setOpen('discard');
          }}
        >
          Discard draft…
        </button>
      ) : null}
      {!discardable && CANCELLABLE.has(status) && can({ mutation: 'bill.cancel' }) ? (
        <button
          type="button"
          className="btn"
          onClick={() => {
            setOpen('cancel');
          }}
        >
          Cancel bill…
        </button>
      ) : null}
      {open === 'issue' ? (
        <IssueBillDialog
          open
          billId={bill.id}
          total={totals.total}
          currency={bill.currency}
          defaultDueDays={defaultDueDays}
          onClose={close}
        />
      ) : null}
      <PaymentDialog
        open={open === 'pay'}
        billId={bill.id}
        balance={totals.balance}
        currency={bill.currency}
        owner={owner}
        onClose={close}
      />
      {owner && hasCredit ? (
        <CreditDialog
          open={open === 'credit'}
          billId={bill.id}
          balance={totals.balance}
          credit={credit}
          owner={owner}
          currency={bill.currency}
          onClose={close}
        />
      ) : null}
      <CancelBillDialog open={open === 'cancel'} billId={bill.id} onClose={close} />
      <DiscardDraftDialog open={open === 'discard'} billId={bill.id} onClose={close} />
    </div>
  );
}
