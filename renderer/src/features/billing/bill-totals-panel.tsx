import type { BillTotals } from '../../../../core/domain/bill-totals.js';
import { formatMoney } from '../../ui/format.js';
import { moneyCents } from './payment-words.js';

/**
 * Subtotal, tax, total, paid (voided payments not counted) and what is left to pay. Money
 * received beyond the total reads as what it is, credit on the owner's account, never as a
 * negative balance.
 */
export function BillTotalsPanel({ totals, currency }: { totals: BillTotals; currency: string | null }) {
  const balance = moneyCents(totals.balance);
  return (
    <dl className="bill-totals" data-testid="bill-totals">
      <dt>Subtotal</dt>
      <dd>{formatMoney(totals.subtotal, currency)}</dd>
      <dt>Tax</dt>
      <dd>{formatMoney(totals.taxTotal, currency)}</dd>
      <dt className="bill-total">Total</dt>
      <dd className="bill-total">{formatMoney(totals.total, currency)}</dd>
      <dt>Paid</dt>
      <dd data-testid="bill-paid">{formatMoney(totals.paid, currency)}</dd>
      {balance < 0n ? (
        <>
          <dt className="bill-balance">Overpaid</dt>
          <dd className="bill-balance balance-credit" data-testid="bill-balance">
            {formatMoney(totals.balance.replace('-', ''), currency)}
            <span className="bill-credit-note"> — credit on account</span>
          </dd>
        </>
      ) : (
        <>
          <dt className="bill-balance">{balance > 0n ? 'Balance due' : 'Balance'}</dt>
          <dd className={`bill-balance ${balance > 0n ? 'balance-due' : ''}`} data-testid="bill-balance">
            {formatMoney(totals.balance, currency)}
          </dd>
        </>
      )}
    </dl>
  );
}
