import type { PaymentRow, WithSync } from '../../../../core/api/views.js';
import { formatDateTime, formatMoney, humanize } from '../../ui/format.js';
import { PendingMark } from '../../ui/pending-mark.js';

/** Payments received for the bill. */
export function BillPayments({ payments, currency }: { payments: WithSync<PaymentRow>[]; currency: string | null }) {
  if (payments.length === 0) return <p className="muted">No payments yet.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Received</th>
          <th>Method</th>
          <th>Reference</th>
          <th className="num">Amount</th>
        </tr>
      </thead>
      <tbody>
        {payments.map((payment) => (
          <tr key={payment.id} className={payment.pending ? 'pending' : ''}>
            <td>
              {formatDateTime(payment.paid_at)} <PendingMark pending={payment.pending} />
            </td>
            <td>{humanize(payment.method)}</td>
            <td>{payment.reference ?? '—'}</td>
            <td className="num">{formatMoney(payment.amount, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
