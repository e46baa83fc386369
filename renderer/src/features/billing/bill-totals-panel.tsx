import type { BillTotals } from '../../../../core/domain/bill-totals.js';
import { formatMoney } from '../../ui/format.js';

/** Subtotal, tax, total, paid and what is left to pay. */
export function BillTotalsPanel({ totals, currency }: { totals: BillTotals; currency: string | null }) {
  const due = Number(totals.balance) > 0;
  return (
    <dl className="bill-totals" data-testid="bill-totals">
      <dt>Subtotal</dt>
      <dd>{formatMoney(totals.subtotal, currency)}</dd>
      <dt>Tax</dt>
      <dd>{formatMoney(totals.taxTotal, currency)}</dd>
      <dt className="bill-total">Total</dt>
      <dd className="bill-total">{formatMoney(totals.total, currency)}</dd>
      <dt>Paid</dt>
      <dd>{formatMoney(totals.paid, currency)}</dd>
      <dt className="bill-balance">Balance</dt>
      <dd className={`bill-balance ${due ? 'balance-due' : ''}`} data-testid="bill-balance">
        {formatMoney(totals.balance, currency)}
      </dd>
    </dl>
  );
}
