import { useMemo, useState } from 'react';
import type { PaymentRow, StaffRow, WithSync } from '../../../../core/api/views.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { formatDateTime, formatMoney } from '../../ui/format.js';
import { PendingMark } from '../../ui/pending-mark.js';
import { useCan } from '../identity/session-context.js';
import { moneyCents, moneyMinus, paymentKindText } from './payment-words.js';
import { VoidPaymentDialog } from './void-payment-dialog.js';

/** A staff member's name for "received by" and "voided by"; '—' when unknown. */
function staffName(staff: ReadonlyMap<string, StaffRow>, id: string | null): string {
  if (!id) return '—';
  const member = staff.get(id);
  return member?.display_name ?? member?.username ?? '—';
}

/**
 * Payments and credit uses on the bill, oldest first: what (method, or paid from credit), the
 * amount, change handed back, who took it and when. Voided rows stay, struck through, with who
 * voided them and why; admins and front desk can void a row (with a reason).
 */
export function BillPayments({ payments, currency }: { payments: WithSync<PaymentRow>[]; currency: string | null }) {
  const can = useCan();
  const staffList = useApiQuery('staff.list', {}).data;
  const staff = useMemo(() => new Map((staffList ?? []).map((member) => [member.id, member])), [staffList]);
  const [voiding, setVoiding] = useState<PaymentRow | null>(null);
  const mayVoid = can({ mutation: 'payment.void' });
  if (payments.length === 0) return <p className="muted">No payments yet.</p>;
  const sorted = [...payments].sort((a, b) => a.paid_at.localeCompare(b.paid_at));
  return (
    <>
      <div className="payments-scroll">
        <table className="table payments-table">
          <thead>
            <tr>
              <th>Received</th>
              <th>Payment</th>
              <th className="num">Amount</th>
              <th className="num">Change</th>
              {mayVoid ? (
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          {sorted.map((payment) => {
            const change = payment.tendered === null ? null : moneyMinus(payment.tendered, payment.amount);
            const voided = payment.voided_at !== null;
            // One body per payment: its row, and under a voided one the line saying who voided it and why.
            return (
              <tbody key={payment.id} data-testid="payment-row">
                <tr className={`${payment.pending ? 'pending' : ''} ${voided ? 'payment-voided' : ''}`.trim()}>
                  <td>
                    <span className="struck">{formatDateTime(payment.paid_at)}</span>{' '}
                    <PendingMark pending={payment.pending} />
                    <div className="muted payment-by">by {staffName(staff, payment.received_by)}</div>
                  </td>
                  <td className="payment-what">
                    <span className="struck">{paymentKindText(payment)}</span>
                    {payment.reference ? <span className="muted"> · {payment.reference}</span> : null}
                  </td>
                  <td className="num">
                    <span className="struck">{formatMoney(payment.amount, currency)}</span>
                    {payment.tendered !== null ? (
                      <div className="muted payment-by">of {formatMoney(payment.tendered, currency)} cash</div>
                    ) : null}
                  </td>
                  <td className="num">
                    {change !== null && moneyCents(change) > 0n ? (
                      <span className="struck">{formatMoney(change, currency)}</span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  {mayVoid ? (
                    <td className="num">
                      {voided ? null : (
                        <button
                          type="button"
                          className="btn btn-sm"
                          aria-label={`Void ${paymentKindText(payment)} ${formatMoney(payment.amount, currency)}`}
                          onClick={() => {
                            setVoiding(payment);
                          }}
                        >
                          Void…
                        </button>
                      )}
                    </td>
                  ) : null}
                </tr>
                {voided ? (
                  <tr className="void-note-row">
                    <td colSpan={mayVoid ? 5 : 4}>
                      <span className="void-note" data-testid="void-note">
                        Voided by {staffName(staff, payment.voided_by)}, {formatDateTime(payment.voided_at)}:{' '}
                        {payment.void_reason ?? '—'}
                      </span>
                    </td>
                  </tr>
                ) : null}
              </tbody>
            );
          })}
        </table>
      </div>
      <VoidPaymentDialog
        payment={voiding}
        currency={currency}
        onClose={() => {
          setVoiding(null);
        }}
      />
    </>
  );
}
