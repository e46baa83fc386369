import { useState } from 'react';
import type { BillDetail } from '../../../../core/api/views.js';
import { isOpenBill, type BillTotals } from '../../../../core/domain/bill-totals.js';
import { useCan } from '../identity/session-context.js';
import { CancelBillDialog } from './cancel-bill-dialog.js';
import { PaymentDialog } from './payment-dialog.js';
import { SendBillDialog } from './send-bill-dialog.js';

type Open = 'send' | 'pay' | 'cancel' | null;

const CANCELLABLE: ReadonlySet<string> = new Set(['draft', 'sent', 'overdue']);

/** What the signed-in role can do with the bill in its status; each step asks before it acts. */
export function BillActions({ detail, totals }: { detail: BillDetail; totals: BillTotals }) {
  const { bill, items } = detail;
  const [open, setOpen] = useState<Open>(null);
  const can = useCan();
  const close = () => {
    setOpen(null);
  };
  const status = bill.status;
  return (
    <div className="row no-print">
      {status === 'draft' && can({ mutation: 'bill.send' }) ? (
        <button
          type="button"
          className="btn btn-primary"
          disabled={items.length === 0}
          title={items.length === 0 ? 'Add at least one item first' : undefined}
          onClick={() => {
            setOpen('send');
          }}
        >
          Send…
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
      <button
        type="button"
        className="btn"
        onClick={() => {
          window.print();
        }}
      >
        Print / Save as PDF
      </button>
      {CANCELLABLE.has(status) && can({ mutation: 'bill.cancel' }) ? (
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
      <SendBillDialog
        open={open === 'send'}
        billId={bill.id}
        total={totals.total}
        currency={bill.currency}
        onClose={close}
      />
      <PaymentDialog
        open={open === 'pay'}
        billId={bill.id}
        balance={totals.balance}
        currency={bill.currency}
        onClose={close}
      />
      <CancelBillDialog open={open === 'cancel'} billId={bill.id} onClose={close} />
    </div>
  );
}
