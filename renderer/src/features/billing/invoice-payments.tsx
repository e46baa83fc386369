import type { PaymentRow } from '../../../../core/api/views.js';
import { formatDate, formatMoney } from '../../ui/format.js';
import { paymentKindText } from './payment-words.js';

/**
 * The payments an invoice lists on paper, oldest first: voided ones are marked and not counted in
 * "Paid" (billTotals ignores them), so the printed balance due is the real one.
 */
export function InvoicePayments({ payments, currency }: { payments: readonly PaymentRow[]; currency: string | null }) {
  if (payments.length === 0) return null;
  const sorted = [...payments].sort((a, b) => a.paid_at.localeCompare(b.paid_at));
  return (
    <section className="print-only invoice-payments" aria-label="Payments received" data-testid="invoice-payments">
      <h2 className="card-title">Payments received</h2>
      <table className="table">
        <tbody>
          {sorted.map((payment) => (
            <tr key={payment.id} className={payment.voided_at ? 'payment-voided' : ''}>
              <td>{formatDate(payment.paid_at)}</td>
              <td>
                {paymentKindText(payment)}
                {payment.voided_at ? ' · voided, not counted' : ''}
              </td>
              <td className="num">
                <span className="struck">{formatMoney(payment.amount, currency)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
